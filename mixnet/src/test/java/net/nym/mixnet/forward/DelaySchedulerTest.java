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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelaySchedulerTest {
  private final PacketCounters counters = new PacketCounters();
  private final BlockingQueue<Outgoing> released = new LinkedBlockingQueue<>();
  private final DelayScheduler scheduler = new DelayScheduler("t");

  @AfterEach
  void stop() {
    scheduler.shutdown(Duration.ofSeconds(5));
  }

  private DelayScheduler.Lane lane(int capacity) {
    return scheduler.join(capacity, released::addAll, counters);
  }

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
    DelayScheduler.Lane s = lane(10);
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
    DelayScheduler.Lane s = lane(10);
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
    DelayScheduler.Lane s = lane(2);
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
    DelayScheduler.Lane s = lane(10);
    long now = System.nanoTime();
    s.schedule(packet(1, now + 100_000_000L));
    s.schedule(packet(2, now + TimeUnit.HOURS.toNanos(1)));
    assertThat(s.close(Duration.ofSeconds(2))).isEqualTo(1);
    assertThat(released).hasSize(1);
    assertThat(released.peek().nextHop().port()).isEqualTo(1);
  }

  @Test
  void lanesShareTheThreadButKeepTheirCapacityTargetsAndShutdown() throws Exception {
    PacketCounters otherCounters = new PacketCounters();
    BlockingQueue<List<Outgoing>> otherReleased = new LinkedBlockingQueue<>();
    DelayScheduler.Lane a = lane(1);
    DelayScheduler.Lane b =
        scheduler.join(10, p -> otherReleased.add(List.copyOf(p)), otherCounters);
    long now = System.nanoTime();
    long later = now + TimeUnit.HOURS.toNanos(1);
    assertThat(a.schedule(packet(1, later))).isEqualTo(DelayScheduler.Decision.HELD);
    assertThat(a.schedule(packet(2, later)))
        .as("lane a is full")
        .isEqualTo(DelayScheduler.Decision.DROPPED);
    // Lane b has room of its own; its two packets due together leave as one list.
    assertThat(b.schedule(packet(3, now + 50_000_000L))).isEqualTo(DelayScheduler.Decision.HELD);
    assertThat(b.schedule(packet(4, now + 50_000_000L))).isEqualTo(DelayScheduler.Decision.HELD);
    assertThat(scheduler.size()).isEqualTo(3);
    List<Outgoing> batch = otherReleased.poll(5, TimeUnit.SECONDS);
    assertThat(batch).extracting(o -> o.nextHop().port()).containsExactly(3, 4);
    assertThat(released).isEmpty();
    assertThat(counters.snapshot().dropped(DropReason.SCHEDULER_FULL)).isEqualTo(1);
    assertThat(otherCounters.snapshot().dropped(DropReason.SCHEDULER_FULL)).isZero();
    // Closing lane a drops its own packet only; lane b is still served.
    assertThat(a.close(Duration.ZERO)).isEqualTo(1);
    assertThat(counters.snapshot().dropped(DropReason.SHUTDOWN)).isEqualTo(1);
    assertThat(b.schedule(packet(5, System.nanoTime() + 10_000_000L)))
        .isEqualTo(DelayScheduler.Decision.HELD);
    assertThat(otherReleased.poll(5, TimeUnit.SECONDS))
        .extracting(o -> o.nextHop().port()).containsExactly(5);
    assertThat(b.close(Duration.ZERO)).isZero();
    assertThat(otherCounters.snapshot().dropped(DropReason.SHUTDOWN)).isZero();
  }
}
