package net.nym.mixnet.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFilterTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    long millis = 1_700_000_000_000L;

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
      return Instant.ofEpochMilli(millis);
    }
  }

  private static final ReplayFilter.Settings SMALL =
      new ReplayFilter.Settings(200, Duration.ofSeconds(60), 1e-5);

  private static byte[] tag(Random r) {
    byte[] t = new byte[32];
    r.nextBytes(t);
    return t;
  }

  @Test
  void sizingFollowsNym() {
    ReplayFilter.Settings s = new ReplayFilter.Settings(2000, Duration.ofSeconds(1), 1e-5);
    assertThat(s.capacity()).isEqualTo(2240);
    assertThat(new ReplayFilter.Settings(10, Duration.ofSeconds(1), 1e-5).capacity())
        .as("rate raised to Nym's minimum of 200")
        .isEqualTo(224);
    BloomFilter b = BloomFilter.sized(1_000_000, 1e-5);
    assertThat(b.sizeBytes()).isBetween(2_900_000L, 3_100_000L);
    assertThat(b.hashes()).isEqualTo(17);
  }

  @Test
  void falsePositiveRateOfAFullFilterIsNearTarget() {
    BloomFilter b = BloomFilter.sized(20_000, 1e-3);
    Random r = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      b.testAndAdd(tag(r));
    }
    int fp = 0;
    for (int i = 0; i < 100_000; i++) {
      if (b.mightContain(tag(r))) {
        fp++;
      }
    }
    assertThat(fp).isLessThan(200); // expected ~100 at 1e-3
  }

  @Test
  void detectsRepeatsAndNothingElse() {
    ManualClock clock = new ManualClock();
    ReplayFilter f = ReplayFilter.create(SMALL, clock);
    Random r = new SecureRandom();
    List<byte[]> tags = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      byte[] t = tag(r);
      tags.add(t);
      assertThat(f.checkAndRecord(t)).isFalse();
    }
    for (byte[] t : tags) {
      assertThat(f.checkAndRecord(t)).isTrue();
    }
  }

  @Test
  void remembersOneFullWindowAndForgetsAfterTwo() {
    ManualClock clock = new ManualClock();
    ReplayFilter f = ReplayFilter.create(SMALL, clock);
    byte[] t = tag(new Random(7));
    assertThat(f.checkAndRecord(t)).isFalse();
    clock.millis += 61_000; // rotation: t is now in the previous filter
    assertThat(f.checkAndRecord(tag(new Random(8)))).isFalse();
    assertThat(f.checkAndRecord(t)).isTrue();
    clock.millis += 61_000; // second rotation: t is forgotten
    assertThat(f.checkAndRecord(tag(new Random(9)))).isFalse();
    assertThat(f.checkAndRecord(t)).isFalse();
  }

  @Test
  void rotatesEarlyWhenFull() {
    ManualClock clock = new ManualClock();
    ReplayFilter.Settings tiny = new ReplayFilter.Settings(1, Duration.ofMillis(100), 1e-5);
    ReplayFilter f = ReplayFilter.create(tiny, clock); // capacity 23
    Random r = new Random(3);
    byte[] first = tag(r);
    f.checkAndRecord(first);
    for (int i = 0; i < 60; i++) {
      f.checkAndRecord(tag(r));
    }
    assertThat(f.size()).isLessThanOrEqualTo(2 * tiny.capacity());
  }

  @Test
  void survivesSaveAndLoad(@TempDir Path dir) throws Exception {
    ManualClock clock = new ManualClock();
    ReplayFilter f = ReplayFilter.create(SMALL, clock);
    Random r = new Random(5);
    byte[] old = tag(r);
    f.checkAndRecord(old);
    clock.millis += 61_000;
    byte[] recent = tag(r);
    f.checkAndRecord(recent);
    Path file = dir.resolve("replay.bloom");
    f.save(file);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    ReplayFilter g = ReplayFilter.load(file, SMALL, clock);
    assertThat(g.checkAndRecord(old)).isTrue();
    assertThat(g.checkAndRecord(recent)).isTrue();
    assertThat(g.checkAndRecord(tag(r))).isFalse();
  }

  @Test
  void missingFileGivesEmptyFilter(@TempDir Path dir) {
    ReplayFilter f = ReplayFilter.load(dir.resolve("none"), SMALL, new ManualClock());
    assertThat(f.size()).isZero();
  }

  @Test
  void corruptFileIsSetAside(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("replay.bloom");
    Files.write(file, new byte[] {1, 2, 3, 4, 5});
    ReplayFilter f = ReplayFilter.load(file, SMALL, new ManualClock());
    assertThat(f.size()).isZero();
    assertThat(dir.resolve("replay.bloom.corrupt")).exists();
    assertThat(file).doesNotExist();
  }

  @Test
  void staleSnapshotIsDropped(@TempDir Path dir) throws Exception {
    ManualClock clock = new ManualClock();
    ReplayFilter f = ReplayFilter.create(SMALL, clock);
    byte[] t = tag(new Random(11));
    f.checkAndRecord(t);
    Path file = dir.resolve("replay.bloom");
    f.save(file);
    clock.millis += 121_000;
    assertThat(ReplayFilter.load(file, SMALL, clock).checkAndRecord(t)).isFalse();
  }
}
