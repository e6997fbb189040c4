package net.nym.mixnet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.crypto.sphinx.FinalHop;
import net.nym.crypto.sphinx.ForwardHop;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.crypto.sphinx.SphinxProcessor;
import net.nym.mixnet.forward.OutboundConnections;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.PacketCounters;
import net.nym.mixnet.metrics.Refusal;
import net.nym.mixnet.replay.ReplayFilter;
import net.nym.mixnet.tools.FrameClient;
import net.nym.mixnet.tools.FrameSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mixing engine over real loopback sockets. */
class MixServerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static EventLoopGroup group;

  @TempDir Path dir;
  private final List<MixServer> servers = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeAll
  static void loops() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopLoops() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (MixServer s : servers) {
      s.stop();
    }
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  static MixServerSettings settings(String name, Path dataDir) {
    return new MixServerSettings(
        name,
        new InetSocketAddress("127.0.0.1", 0),
        PacketSize.largest(),
        64,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        FramingVersion.V7,
        2,
        1000,
        10_000,
        new OutboundConnections.Settings(
            2000, 100, Duration.ofMillis(1500), Duration.ofMillis(100), Duration.ofSeconds(1)),
        new ReplayFilter.Settings(200, Duration.ofMinutes(10), 1e-5),
        dataDir.resolve(name + "-replay.bloom"),
        Duration.ofMinutes(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(2));
  }

  private record Node(MixServer server, X25519KeyPair key) {
    SphinxNode route() {
      return new SphinxNode(NodeAddress.of(server.localAddress()), key.publicKey());
    }
  }

  private Node node(String name, UnaryOperator<MixServerSettings> tweak, X25519KeyPair key)
      throws Exception {
    MixServer s =
        new MixServer(tweak.apply(settings(name, dir)), key, group, null, Clock.systemUTC());
    s.start();
    servers.add(s);
    return new Node(s, key);
  }

  private Node node(String name) throws Exception {
    return node(name, UnaryOperator.identity(), X25519KeyPair.generate(RANDOM));
  }

  private FrameSink sink() {
    FrameSink s = FrameSink.start(group);
    closeables.add(s);
    return s;
  }

  private static final X25519KeyPair GATEWAY = X25519KeyPair.generate(RANDOM);

  private static SphinxPacket packet(
      List<SphinxNode> mixes, NodeAddress sink, List<Duration> delays, String message) {
    List<SphinxNode> route = new ArrayList<>(mixes);
    route.add(new SphinxNode(sink, GATEWAY.publicKey()));
    List<Duration> all = new ArrayList<>(delays);
    all.add(Duration.ZERO);
    return SphinxPacket.builder()
        .route(route)
        .delays(all)
        .destination(SphinxDestination.of(new byte[32]))
        .random(RANDOM)
        .build(message.getBytes(StandardCharsets.UTF_8));
  }

  private static Frame frame(SphinxPacket p) {
    return Frame.of(FramingVersion.V8, PacketType.MIX, KeyRotation.UNKNOWN, p.toBytes());
  }

  private static void send(MixServer to, Frame f) throws Exception {
    try (FrameClient c = FrameClient.connect(to.localAddress())) {
      c.send(f);
    }
  }

  @Test
  void forwardsThroughThreeNodesWithTheRightBytes() throws Exception {
    Node a = node("a");
    Node b = node("b");
    Node c = node("c");
    FrameSink sink = sink();
    SphinxPacket p =
        packet(
            List.of(a.route(), b.route(), c.route()),
            sink.address(),
            List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO),
            "hello mixnet");
    send(a.server(), frame(p));

    FrameSink.Received got = sink.poll(10, TimeUnit.SECONDS);
    assertThat(got).as("packet reached the sink").isNotNull();
    // The bytes the third node sends are exactly three layers peeled off the packet.
    byte[] expected = p.toBytes();
    for (Node n : List.of(a, b, c)) {
      ForwardHop hop = (ForwardHop) new SphinxProcessor(n.key()).process(expected);
      expected = hop.nextPacket().toBytes();
    }
    assertThat(got.frame().packet()).isEqualTo(expected);
    assertThat(got.frame().version())
        .as("nodes emit framing v7, as nym-node")
        .isEqualTo(FramingVersion.V7);
    FinalHop last = (FinalHop) new SphinxProcessor(GATEWAY).process(got.frame().packet());
    assertThat(new String(last.message(), StandardCharsets.UTF_8)).isEqualTo("hello mixnet");
    for (Node n : List.of(a, b, c)) {
      PacketCounters.Snapshot s = n.server().counters().snapshot();
      assertThat(s.received()).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> n.server().counters().snapshot().sent() == 1);
      assertThat(s.droppedTotal()).isZero();
    }
  }

  @Test
  void holdsEachPacketForItsHeaderDelayInReleaseOrder() throws Exception {
    Node a = node("a");
    FrameSink sink = sink();
    assertStillServes(a, sink); // warm-up: connection to the sink open, code paths compiled
    long[] delaysMs = {600, 200, 400, 0};
    List<Long> sentAt = new ArrayList<>();
    try (FrameClient client = FrameClient.connect(a.server().localAddress())) {
      for (int i = 0; i < delaysMs.length; i++) {
        SphinxPacket p =
            packet(
                List.of(a.route()),
                sink.address(),
                List.of(Duration.ofMillis(delaysMs[i])),
                "p" + i);
        sentAt.add(System.nanoTime());
        client.send(frame(p));
      }
    }
    List<String> order = new ArrayList<>();
    for (int i = 0; i < delaysMs.length; i++) {
      FrameSink.Received r = sink.poll(10, TimeUnit.SECONDS);
      assertThat(r).isNotNull();
      String msg =
          new String(
              ((FinalHop) new SphinxProcessor(GATEWAY).process(r.frame().packet())).message(),
              StandardCharsets.UTF_8);
      order.add(msg);
      int idx = Integer.parseInt(msg.substring(1));
      long heldMs = (r.arrivalNanos() - sentAt.get(idx)) / 1_000_000;
      assertThat(heldMs)
          .as("holding time of %s", msg)
          .isBetween(delaysMs[idx], delaysMs[idx] + 150);
    }
    assertThat(order).containsExactly("p3", "p1", "p2", "p0");
  }

  @Test
  void clampsExcessiveDelays() throws Exception {
    Node a =
        node("a", s -> withMaxDelay(s, Duration.ofMillis(300)), X25519KeyPair.generate(RANDOM));
    FrameSink sink = sink();
    assertStillServes(a, sink); // warm-up: connection to the sink open, code paths compiled
    SphinxPacket p = packet(List.of(a.route()), sink.address(), List.of(Duration.ofHours(1)), "x");
    long t0 = System.nanoTime();
    send(a.server(), frame(p));
    FrameSink.Received r = sink.poll(10, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    assertThat((r.arrivalNanos() - t0) / 1_000_000).isBetween(300L, 1000L);
    assertThat(a.server().counters().snapshot().excessiveDelay()).isEqualTo(1);
  }

  private static MixServerSettings withMaxDelay(MixServerSettings s, Duration max) {
    return new MixServerSettings(
        s.name(),
        s.bind(),
        s.maxPacketSize(),
        s.maxConnections(),
        s.idleTimeout(),
        max,
        s.outboundFraming(),
        s.workerThreads(),
        s.workerQueue(),
        s.maxHeldPackets(),
        s.outbound(),
        s.replay(),
        s.replayFile(),
        s.replayPersistInterval(),
        s.statsInterval(),
        s.shutdownGrace());
  }

  @Test
  void dropsReplaysIncludingAfterARestart() throws Exception {
    X25519KeyPair key = X25519KeyPair.generate(RANDOM);
    Node a = node("a", UnaryOperator.identity(), key);
    FrameSink sink = sink();
    SphinxPacket p = packet(List.of(a.route()), sink.address(), List.of(Duration.ZERO), "once");
    send(a.server(), frame(p));
    send(a.server(), frame(p));
    assertThat(sink.poll(10, TimeUnit.SECONDS)).isNotNull();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> a.server().counters().snapshot().dropped(DropReason.REPLAYED) == 1);

    a.server().stop();
    Node again = node("a", UnaryOperator.identity(), key); // same replay file
    SphinxPacket fresh =
        packet(List.of(again.route()), sink.address(), List.of(Duration.ZERO), "fresh");
    Frame replayedAfterRestart = frame(p);
    send(again.server(), replayedAfterRestart);
    send(again.server(), frame(fresh));
    FrameSink.Received r = sink.poll(10, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    assertThat(((FinalHop) new SphinxProcessor(GATEWAY).process(r.frame().packet())).message())
        .isEqualTo("fresh".getBytes(StandardCharsets.UTF_8));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> again.server().counters().snapshot().dropped(DropReason.REPLAYED) == 1);
    assertThat(sink.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void savesTheReplayFilterPeriodicallyAndRollsTheCounterInterval() throws Exception {
    Node a =
        node(
            "a",
            s ->
                new MixServerSettings(
                    s.name(), s.bind(), s.maxPacketSize(), s.maxConnections(), s.idleTimeout(),
                    s.maxForwardDelay(), s.outboundFraming(), s.workerThreads(), s.workerQueue(),
                    s.maxHeldPackets(), s.outbound(),
                    new ReplayFilter.Settings(1, Duration.ofMinutes(1), 1e-5), s.replayFile(),
                    Duration.ofMillis(100), Duration.ofSeconds(1), s.shutdownGrace()),
            X25519KeyPair.generate(RANDOM));
    FrameSink sink = sink();
    assertStillServes(a, sink);
    // The interval holding the packet is reported as the last one for a whole second.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> a.server().counters().lastInterval().received() == 1);
    Path file = a.server().settings().replayFile();
    // Saved every 100 ms while running: the packet's tag shows up in the file without a stop.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                java.nio.file.Files.exists(file)
                    && ReplayFilter.load(file, a.server().settings().replay(), Clock.systemUTC())
                            .size()
                        == 1);
    assertThat(a.server().isRunning()).isTrue();
  }

  @Test
  void dropsFinalHopsAndMalformedPackets() throws Exception {
    Node a = node("a");
    SphinxPacket finalHere =
        SphinxPacket.builder()
            .route(List.of(a.route()))
            .delays(List.of(Duration.ZERO))
            .destination(SphinxDestination.of(new byte[32]))
            .random(RANDOM)
            .build(new byte[10]);
    send(a.server(), frame(finalHere));
    byte[] notForUs =
        packet(
                List.of(
                    new SphinxNode(
                        NodeAddress.of(a.server().localAddress()),
                        X25519KeyPair.generate(RANDOM).publicKey())),
                a.route().address(),
                List.of(Duration.ZERO),
                "x")
            .toBytes();
    send(a.server(), Frame.of(FramingVersion.V7, PacketType.MIX, KeyRotation.UNKNOWN, notForUs));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              PacketCounters.Snapshot s = a.server().counters().snapshot();
              assertThat(s.dropped(DropReason.FINAL_HOP)).isEqualTo(1);
              assertThat(s.dropped(DropReason.MALFORMED_PACKET)).isEqualTo(1);
            });
  }

  /** Sends one good packet through {@code a} and waits for it at {@code sink}. */
  private static void assertStillServes(Node a, FrameSink sink) throws Exception {
    SphinxPacket p = packet(List.of(a.route()), sink.address(), List.of(Duration.ZERO), "ok");
    send(a.server(), frame(p));
    assertThat(sink.poll(10, TimeUnit.SECONDS)).as("good traffic still flows").isNotNull();
  }

  @Test
  void refusesBadInputAndKeepsServing() throws Exception {
    Node a =
        node(
            "a",
            s ->
                new MixServerSettings(
                    s.name(),
                    s.bind(),
                    PacketSize.REGULAR,
                    4,
                    Duration.ofMillis(400),
                    s.maxForwardDelay(),
                    s.outboundFraming(),
                    s.workerThreads(),
                    s.workerQueue(),
                    s.maxHeldPackets(),
                    s.outbound(),
                    s.replay(),
                    s.replayFile(),
                    s.replayPersistInterval(),
                    s.statsInterval(),
                    s.shutdownGrace()),
            X25519KeyPair.generate(RANDOM));
    FrameSink sink = sink();
    InetSocketAddress port = a.server().localAddress();

    try (FrameClient garbage = FrameClient.connect(port)) {
      garbage.sendRaw("\u0000\u0001hello, is this HTTP?".getBytes(StandardCharsets.US_ASCII));
      assertThat(garbage.awaitClosedByPeer(5_000)).isTrue();
    }
    try (FrameClient wrongVersion = FrameClient.connect(port)) {
      wrongVersion.sendRaw(new byte[] {9, 1, 0, 0});
      assertThat(wrongVersion.awaitClosedByPeer(5_000)).isTrue();
    }
    try (FrameClient wrongSize = FrameClient.connect(port)) {
      wrongSize.sendRaw(new byte[] {7, 42, 0});
      assertThat(wrongSize.awaitClosedByPeer(5_000)).isTrue();
    }
    try (FrameClient oversized = FrameClient.connect(port)) {
      oversized.sendRaw(new byte[] {7, (byte) PacketSize.EXTENDED_8.tag(), 0});
      assertThat(oversized.awaitClosedByPeer(5_000)).isTrue();
    }
    try (FrameClient idle = FrameClient.connect(port)) {
      assertThat(idle.awaitClosedByPeer(5_000)).as("idle connection closed").isTrue();
    }
    assertStillServes(a, sink);

    List<FrameClient> held = new ArrayList<>();
    try {
      // Keep four connections busy with half a frame each so they are not idle... then one more.
      for (int i = 0; i < 4; i++) {
        FrameClient c = FrameClient.connect(port);
        held.add(c);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> a.server().inboundConnections() == 4);
      try (FrameClient fifth = FrameClient.connect(port)) {
        assertThat(fifth.awaitClosedByPeer(5_000)).as("fifth connection refused").isTrue();
      }
    } finally {
      for (FrameClient c : held) {
        c.close();
      }
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> a.server().inboundConnections() == 0);
    assertStillServes(a, sink);

    PacketCounters.Snapshot s = a.server().counters().snapshot();
    assertThat(s.refused(Refusal.INVALID_VERSION)).isEqualTo(1);
    assertThat(s.refused(Refusal.UNSUPPORTED_VERSION)).isEqualTo(1);
    assertThat(s.refused(Refusal.UNKNOWN_SIZE)).isEqualTo(1);
    assertThat(s.refused(Refusal.FRAME_TOO_LARGE)).isEqualTo(1);
    assertThat(s.refused(Refusal.IDLE_TIMEOUT)).isGreaterThanOrEqualTo(1);
    assertThat(s.refused(Refusal.TOO_MANY_CONNECTIONS)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void boundsTheQueueOfANextHopThatIsDown() throws Exception {
    Node a =
        node(
            "a",
            s ->
                new MixServerSettings(
                    s.name(),
                    s.bind(),
                    s.maxPacketSize(),
                    s.maxConnections(),
                    s.idleTimeout(),
                    s.maxForwardDelay(),
                    s.outboundFraming(),
                    s.workerThreads(),
                    s.workerQueue(),
                    s.maxHeldPackets(),
                    new OutboundConnections.Settings(
                        50,
                        10,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30)),
                    s.replay(),
                    s.replayFile(),
                    s.replayPersistInterval(),
                    s.statsInterval(),
                    s.shutdownGrace()),
            X25519KeyPair.generate(RANDOM));
    NodeAddress down;
    try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      down = NodeAddress.of((InetSocketAddress) closed.getLocalSocketAddress());
    }
    int n = 200;
    try (FrameClient c = FrameClient.connect(a.server().localAddress())) {
      for (int i = 0; i < n; i++) {
        c.send(frame(packet(List.of(a.route()), down, List.of(Duration.ZERO), "q" + i)));
      }
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              PacketCounters.Snapshot s = a.server().counters().snapshot();
              assertThat(s.forwardHopReceived()).isEqualTo(n);
              assertThat(s.dropped(DropReason.QUEUE_FULL)).isEqualTo(n - 50);
            });
    assertThat(a.server().outbound().queued(down)).isEqualTo(50);
    assertThat(a.server().counters().snapshot().sent()).isZero();
  }

  @Test
  void reconnectsWhenTheNextHopComesBack() throws Exception {
    Node a = node("a");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    NodeAddress later = NodeAddress.of(new byte[] {127, 0, 0, 1}, port);
    send(a.server(), frame(packet(List.of(a.route()), later, List.of(Duration.ZERO), "early")));
    await().atMost(Duration.ofSeconds(5)).until(() -> a.server().outbound().queued(later) == 1);
    FrameSink sink = FrameSink.start(group, new InetSocketAddress("127.0.0.1", port), true);
    closeables.add(sink);
    assertThat(sink.poll(10, TimeUnit.SECONDS))
        .as("queued packet sent after reconnect")
        .isNotNull();
  }
}
