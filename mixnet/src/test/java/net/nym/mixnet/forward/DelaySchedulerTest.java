package net.nym.mixnet.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.PacketCounters;
import org.junit.jupiter.api.Test;

class DelaySchedulerTest {
  private final PacketCounters counters = new PacketCounters();
  private final BlockingQueue<Outgoing> released = new LinkedBlockingQueue<>();

  private static Outgoing packet(int port, long releaseNanos) {
    return new Outgoing(
        NodeAddress.of(new byte[] {127, 0, 0, 1}, port),
        Frame.of(
            FramingVersion.V7,
            PacketType.MIX,
            KeyRotation.UNKNOWN,
            new byte[PacketSize.ACK.size()]),
        releaseNanos);
  }

  @Test
  void releasesInReleaseTimeOrderNotArrivalOrder() throws Exception {
    DelayScheduler s = new DelayScheduler("t", 10, released::add, counters);
    long now = System.nanoTime();
    s.schedule(packet(3, now + 300_000_000L));
    s.schedule(packet(1, now + 100_000_000L));
    s.schedule(packet(2, now + 200_000_000L));
    for (int expected : List.of(1, 2, 3)) {
      Outgoing o = released.poll(5, TimeUnit.SECONDS);
      assertThat(o).isNotNull();
      assertThat(o.nextHop().port()).isEqualTo(expected);
    }
    assertThat(System.nanoTime() - now).isGreaterThanOrEqualTo(300_000_000L);
    s.close(Duration.ZERO);
  }

  @Test
  void aDuePacketIsLeftToTheCallerAndNotHeld() {
    DelayScheduler s = new DelayScheduler("t", 10, released::add, counters);
    long now = System.nanoTime();
    assertThat(s.schedule(packet(1, now))).isEqualTo(DelayScheduler.Decision.DUE);
    long later = now + TimeUnit.HOURS.toNanos(1);
    assertThat(s.schedule(packet(2, later))).isEqualTo(DelayScheduler.Decision.HELD);
    // What is held is due later, so a due packet still goes first, straight from the caller.
    assertThat(s.schedule(packet(3, now))).isEqualTo(DelayScheduler.Decision.DUE);
    assertThat(s.size()).isEqualTo(1);
    assertThat(released).isEmpty();
    s.close(Duration.ZERO);
  }

  @Test
  void holdsAtMostItsCapacityAndDropsTheRest() {
    DelayScheduler s = new DelayScheduler("t", 2, released::add, counters);
    long later = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
    assertThat(s.schedule(packet(1, later))).isEqualTo(DelayScheduler.Decision.HELD);
    assertThat(s.schedule(packet(2, later))).isEqualTo(DelayScheduler.Decision.HELD);
    assertThat(s.schedule(packet(3, later))).isEqualTo(DelayScheduler.Decision.DROPPED);
    assertThat(s.size()).isEqualTo(2);
    assertThat(counters.snapshot().dropped(DropReason.SCHEDULER_FULL)).isEqualTo(1);
    assertThat(s.close(Duration.ofMillis(50))).as("still held at close").isEqualTo(2);
    assertThat(counters.snapshot().dropped(DropReason.SHUTDOWN)).isEqualTo(2);
    assertThat(s.schedule(packet(4, later))).isEqualTo(DelayScheduler.Decision.DROPPED);
  }

  @Test
  void closeReleasesWhatIsDueWithinTheGracePeriod() {
    DelayScheduler s = new DelayScheduler("t", 10, released::add, counters);
    long now = System.nanoTime();
    s.schedule(packet(1, now + 100_000_000L));
    s.schedule(packet(2, now + TimeUnit.HOURS.toNanos(1)));
    assertThat(s.close(Duration.ofSeconds(2))).isEqualTo(1);
    assertThat(released).hasSize(1);
    assertThat(released.peek().nextHop().port()).isEqualTo(1);
  }
}
