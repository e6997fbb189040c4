package net.nym.plugin.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.nym.api.service.NymService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nym's own client ({@code @nymproject/nym-client-wasm-node} 1.4.1, its node tester) against our
 * gateway and mixnodes on loopback, with a hand-made topology. Installs the package with npm into
 * a temporary directory; skipped only when npm is absent.
 */
@Tag("interop")
class WasmClientInteropTest {

  private static boolean has(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String run(Path dir, long timeoutSeconds, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void nymsWasmNodeTesterRegistersAndSendsThroughOurNodes(@TempDir Path dir) throws Exception {
    assumeTrue(has("npm") && has("node"), "npm and node are needed");
    Path js = dir.resolve("js");
    Files.createDirectories(js);
    Files.copy(Path.of(getClass().getResource("/wasm-interop/tester.js").toURI()),
        js.resolve("tester.js"));
    // --prefer-offline: a package already in npm's cache is used without asking the registry.
    String install = run(js, 300, "npm", "install", "--prefer-offline", "--no-audit", "--no-fund",
        "@nymproject/nym-client-wasm-node@1.4.1", "ws@8", "fake-indexeddb@6");
    assertThat(js.resolve("node_modules/@nymproject/nym-client-wasm-node")).as(install).exists();

    try (NymWithGateway nym = new NymWithGateway(dir.resolve("nym"))) {
      List<NymService> nodes = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      ObjectNode topology = json.createObjectNode();
      ObjectNode meta = topology.putObject("metadata");
      meta.put("key_rotation_id", 0);
      meta.put("absolute_epoch_id", 1);
      // RFC 3339 with seconds always written: OffsetDateTime.toString() drops ":00" seconds,
      // which Nym's parser refuses (one run in sixty failed that way).
      meta.put("refreshed_at", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0)));
      ObjectNode set = topology.putObject("rewardedSet");
      set.put("epoch_id", 1);
      ObjectNode details = topology.putObject("nodeDetails");
      String mixIdentity = null;
      String gwIdentity = null;
      try {
        for (int i = 1; i <= 4; i++) {
          boolean gw = i == 4;
          String kind = gw ? "gateway" : "mixnode";
          NymWithGateway.Result r = nym.init(kind, "n" + i, s -> s);
          NymService n = nym.create(kind, "n" + i);
          n.start();
          nodes.add(n);
          ObjectNode d = details.putObject(String.valueOf(i));
          d.put("nodeId", i);
          d.put("mixHost", "127.0.0.1:" + r.json().get("mix_port").asInt());
          if (gw) {
            ObjectNode entry = d.putObject("entry");
            entry.putArray("ip_addresses").add("127.0.0.1");
            entry.put("clients_ws_port", r.json().get("clients_port").asInt());
            entry.putNull("hostname");
            entry.putNull("clients_wss_port");
            gwIdentity = r.json().get("identity_key").asText();
          } else {
            d.putNull("entry");
            mixIdentity = mixIdentity == null ? r.json().get("identity_key").asText()
                : mixIdentity;
          }
          d.put("identityKey", r.json().get("identity_key").asText());
          d.put("sphinxKey", r.json().get("sphinx_key").asText());
          ObjectNode roles = d.putObject("supportedRoles");
          roles.put("mixnode", !gw);
          roles.put("mixnet_entry", gw);
          roles.put("mixnet_exit", gw);
        }
        set.set("entry_gateways", json.createArrayNode().add(4));
        set.set("exit_gateways", json.createArrayNode().add(4));
        for (int layer = 1; layer <= 3; layer++) {
          ArrayNode a = json.createArrayNode().add(layer);
          set.set("layer" + layer, a);
        }
        set.set("standby", json.createArrayNode());
        Path file = js.resolve("topology.json");
        Files.writeString(file, json.writeValueAsString(topology));
        String out = run(js, 120, "node", "tester.js", file.toString(), gwIdentity, mixIdentity);
        NymService gateway = nodes.get(3);
        System.out.println(out);
        // Registered with our gateway (handshake, key), sent 5 test packets through our mixnode
        // and our gateway, and got all 5 back with their acks.
        assertThat(out).as(out).contains("SETUP_OK").contains("Received (valid) packets: 5")
            .contains("SCORE 100");
        assertThat(gateway.health().metrics()).containsEntry("registrations", 1L);
      } finally {
        for (NymService n : nodes) {
          n.stop();
        }
      }
    }
  }
}
