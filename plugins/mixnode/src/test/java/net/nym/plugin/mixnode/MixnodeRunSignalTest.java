package net.nym.plugin.mixnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.packet.PacketType;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.tools.FrameClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nym mixnode run} in a child JVM, stopped with SIGTERM: it stops gracefully, saves its
 * replay filter and reports in its log what it dropped.
 */
class MixnodeRunSignalTest {

  @Test
  void sigtermStopsTheNodeGracefully(@TempDir Path dir) throws Exception {
    Path install = dir.resolve("install");
    int mixPort;
    int httpPort;
    try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      mixPort = a.getLocalPort();
      httpPort = b.getLocalPort();
    }
    String sphinxKey;
    try (NymWithMixnode nym = new NymWithMixnode(dir.resolve("setup"))) {
      NymWithMixnode.Result r =
          nym.run(
              "--home",
              dir.resolve("nym").toString(),
              "mixnode",
              "init",
              "--id",
              "sig",
              "--host",
              "127.0.0.1",
              "--mix-port",
              String.valueOf(mixPort),
              "--http-api-port",
              String.valueOf(httpPort),
              "-o",
              "json");
      assertThat(r.exitCode()).as(r.err()).isZero();
      sphinxKey = r.json().get("sphinx_key").asText();
      Files.createDirectories(install.resolve("plugins"));
      Path jar = Path.of(System.getProperty("nym.test.pluginJar"));
      Files.copy(jar, install.resolve("plugins").resolve(jar.getFileName()));
    }
    Path home = dir.resolve("nym").resolve("mixnode").resolve("sig");
    Path config = home.resolve("config").resolve("config.toml");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("window = \"30m\"", "window = \"1m\"")
            .replace("shutdown_grace = \"5s\"", "shutdown_grace = \"1s\"")
            .replace("bind_address = \"0.0.0.0\"", "bind_address = \"127.0.0.1\""));

    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-Dnym.install=" + install,
            "net.nym.cli.Nym",
            "--home",
            dir.resolve("nym").toString(),
            "mixnode",
            "run",
            "--id",
            "sig");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
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
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                synchronized (output) {
                  return output.toString().contains("running") || !p.isAlive();
                }
              });
      assertThat(p.isAlive()).as("node running; output:%n%s", output).isTrue();

      // A packet that asks to be held for a minute is still held when SIGTERM comes.
      X25519KeyPair gateway = X25519KeyPair.generate(new SecureRandom());
      SphinxNode node =
          new SphinxNode(
              NodeAddress.of(new byte[] {127, 0, 0, 1}, mixPort),
              X25519PublicKey.fromBase58(sphinxKey));
      SphinxPacket packet =
          SphinxPacket.builder()
              .route(
                  List.of(
                      node,
                      new SphinxNode(
                          NodeAddress.of(new byte[] {127, 0, 0, 1}, 9), gateway.publicKey())))
              .delays(List.of(Duration.ofSeconds(9), Duration.ZERO))
              .destination(SphinxDestination.of(new byte[32]))
              .random(new SecureRandom())
              .build(new byte[] {1});
      try (FrameClient c =
          FrameClient.connect(
              NodeAddress.of(new byte[] {127, 0, 0, 1}, mixPort).toSocketAddress())) {
        c.send(Frame.of(FramingVersion.V7, PacketType.MIX, KeyRotation.UNKNOWN, packet.toBytes()));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> httpHeld(httpPort) == 1);

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    } finally {
      p.destroyForcibly();
    }
    reader.join(5_000);
    assertThat(home.resolve("data").resolve("replay_filter.bloom")).exists();
    String log =
        Files.exists(home.resolve("logs").resolve("nym.log"))
            ? Files.readString(home.resolve("logs").resolve("nym.log"))
            : "";
    String all = log + output;
    assertThat(all)
        .as("the stop is reported")
        .contains("1 still delayed")
        .contains("replay filter saved (1 tags)");
  }

  private static long httpHeld(int port) {
    try {
      var r =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://127.0.0.1:" + port + "/api/v1/metrics/packets-stats"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(r.body())
          .at("/ingress_mixing/forward_hop_packets_received")
          .asLong();
    } catch (Exception e) {
      return -1;
    }
  }
}
