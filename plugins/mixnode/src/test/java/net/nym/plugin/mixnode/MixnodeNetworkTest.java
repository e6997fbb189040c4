package net.nym.plugin.mixnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.packet.PacketType;
import net.nym.crypto.sphinx.Delays;
import net.nym.crypto.sphinx.FinalHop;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.crypto.sphinx.SphinxProcessor;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.tools.FrameClient;
import net.nym.mixnet.tools.FrameSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three mixnodes (one per layer) made by the plugin's service factory inside one host, with a test
 * sink as the gateway, over loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MixnodeNetworkTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final X25519KeyPair GATEWAY = X25519KeyPair.generate(RANDOM);

  private NymWithMixnode nym;
  private EventLoopGroup sinkLoop;
  private FrameSink sink;
  private final List<String> ids = List.of("layer1", "layer2", "layer3");
  private final List<NymService> nodes = new ArrayList<>();
  private final List<SphinxNode> route = new ArrayList<>();
  private final List<Integer> httpPorts = new ArrayList<>();

  @BeforeAll
  void startNetwork(@TempDir Path dir) throws Exception {
    nym = new NymWithMixnode(dir);
    sinkLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    sink = FrameSink.start(sinkLoop);
    for (String id : ids) {
      int mixPort = freePort();
      int httpPort = freePort();
      NymWithMixnode.Result r =
          nym.run(
              "mixnode",
              "init",
              "--id",
              id,
              "--host",
              "127.0.0.1",
              "--mix-port",
              String.valueOf(mixPort),
              "--http-api-port",
              String.valueOf(httpPort),
              "-o",
              "json");
      assertThat(r.exitCode()).as(r.err()).isZero();
      tuneForTests(nym.home(id).configFile());
      NymService node = nym.create(id);
      assertThat(node.health().status()).isEqualTo(Health.Status.STARTING);
      node.start();
      nodes.add(node);
      httpPorts.add(httpPort);
      route.add(
          new SphinxNode(
              NodeAddress.of(new byte[] {127, 0, 0, 1}, mixPort),
              X25519PublicKey.fromBase58(r.json().get("sphinx_key").asText())));
    }
  }

  /** A small replay filter and short grace, so that restarts are quick; loopback only. */
  private static void tuneForTests(Path config) throws Exception {
    String text =
        Files.readString(config)
            .replace("window = \"30m\"", "window = \"1m\"")
            .replace("packets_per_second = 2000", "packets_per_second = 200")
            .replace("shutdown_grace = \"5s\"", "shutdown_grace = \"1s\"")
            .replace("bind_address = \"0.0.0.0\"", "bind_address = \"127.0.0.1\"");
    Files.writeString(config, text);
  }

  @AfterAll
  void stopNetwork() {
    for (NymService n : nodes) {
      n.stop();
    }
    if (sink != null) {
      sink.close();
    }
    if (sinkLoop != null) {
      sinkLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    nym.close();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private SphinxPacket packet(List<SphinxNode> mixes, List<Duration> delays, String message) {
    List<SphinxNode> all = new ArrayList<>(mixes);
    all.add(new SphinxNode(sink.address(), GATEWAY.publicKey()));
    List<Duration> d = new ArrayList<>(delays);
    d.add(Duration.ZERO);
    return SphinxPacket.builder()
        .route(all)
        .delays(d)
        .destination(SphinxDestination.of(new byte[32]))
        .random(RANDOM)
        .build(message.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(SphinxNode to, SphinxPacket p) throws Exception {
    try (FrameClient c = FrameClient.connect(to.address().toSocketAddress())) {
      c.send(Frame.of(FramingVersion.V8, PacketType.MIX, KeyRotation.UNKNOWN, p.toBytes()));
    }
  }

  private static String message(FrameSink.Received r) throws Exception {
    FinalHop hop = (FinalHop) new SphinxProcessor(GATEWAY).process(r.frame().packet());
    return new String(hop.message(), StandardCharsets.UTF_8);
  }

  private FrameSink.Received receive() throws InterruptedException {
    FrameSink.Received r = sink.poll(10, TimeUnit.SECONDS);
    assertThat(r).as("a packet reached the sink").isNotNull();
    return r;
  }

  @Test
  void aPacketCrossesAllThreeLayers() throws Exception {
    send(
        route.get(0),
        packet(
            route, List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO), "through three layers"));
    FrameSink.Received r = receive();
    assertThat(message(r)).isEqualTo("through three layers");
    assertThat(r.frame().version()).isEqualTo(FramingVersion.V7);
    for (NymService n : nodes) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> ((Number) n.health().metrics().get("packets_sent")).longValue() >= 1);
      assertThat(n.health().status()).isEqualTo(Health.Status.UP);
    }
  }

  @Test
  void eachLayerHoldsPacketsForTheirHeaderDelays() throws Exception {
    // Warm each node's path to the sink, so that connection set-up is not measured.
    for (SphinxNode n : route) {
      send(n, packet(List.of(n), List.of(Duration.ZERO), "warm-up"));
      receive();
    }
    long[] delays = {250, 400, 150};
    for (int i = 0; i < route.size(); i++) {
      long t0 = System.nanoTime();
      send(
          route.get(i),
          packet(List.of(route.get(i)), List.of(Duration.ofMillis(delays[i])), "hop" + i));
      FrameSink.Received r = receive();
      assertThat(message(r)).isEqualTo("hop" + i);
      long held = (r.arrivalNanos() - t0) / 1_000_000;
      assertThat(held)
          .as("layer %d held the packet for its %d ms delay", i + 1, delays[i])
          .isBetween(delays[i], delays[i] + 150);
    }
    long t0 = System.nanoTime();
    send(
        route.get(0),
        packet(
            route,
            List.of(
                Duration.ofMillis(delays[0]),
                Duration.ofMillis(delays[1]),
                Duration.ofMillis(delays[2])),
            "all three"));
    FrameSink.Received r = receive();
    assertThat(message(r)).isEqualTo("all three");
    long total = (r.arrivalNanos() - t0) / 1_000_000;
    assertThat(total).as("end-to-end = sum of the three delays").isBetween(800L, 800L + 250);
  }

  @Test
  void packetsWithExponentialDelaysArriveAfterTheirSampledDelays() throws Exception {
    send(
        route.get(0),
        packet(route, List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO), "warm-up"));
    receive();
    // Nym's delays: exponential per hop; mean 40 ms keeps the test short.
    int n = 12;
    Map<String, Long> expectedMs = new HashMap<>();
    Map<String, Long> sentAt = new HashMap<>();
    try (FrameClient c = FrameClient.connect(route.get(0).address().toSocketAddress())) {
      for (int i = 0; i < n; i++) {
        List<Duration> delays = Delays.exponential(3, Duration.ofMillis(40), RANDOM);
        String id = "exp" + i;
        expectedMs.put(id, delays.stream().mapToLong(Duration::toMillis).sum());
        sentAt.put(id, System.nanoTime());
        c.send(
            Frame.of(
                FramingVersion.V8,
                PacketType.MIX,
                KeyRotation.UNKNOWN,
                packet(route, delays, id).toBytes()));
      }
    }
    // Every packet first, then the checks: a late one must not be left in the sink for the
    // next test to read.
    List<FrameSink.Received> received = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      received.add(receive());
    }
    for (FrameSink.Received r : received) {
      String id = message(r);
      long heldMs = (r.arrivalNanos() - sentAt.get(id)) / 1_000_000;
      assertThat(heldMs)
          .as("%s: three hops holding %d ms in all", id, expectedMs.get(id))
          .isBetween(expectedMs.get(id), expectedMs.get(id) + 200);
    }
  }

  @Test
  void aReplayIsDroppedAlsoAfterARestart() throws Exception {
    SphinxNode first = route.get(2);
    SphinxPacket p = packet(List.of(first), List.of(Duration.ZERO), "only once");
    send(first, p);
    assertThat(message(receive())).isEqualTo("only once");
    send(first, p);
    NymService node = nodes.get(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> dropped(httpPorts.get(2), "replayed") == 1);

    node.stop();
    assertThat(node.health().status()).isEqualTo(Health.Status.DOWN);
    assertThat(nym.home("layer3").dataDir().resolve("replay_filter.bloom")).exists();
    NymService restarted = nym.create("layer3");
    restarted.start();
    nodes.set(2, restarted);
    send(first, p);
    send(first, packet(List.of(first), List.of(Duration.ZERO), "fresh"));
    assertThat(message(receive())).isEqualTo("fresh");
    await().atMost(Duration.ofSeconds(5)).until(() -> dropped(httpPorts.get(2), "replayed") == 1);
    assertThat(sink.poll(200, TimeUnit.MILLISECONDS)).as("the replay never arrives").isNull();
  }

  @Test
  void badInputIsRefusedWhileGoodTrafficFlows() throws Exception {
    SphinxNode n = route.get(1);
    try (FrameClient garbage = FrameClient.connect(n.address().toSocketAddress())) {
      garbage.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(garbage.awaitClosedByPeer(5_000)).isTrue();
    }
    send(n, packet(List.of(n), List.of(Duration.ZERO), "still here"));
    assertThat(message(receive())).isEqualTo("still here");
    JsonNode stats = get(httpPorts.get(1), "/api/v1/metrics/packets-stats");
    assertThat(stats.at("/connections_refused/unsupported_version").asLong()).isEqualTo(1);
  }

  @Test
  void theHttpApiAnswers() throws Exception {
    nym.run("mixnode", "describe", "--id", "layer1", "--name", "first");
    JsonNode health = get(httpPorts.get(0), "/api/v1/health");
    assertThat(health.get("status").asText()).isEqualTo("up");
    JsonNode build = get(httpPorts.get(0), "/api/v1/build-information");
    assertThat(build.get("binary_name").asText()).isEqualTo("nym-mixnode");
    assertThat(get(httpPorts.get(0), "/api/v1/description").has("moniker")).isTrue();
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPorts.get(0) + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("nym_mixnet_packets_received_total");
  }

  @Test
  void aPortInUseIsReportedAndReleasesEverything() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      NymWithMixnode.Result r =
          nym.run(
              "mixnode",
              "init",
              "--id",
              "busy",
              "--host",
              "127.0.0.1",
              "--mix-port",
              String.valueOf(busy.getLocalPort()),
              "--http-api-port",
              String.valueOf(freePort()));
      assertThat(r.exitCode()).as(r.err()).isZero();
      tuneForTests(nym.home("busy").configFile());
      NymService node = nym.create("busy");
      assertThatThrownBy(node::start)
          .hasMessageContaining("cannot listen on")
          .hasMessageContaining(String.valueOf(busy.getLocalPort()));
      assertThat(node.health().status()).isEqualTo(Health.Status.DOWN);
      node.stop();
    }
  }

  private long dropped(int httpPort, String reason) throws Exception {
    return get(httpPort, "/api/v1/metrics/packets-stats").at("/dropped/" + reason).asLong();
  }

  private static JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }
}
