package net.nym.crypto.sphinx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Per-hop delays as Nym samples them ({@code sphinx-packet} {@code header/delays.rs
 * generate_from_average_duration}): independent exponential samples with the given mean, in whole
 * nanoseconds (rounded); a zero mean gives zero delays.
 */
public final class Delays {
  private Delays() {}

  /** Samples {@code count} delays with mean {@code mean} from {@code random}. */
  public static List<Duration> exponential(int count, Duration mean, RandomGenerator random) {
    if (count < 0) {
      throw new IllegalArgumentException("delays: negative count " + count);
    }
    if (mean.isNegative()) {
      throw new IllegalArgumentException("delays: negative mean " + mean);
    }
    double meanNanos = mean.toNanos();
    List<Duration> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (meanNanos == 0) {
        out.add(Duration.ZERO);
      } else {
        double sample = -Math.log(1.0 - random.nextDouble()) * meanNanos;
        out.add(Duration.ofNanos(Math.round(Math.min(sample, (double) Long.MAX_VALUE))));
      }
    }
    return List.copyOf(out);
  }

  /** Encodes a non-negative delay as u64 big-endian nanoseconds. */
  static void write(Duration delay, byte[] out, int offset) {
    long nanos = delay.toNanos();
    for (int i = 7; i >= 0; i--) {
      out[offset + i] = (byte) nanos;
      nanos >>>= 8;
    }
  }

  /** Decodes u64 big-endian nanoseconds (values of 2^63 or more stay exact). */
  static Duration read(byte[] in, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[offset + i] & 0xff);
    }
    return Duration.ofSeconds(
        Long.divideUnsigned(v, 1_000_000_000L), Long.remainderUnsigned(v, 1_000_000_000L));
  }
}
