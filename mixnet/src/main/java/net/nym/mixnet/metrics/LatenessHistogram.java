package net.nym.mixnet.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * How late forwarded packets leave: the time from a packet's release time (its arrival plus the
 * delay its header asks for) to the moment it is written to its next hop's connection. For a
 * zero-delay packet that is the time it spent in the node; for a delayed one, what the node added
 * to the delay. Counted in fixed buckets (their upper bounds in {@link #BOUNDS_NANOS}, then one for
 * everything above), lock-free, from any thread.
 */
public final class LatenessHistogram {

  /** The buckets' inclusive upper bounds in nanoseconds: 50 µs to 10 s, 2 ms among them. */
  static final long[] BOUNDS_NANOS = {
    50_000L,
    100_000L,
    200_000L,
    300_000L,
    500_000L,
    700_000L,
    1_000_000L,
    1_500_000L,
    2_000_000L,
    3_000_000L,
    5_000_000L,
    7_000_000L,
    10_000_000L,
    20_000_000L,
    50_000_000L,
    100_000_000L,
    200_000_000L,
    500_000_000L,
    1_000_000_000L,
    10_000_000_000L
  };

  private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_NANOS.length + 1);
  private final LongAdder sumNanos = new LongAdder();

  /** Counts one packet that left {@code latenessNanos} after its release time (negative: 0). */
  public void record(long latenessNanos) {
    long n = Math.max(0, latenessNanos);
    int i = 0;
    while (i < BOUNDS_NANOS.length && n > BOUNDS_NANOS[i]) {
      i++;
    }
    counts.incrementAndGet(i);
    sumNanos.add(n);
  }

  /** The counts now. */
  public Snapshot snapshot() {
    long[] c = new long[counts.length()];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.get(i);
    }
    return new Snapshot(c, sumNanos.sum());
  }

  /**
   * Bucket counts at one moment.
   *
   * @param counts packets per bucket, the last one above every bound
   * @param sumNanos the sum of all recorded lateness
   */
  public record Snapshot(long[] counts, long sumNanos) {
    /** Copies the counts. */
    public Snapshot {
      counts = counts.clone();
    }

    /** The buckets' inclusive upper bounds in nanoseconds (the last bucket has none). */
    public static long[] boundsNanos() {
      return BOUNDS_NANOS.clone();
    }

    /** The packets counted. */
    public long count() {
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      return n;
    }

    /** Packets counted in bucket {@code i}. */
    public long count(int i) {
      return counts[i];
    }

    /** The packets counted since {@code earlier}. */
    public Snapshot minus(Snapshot earlier) {
      long[] d = counts.clone();
      for (int i = 0; i < d.length; i++) {
        d[i] -= earlier.counts[i];
      }
      return new Snapshot(d, sumNanos - earlier.sumNanos);
    }

    /**
     * The upper bound (ns) of the bucket holding quantile {@code q} (0 &lt; q &le; 1); {@link
     * Long#MAX_VALUE} if it is above the last bound, 0 if nothing was counted.
     */
    public long quantileBoundNanos(double q) {
      long total = count();
      if (total == 0) {
        return 0;
      }
      long rank = (long) Math.ceil(q * total);
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return i < BOUNDS_NANOS.length ? BOUNDS_NANOS[i] : Long.MAX_VALUE;
        }
      }
      return Long.MAX_VALUE;
    }

    /** The share of the packets counted that left at most {@code boundNanos} late (a bound). */
    public double shareWithin(long boundNanos) {
      long total = count();
      if (total == 0) {
        return 1;
      }
      long within = 0;
      for (int i = 0; i < BOUNDS_NANOS.length && BOUNDS_NANOS[i] <= boundNanos; i++) {
        within += counts[i];
      }
      return (double) within / total;
    }
  }
}
