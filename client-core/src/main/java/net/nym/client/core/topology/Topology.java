package net.nym.client.core.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import net.nym.client.core.packet.Route;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.sphinx.Delays;
import net.nym.crypto.sphinx.SphinxNode;

/**
 * One epoch's topology: the active mixnodes by layer and the gateways (nym-wire §7.3). Immutable.
 *
 * @param epoch the absolute epoch id
 * @param rotationId the key rotation id
 * @param layers the mixnodes of layers 1, 2, 3
 * @param gateways the gateways by identity
 */
public record Topology(long epoch, long rotationId, List<List<TopologyNode>> layers,
    Map<Ed25519PublicKey, TopologyNode> gateways) {
  /** Nym's minimum performance for routing (50 %). */
  public static final double MIN_PERFORMANCE = 0.5;

  /** Copies the collections. */
  public Topology {
    List<List<TopologyNode>> l = new ArrayList<>();
    layers.forEach(x -> l.add(List.copyOf(x)));
    layers = List.copyOf(l);
    gateways = Map.copyOf(new HashMap<>(gateways));
  }

  /** Whether each layer has a node and there is a gateway ({@code is_minimally_routable}). */
  public boolean routable() {
    if (layers.size() != 3 || gateways.isEmpty()) {
      return false;
    }
    for (List<TopologyNode> layer : layers) {
      if (layer.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The gateway with this identity. */
  public Optional<TopologyNode> gateway(Ed25519PublicKey identity) {
    return Optional.ofNullable(gateways.get(identity));
  }

  /**
   * A random route to {@code egress}: one uniformly random mixnode per layer, then the gateway;
   * delays exponential with mean {@code meanDelay} (zero delays if the mean is zero).
   *
   * @throws IllegalStateException if the topology is not routable or the gateway is unknown
   */
  public Route route(Ed25519PublicKey egress, Duration meanDelay, RandomGenerator random) {
    return route(egress, meanDelay, random, a -> false);
  }

  /**
   * Like {@link #route(Ed25519PublicKey, Duration, RandomGenerator)}, but in each layer the
   * mixnodes for which {@code avoid} holds are skipped while the layer has others.
   */
  public Route route(Ed25519PublicKey egress, Duration meanDelay, RandomGenerator random,
      java.util.function.Predicate<net.nym.crypto.address.NodeAddress> avoid) {
    if (!routable()) {
      throw new IllegalStateException("the topology of epoch " + epoch + " is not routable");
    }
    TopologyNode gw = gateway(egress).orElseThrow(() -> new IllegalStateException(
        "gateway " + egress + " is not in the topology of epoch " + epoch));
    List<SphinxNode> hops = new ArrayList<>(4);
    for (List<TopologyNode> layer : layers) {
      hops.add(pick(layer, random, avoid).sphinx());
    }
    hops.add(gw.sphinx());
    List<Duration> delays = meanDelay.isZero()
        ? List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO)
        : Delays.exponential(4, meanDelay, random);
    return new Route(hops, delays);
  }

  /**
   * A uniformly random node of {@code layer} for which {@code avoid} does not hold, or of the
   * whole layer if it holds for all. Loops rather than a stream: a client picks two routes per
   * packet.
   */
  private static TopologyNode pick(List<TopologyNode> layer, RandomGenerator random,
      java.util.function.Predicate<net.nym.crypto.address.NodeAddress> avoid) {
    int size = layer.size();
    boolean[] avoided = new boolean[size];
    int ok = 0;
    for (int i = 0; i < size; i++) {
      avoided[i] = avoid.test(layer.get(i).mixAddress());
      if (!avoided[i]) {
        ok++;
      }
    }
    if (ok == 0) {
      return layer.get(random.nextInt(size));
    }
    int k = random.nextInt(ok);
    for (int i = 0; ; i++) {
      if (!avoided[i] && k-- == 0) {
        return layer.get(i);
      }
    }
  }
}
