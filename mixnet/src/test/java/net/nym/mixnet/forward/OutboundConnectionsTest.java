package net.nym.mixnet.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.LatenessHistogram;
import net.nym.mixnet.metrics.PacketCounters;
import net.nym.mixnet.tools.FrameSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutboundConnectionsTest {
  private static EventLoopGroup group;

  @BeforeAll
  static void loops() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static Outgoing packet(NodeAddress to) {
    return packet(to, System.nanoTime());
  }

  private static Outgoing packet(NodeAddress to, long releaseNanos) {
    byte[] p = new byte[PacketSize.ACK.size()];
    new Random().nextBytes(p);
    return packet(to, p, releaseNanos);
  }

  private static Outgoing packet(NodeAddress to, byte[] packet, long releaseNanos) {
    return new Outgoing(
        to, Frame.of(FramingVersion.V7, PacketType.MIX, KeyRotation.UNKNOWN, packet), releaseNanos);
  }

  /** Queues of 10 packets, at most one next hop at a time, 0.5 s to connect, 30 s of backoff. */
  private static OutboundConnections onePeerAtATime(PacketCounters counters) {
    return new OutboundConnections(
        "mix-out-test",
        new OutboundConnections.Settings(
            10, 1, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(30)),
        counters);
  }

  private static NodeAddress deadAddress() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return NodeAddress.of((InetSocketAddress) s.getLocalSocketAddress());
    }
  }

  @Test
  void forgetsAnIdleNextHopToMakeRoomButNeverOneWithPacketsWaiting() throws Exception {
    PacketCounters counters = new PacketCounters();
    OutboundConnections out = onePeerAtATime(counters);
    FrameSink first = FrameSink.start(group);
    FrameSink second = FrameSink.start(group);
    try {
      out.send(packet(first.address()));
      assertThat(first.poll(5, TimeUnit.SECONDS)).isNotNull();
      first.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> out.connected().isEmpty());

      out.send(packet(second.address()));
      assertThat(second.poll(5, TimeUnit.SECONDS)).as("idle first hop forgotten").isNotNull();
      assertThat(out.peerCount()).isEqualTo(1);

      second.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> out.connected().isEmpty());
      NodeAddress dead = deadAddress();
      out.send(packet(dead));
      await().atMost(Duration.ofSeconds(5)).until(() -> out.unreachable() == 1);
      out.send(packet(deadAddress()));
      assertThat(counters.snapshot().dropped(DropReason.TOO_MANY_PEERS)).isEqualTo(1);
      assertThat(out.queued(dead)).isEqualTo(1);
    } finally {
      out.close();
      first.close();
      second.close();
    }
  }

  @Test
  void countsHowLateEachPacketIsWrittenAfterItsReleaseTime() throws Exception {
    PacketCounters counters = new PacketCounters();
    OutboundConnections out = onePeerAtATime(counters);
    FrameSink sink = FrameSink.start(group);
    try {
      // Due 30 s ago (e.g. held behind a stalled next hop): written at least that late.
      out.send(packet(sink.address(), System.nanoTime() - Duration.ofSeconds(30).toNanos()));
      assertThat(sink.poll(5, TimeUnit.SECONDS)).isNotNull();
      LatenessHistogram.Snapshot late = counters.lateness().snapshot();
      assertThat(late.count()).isEqualTo(1);
      assertThat(late.quantileBoundNanos(1.0)).isEqualTo(Long.MAX_VALUE); // above 10 s
      assertThat(late.sumNanos()).isGreaterThanOrEqualTo(Duration.ofSeconds(30).toNanos());
    } finally {
      out.close();
      sink.close();
    }
  }

  @Test
  void aNextHopThatStopsReadingFillsItsQueueThenGetsEverythingKeptInOrder() throws Exception {
    PacketCounters counters = new PacketCounters();
    OutboundConnections out = onePeerAtATime(counters);
    try (ServerSocket server = new ServerSocket()) {
      // A small receive window, so that the kernel's buffers fill after a few dozen packets.
      server.setReceiveBufferSize(16 * 1024);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      NodeAddress slow = NodeAddress.of((InetSocketAddress) server.getLocalSocketAddress());
      server.setSoTimeout(5_000);
      out.send(numbered(slow, 0));
      try (Socket accepted = server.accept()) {
        accepted.setSoTimeout(10_000);
        // The next hop accepts but does not read: the kernel's buffers fill, the rest of a write
        // waits for the socket, then the queue (10 packets) fills and further packets are dropped.
        int sent = 1;
        while (counters.snapshot().dropped(DropReason.QUEUE_FULL) == 0) {
          out.send(numbered(slow, sent++));
          assertThat(sent).as("the queue never filled").isLessThan(200_000);
        }
        for (int i = 0; i < 100; i++) {
          out.send(numbered(slow, sent++));
        }
        // Bounded: never more than the queue's capacity waits (the kernel may still take some of
        // it meanwhile, as its buffers grow).
        assertThat(out.queued(slow)).isBetween(0, 10);
        long dropped = counters.snapshot().dropped(DropReason.QUEUE_FULL);

        // It reads again: everything not dropped arrives, each frame whole and in sending order.
        DataInputStream in = new DataInputStream(accepted.getInputStream());
        int frameLength = numbered(slow, 0).frame().encodedLength();
        byte[] frame = new byte[frameLength];
        int last = -1;
        for (long got = 0; got < sent - dropped; got++) {
          in.readFully(frame);
          int n = ByteBuffer.wrap(frame, 3, 4).getInt();
          assertThat(n).as("order").isGreaterThan(last);
          last = n;
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> out.queued(slow) == 0);
        assertThat(counters.snapshot().sent()).isEqualTo(sent - dropped);
      }
    } finally {
      out.close();
    }
  }

  /** A packet of the regular size whose first four bytes are {@code n}. */
  private static Outgoing numbered(NodeAddress to, int n) {
    byte[] p = new byte[PacketSize.REGULAR.size()];
    ByteBuffer.wrap(p).putInt(n);
    return packet(to, p, System.nanoTime());
  }
}
