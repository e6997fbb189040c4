package net.nym.client.core.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519PublicKey;

/**
 * Builds a {@link Topology} from the three nym-api answers a Nym client fetches (nym-wire §7.1,
 * §7.2): {@code v1/nym-nodes/rewarded-set}, {@code .../skimmed/mixnodes/active}, {@code
 * .../skimmed/entry-gateways}. Nodes without IP addresses, with bad keys or below 50 %
 * performance are left out; a mixnode's layer comes from the rewarded set.
 */
public final class TopologyParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TopologyParser() {}

  /**
   * Parses the three bodies.
   *
   * @throws IOException if a body is not the expected JSON
   */
  public static Topology parse(byte[] rewardedSet, byte[] mixnodes, byte[] gatewayNodes)
      throws IOException {
    JsonNode set = JSON.readTree(rewardedSet);
    Map<Long, Integer> layerOf = new HashMap<>();
    for (int l = 1; l <= 3; l++) {
      for (JsonNode id : set.path("layer" + l)) {
        layerOf.put(id.asLong(), l);
      }
    }
    JsonNode mix = JSON.readTree(mixnodes);
    JsonNode gws = JSON.readTree(gatewayNodes);
    long epoch = mix.path("metadata").path("absolute_epoch_id").asLong();
    long rotation = mix.path("metadata").path("rotation_id").asLong();
    List<List<TopologyNode>> layers = List.of(new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>());
    Set<Long> seen = new HashSet<>();
    for (JsonNode n : mix.path("nodes").path("data")) {
      long id = n.path("node_id").asLong();
      Integer layer = layerOf.get(id);
      TopologyNode node = node(n, layer == null ? 0 : layer);
      if (node != null && layer != null && seen.add(id)) {
        layers.get(layer - 1).add(node);
      }
    }
    Map<Ed25519PublicKey, TopologyNode> gateways = new HashMap<>();
    for (JsonNode n : gws.path("nodes").path("data")) {
      TopologyNode node = node(n, 0);
      if (node != null && node.wsPort() > 0) {
        gateways.put(node.identity(), node);
      }
    }
    return new Topology(epoch, rotation, layers, gateways);
  }

  private static TopologyNode node(JsonNode n, int layer) {
    try {
      JsonNode ips = n.path("ip_addresses");
      if (!ips.isArray() || ips.isEmpty()) {
        return null;
      }
      double perf = Double.parseDouble(n.path("performance").asText("1"));
      if (Math.floor(100 * perf) < 100 * Topology.MIN_PERFORMANCE) {
        return null;
      }
      String host = ips.get(0).asText();
      int mixPort = n.path("mix_port").asInt();
      // Literal IPs only: the topology never makes us resolve names.
      if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return null;
      }
      NodeAddress addr = NodeAddress.of(InetAddress.getByName(host).getAddress(), mixPort);
      JsonNode entry = n.path("entry");
      int ws = entry.isObject() ? entry.path("ws_port").asInt() : 0;
      return new TopologyNode(n.path("node_id").asLong(),
          Ed25519PublicKey.fromBase58(n.path("ed25519_identity_pubkey").asText()),
          X25519PublicKey.fromBase58(n.path("x25519_sphinx_pubkey").asText()), addr, host, ws,
          layer, perf);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
