package net.nym.mixnet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenessHistogramTest {

  @Test
  void bucketBoundsAreInclusiveAndNegativeLatenessCountsAsZero() {
    LatenessHistogram h = new LatenessHistogram();
    h.record(-5);
    h.record(50_000);
    h.record(50_001);
    h.record(2_000_000);
    LatenessHistogram.Snapshot s = h.snapshot();
    assertThat(s.count(0)).isEqualTo(2); // -5 and exactly 50 us
    assertThat(s.count(1)).isEqualTo(1); // just above 50 us
    assertThat(s.count(8)).isEqualTo(1); // exactly 2 ms
    assertThat(s.count()).isEqualTo(4);
    assertThat(s.sumNanos()).isEqualTo(50_000 + 50_001 + 2_000_000);
  }

  @Test
  void quantilesAndSharesSince() {
    LatenessHistogram h = new LatenessHistogram();
    for (int i = 0; i < 1000; i++) {
      h.record(10_000_000); // before the interval of interest
    }
    LatenessHistogram.Snapshot before = h.snapshot();
    for (int i = 0; i < 98; i++) {
      h.record(400_000);
    }
    h.record(1_200_000);
    h.record(60_000_000_000L);
    LatenessHistogram.Snapshot d = h.snapshot().minus(before);
    assertThat(d.count()).isEqualTo(100);
    assertThat(d.quantileBoundNanos(0.50)).isEqualTo(500_000);
    assertThat(d.quantileBoundNanos(0.99)).isEqualTo(1_500_000);
    assertThat(d.quantileBoundNanos(1.0)).isEqualTo(Long.MAX_VALUE);
    assertThat(d.shareWithin(2_000_000)).isEqualTo(0.99);
    assertThat(d.shareWithin(500_000)).isEqualTo(0.98);
    assertThat(new LatenessHistogram().snapshot().quantileBoundNanos(0.99)).isZero();
  }
}
