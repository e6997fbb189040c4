package net.nym.client.core.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import net.nym.client.core.message.NymMessage;
import net.nym.crypto.packet.PacketSize;
import org.junit.jupiter.api.Test;

class MessageReconstructorTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-25T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static List<Fragment> fragments(int length, long seed) {
    Random r = new Random(seed);
    byte[] data = new byte[length];
    r.nextBytes(data);
    return Chunker.fragments(new NymMessage.Plain(data), PacketSize.REGULAR, r);
  }

  @Test
  void laterFragmentsOfADeliveredMessageAreDropped() {
    List<Fragment> fs = fragments(5000, 1);
    MessageReconstructor rec = new MessageReconstructor();
    for (int i = 0; i < fs.size() - 1; i++) {
      assertThat(rec.insert(fs.get(i))).isEmpty();
    }
    assertThat(rec.insert(fs.get(fs.size() - 1))).isPresent();
    assertThat(rec.insert(fs.get(0))).isEmpty();
    assertThat(rec.incompleteSets()).isZero();
    assertThat(rec.duplicates()).isEqualTo(1);
  }

  @Test
  void aDuplicateDoesNotCountTwice() {
    List<Fragment> fs = fragments(5000, 2);
    MessageReconstructor rec = new MessageReconstructor();
    for (int i = 0; i < fs.size() - 1; i++) {
      rec.insert(fs.get(i));
      assertThat(rec.insert(fs.get(i))).isEmpty();
    }
    assertThat(rec.insert(fs.get(fs.size() - 1))).isPresent();
  }

  @Test
  void incompleteSetsExpireAfterThirtyMinutes() {
    ManualClock clock = new ManualClock();
    MessageReconstructor rec = new MessageReconstructor(clock, Duration.ofMinutes(30));
    List<Fragment> a = fragments(5000, 3);
    rec.insert(a.get(0));
    clock.now = clock.now.plus(Duration.ofMinutes(29));
    rec.insert(fragments(5000, 4).get(0));
    assertThat(rec.incompleteSets()).isEqualTo(2);
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    rec.insert(fragments(5000, 5).get(0));
    assertThat(rec.incompleteSets()).isEqualTo(2);
    assertThat(rec.expiredSets()).isEqualTo(1);
    // The rest of the expired message no longer completes it.
    for (int i = 1; i < a.size(); i++) {
      assertThat(rec.insert(a.get(i))).isEmpty();
    }
  }

  @Test
  void linkedSetsCompleteOnlyWhenTheWholeChainIsThere() throws Exception {
    List<Fragment> fs = fragments(1 << 20, 6);
    MessageReconstructor rec = new MessageReconstructor();
    // Middle set first, then last, then first.
    int n = fs.size();
    for (Fragment f : fs.subList(255, 510)) {
      assertThat(rec.insert(f)).isEmpty();
    }
    for (Fragment f : fs.subList(510, n)) {
      assertThat(rec.insert(f)).isEmpty();
    }
    for (int i = 0; i < 254; i++) {
      assertThat(rec.insert(fs.get(i))).isEmpty();
    }
    byte[] padded = rec.insert(fs.get(254)).orElseThrow();
    assertThat(Chunker.decode(padded).data()).hasSize(1 << 20);
  }
}
