package net.nym.mixnet.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FrameEncoder;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameSinkTest {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void aListenerGetsEachFrameWithItsArrivalTimeInsteadOfTheQueueUntilItIsRemoved()
      throws Exception {
    try (FrameSink sink = FrameSink.start(group)) {
      CountDownLatch heard = new CountDownLatch(1);
      AtomicReference<Frame> frame = new AtomicReference<>();
      AtomicLong arrival = new AtomicLong();
      sink.listen(
          (f, nanos) -> {
            frame.set(f);
            arrival.set(nanos);
            heard.countDown();
          });
      byte[] first = packet((byte) 1);
      byte[] second = packet((byte) 2);
      try (Socket s = new Socket()) {
        s.connect(sink.address().toSocketAddress());
        OutputStream out = s.getOutputStream();
        long before = System.nanoTime();
        out.write(frame(first));
        out.flush();
        assertThat(heard.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(frame.get().packet()).isEqualTo(first);
        assertThat(arrival.get()).isGreaterThanOrEqualTo(before);
        // counted after the listener returns
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.count() == 1);
        assertThat(sink.poll(0, TimeUnit.MILLISECONDS)).isNull();

        sink.listen(null);
        out.write(frame(second));
        out.flush();
        FrameSink.Received kept = sink.poll(10, TimeUnit.SECONDS);
        assertThat(kept).isNotNull();
        assertThat(kept.frame().packet()).isEqualTo(second);
        assertThat(frame.get().packet()).isEqualTo(first);
        assertThat(sink.count()).isEqualTo(2);
      }
    }
  }

  private static byte[] frame(byte[] packet) {
    return FrameEncoder.encode(
        Frame.of(FramingVersion.V7, PacketType.MIX, KeyRotation.UNKNOWN, packet));
  }

  private static byte[] packet(byte fill) {
    byte[] p = new byte[PacketSize.REGULAR.size()];
    Arrays.fill(p, fill);
    return p;
  }
}
