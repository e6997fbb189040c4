package net.nym.plugin.validator.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rewarded-set draw, after nym-api's {@code determine_rewarded_set} ({@code
 * nym-api/src/epoch_operations/rewarded_set_assignment.rs} at Nym commit b4046a89): weighted
 * sampling without replacement with weight = stake saturation x performance^k (k = 20), first
 * the entry gateways, then the exit gateways from the remaining gateways, then the mixnodes, then
 * standby from what is left; the chosen mixnodes are shuffled and dealt into layers 1, 2, 3 in
 * turn. Differences from Nym: the random source is {@link DeterministicRandom} seeded with the
 * ledger state hash (Nym uses the OS RNG on one nym-api), and weights are integers (millionths)
 * so every replica computes the same draw.
 */
public final class Selection {
  private static final long PPM = 1_000_000L;

  private Selection() {}

  /** The selection weight of {@code node} in millionths (at least 1). */
  public static long weight(Genesis.Params params, Node node) {
    long sat = params.stakeSaturationPoint();
    long stake = Math.min(node.totalStake(), sat);
    long saturationPpm = BigInteger.valueOf(stake).multiply(BigInteger.valueOf(PPM))
        .divide(BigInteger.valueOf(sat)).longValueExact();
    int k = params.performanceExponent();
    BigInteger perf = BigInteger.valueOf(node.performancePpm());
    BigInteger scaled = k == 0 ? BigInteger.valueOf(PPM)
        : perf.pow(k).divide(BigInteger.valueOf(PPM).pow(k - 1));
    long w = BigInteger.valueOf(saturationPpm).multiply(scaled)
        .divide(BigInteger.valueOf(PPM)).longValueExact();
    return Math.max(1, w);
  }

  /** Chooses the rewarded set of epoch {@code epochId} from {@code nodes}. */
  public static RewardedSet choose(
      Genesis.Params params, Map<Long, Node> nodes, long epochId, byte[] seed) {
    DeterministicRandom rnd = new DeterministicRandom(seed);
    List<Node> all = new ArrayList<>(nodes.values());
    all.sort(Comparator.comparingLong(Node::nodeId));
    Set<Long> taken = new HashSet<>();
    List<Long> entry = draw(params, rnd, all, NodeKind.GATEWAY, taken, params.entryGateways());
    List<Long> exit = draw(params, rnd, all, NodeKind.GATEWAY, taken, params.exitGateways());
    List<Long> mix = draw(params, rnd, all, NodeKind.MIXNODE, taken, params.mixnodes());
    List<Long> standby = draw(params, rnd, all, null, taken, params.standby());
    for (int i = mix.size() - 1; i > 0; i--) {
      int j = (int) rnd.nextLong(i + 1);
      Long t = mix.get(i);
      mix.set(i, mix.get(j));
      mix.set(j, t);
    }
    List<List<Long>> layers = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < mix.size(); i++) {
      layers.get(i % 3).add(mix.get(i));
    }
    entry.sort(null);
    exit.sort(null);
    standby.sort(null);
    return new RewardedSet(epochId, entry, exit, layers.get(0), layers.get(1), layers.get(2),
        standby);
  }

  private static List<Long> draw(
      Genesis.Params params, DeterministicRandom rnd, List<Node> all, String kind,
      Set<Long> taken, int count) {
    List<Node> pool = new ArrayList<>();
    List<Long> weights = new ArrayList<>();
    for (Node n : all) {
      if (!taken.contains(n.nodeId()) && (kind == null || kind.equals(n.kind()))) {
        pool.add(n);
        weights.add(weight(params, n));
      }
    }
    List<Long> chosen = new ArrayList<>();
    while (chosen.size() < count && !pool.isEmpty()) {
      long total = 0;
      for (long w : weights) {
        total = Math.addExact(total, w);
      }
      long r = rnd.nextLong(total);
      int i = 0;
      while (r >= weights.get(i)) {
        r -= weights.get(i);
        i++;
      }
      chosen.add(pool.remove(i).nodeId());
      weights.remove(i);
    }
    taken.addAll(chosen);
    return chosen;
  }
}
