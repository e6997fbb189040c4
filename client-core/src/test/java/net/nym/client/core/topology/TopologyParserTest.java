package net.nym.client.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import net.nym.client.core.packet.Route;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;
import org.junit.jupiter.api.Test;

class TopologyParserTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static String node(long id, int port, String role, String entry, String perf) {
    return "{\"node_id\":" + id + ",\"ed25519_identity_pubkey\":\""
        + Ed25519KeyPair.generate(RANDOM).publicKey().toBase58()
        + "\",\"ip_addresses\":[\"127.0.0.1\"],\"mix_port\":" + port
        + ",\"x25519_sphinx_pubkey\":\"" + X25519KeyPair.generate(RANDOM).publicKey().toBase58()
        + "\",\"role\":" + role + ",\"supported_roles\":{\"mixnode\":true,\"entry\":false,"
        + "\"exit_nr\":false,\"exit_ipr\":false},\"entry\":" + entry + ",\"performance\":\""
        + perf + "\"}";
  }

  private static byte[] page(String... nodes) {
    return ("{\"metadata\":{\"status\":null,\"absolute_epoch_id\":7,\"rotation_id\":3,"
        + "\"refreshed_at\":\"2026-11-25T00:00:00Z\"},\"nodes\":{\"pagination\":{\"total\":"
        + nodes.length + ",\"page\":0,\"size\":" + nodes.length + "},\"data\":["
        + String.join(",", nodes) + "]}}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void buildsLayersAndGatewaysAndDropsPoorNodes() throws Exception {
    byte[] set = ("{\"epoch_id\":7,\"entry_gateways\":[9],\"exit_gateways\":[],\"layer1\":[1],"
        + "\"layer2\":[2,4],\"layer3\":[3],\"standby\":[]}").getBytes(StandardCharsets.UTF_8);
    byte[] mix = page(node(1, 1001, "{\"Mixnode\":{\"layer\":1}}", "null", "1"),
        node(2, 1002, "{\"Mixnode\":{\"layer\":2}}", "null", "0.95"),
        node(4, 1004, "{\"Mixnode\":{\"layer\":2}}", "null", "0.3"),
        node(3, 1003, "{\"Mixnode\":{\"layer\":3}}", "null", "1"));
    byte[] gws = page(node(9, 1009, "\"EntryGateway\"",
        "{\"hostname\":null,\"ws_port\":9000,\"wss_port\":null}", "1"));
    Topology t = TopologyParser.parse(set, mix, gws);
    assertThat(t.epoch()).isEqualTo(7);
    assertThat(t.rotationId()).isEqualTo(3);
    assertThat(t.layers().get(1)).extracting(TopologyNode::nodeId).containsExactly(2L);
    assertThat(t.routable()).isTrue();
    TopologyNode gw = t.gateways().values().iterator().next();
    assertThat(gw.websocketUri().toString()).isEqualTo("ws://127.0.0.1:9000");
    Route r = t.route(gw.identity(), Duration.ofMillis(15), RANDOM);
    assertThat(r.hops()).hasSize(4);
    assertThat(r.hops().get(3).address().port()).isEqualTo(1009);
    assertThat(r.hops().get(0).address().port()).isEqualTo(1001);
    // Avoiding a node keeps to the others of its layer, unless none is left.
    assertThat(t.route(gw.identity(), Duration.ZERO, RANDOM, a -> a.port() == 1001).hops()
        .get(0).address().port()).isEqualTo(1001);
  }
}
