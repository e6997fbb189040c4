package net.nym.plugin.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.nym.api.service.NymService;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.gateway.ServerResponse;
import net.nym.mixnet.tools.FrameClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nym gateway run} in a child JVM, killed with SIGKILL while it holds messages for an
 * offline client: after a restart the client gets each of them exactly once.
 */
class GatewayKillTest {

  @Test
  void storedMessagesSurviveSigkill(@TempDir Path dir) throws Exception {
    try (NymWithGateway nym = new NymWithGateway(dir)) {
      NymWithGateway.Result init = nym.init("gateway", "kill", s -> s);
      Ed25519PublicKey gwIdentity =
          Ed25519PublicKey.fromBase58(init.json().get("identity_key").asText());
      SphinxNode gw = new SphinxNode(
          NodeAddress.of(new byte[] {127, 0, 0, 1}, init.json().get("mix_port").asInt()),
          X25519PublicKey.fromBase58(init.json().get("sphinx_key").asText()));
      URI ws = URI.create(init.json().get("clients_address").asText());
      int httpPort = init.json().get("http_api_port").asInt();

      ProcessBuilder pb = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-Dnym.install=" + dir.resolve("install"),
          "net.nym.cli.Nym", "--home", nym.homes().toString(), "gateway", "run", "--id", "kill");
      pb.redirectErrorStream(true);
      Process p = pb.start();
      StringBuilder output = new StringBuilder();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            synchronized (output) {
              output.append(line).append('\n');
            }
          }
        } catch (java.io.IOException e) {
          // the process ended
        }
      });
      reader.start();
      Ed25519KeyPair carol = Ed25519KeyPair.generate(ProtocolClient.RANDOM);
      GatewaySharedKey key;
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          synchronized (output) {
            return output.toString().contains("running") || !p.isAlive();
          }
        });
        assertThat(p.isAlive()).as("gateway running; output:%n%s", output).isTrue();
        try (ProtocolClient c = ProtocolClient.connect(ws, carol)) {
          c.register(gwIdentity, false);
          key = c.key;
        }
        try (FrameClient f = FrameClient.connect(gw.address().toSocketAddress())) {
          for (int i = 0; i < 3; i++) {
            SphinxPacket packet = SphinxPacket.builder().route(List.of(gw))
                .delays(List.of(Duration.ZERO))
                .destination(SphinxDestination.of(carol.publicKey().toBytes()))
                .packetSize(PacketSize.ACK).random(ProtocolClient.RANDOM)
                .build(("kept-across-a-kill-" + i + "x").getBytes(StandardCharsets.UTF_8));
            f.send(Frame.of(FramingVersion.V7, PacketType.MIX, KeyRotation.UNKNOWN,
                packet.toBytes()));
          }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(httpPort) == 3);
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        p.destroyForcibly();
      }
      reader.join(5_000);

      NymService restarted = nym.create("gateway", "kill");
      restarted.start();
      try {
        long ts = ProtocolClient.now();
        try (ProtocolClient c = ProtocolClient.connect(ws, carol)) {
          c.key = key;
          c.authenticateV2(ts);
          List<String> got = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            got.add(new String(c.nextPushed().plaintext(), StandardCharsets.UTF_8));
          }
          assertThat(got).as("each once (Sphinx workers may reorder)")
              .containsExactlyInAnyOrder("kept-across-a-kill-0x", "kept-across-a-kill-1x",
                  "kept-across-a-kill-2x");
          assertThat(((ServerResponse.Authenticate) c.nextResponse()).status()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> stored(httpPort) == 0);
        await().atMost(Duration.ofSeconds(5)).until(() ->
            ((Number) restarted.health().metrics().get("authenticated_clients")).intValue() == 0);
        try (ProtocolClient c = ProtocolClient.connect(ws, carol)) {
          c.key = key;
          c.authenticateV2(ts + 1);
          assertThat(c.next()).as("delivered once: the response comes first")
              .isInstanceOf(ProtocolClient.Text.class);
        }
      } finally {
        restarted.stop();
      }
    }
  }

  private static long stored(int port) {
    try {
      var r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/v1/gateway/stats")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body())
          .get("stored_messages").asLong();
    } catch (Exception e) {
      return -1;
    }
  }

}
