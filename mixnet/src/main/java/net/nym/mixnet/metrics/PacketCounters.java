package net.nym.mixnet.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one node. Increments are lock-free ({@link LongAdder}) and may come from any
 * thread; {@link #snapshot()} reads them, {@link #rollInterval()} closes the current reporting
 * interval.
 */
public final class PacketCounters {

  private final LongAdder received = new LongAdder();
  private final LongAdder forwardHopReceived = new LongAdder();
  private final LongAdder finalHopReceived = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder excessiveDelay = new LongAdder();
  private final LatenessHistogram lateness = new LatenessHistogram();
  private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
  private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
  private final long startNanos = System.nanoTime();
  private Snapshot intervalStart;
  private Snapshot lastInterval;

  /** Counters at zero. */
  public PacketCounters() {
    for (DropReason r : DropReason.values()) {
      dropped.put(r, new LongAdder());
    }
    for (Refusal r : Refusal.values()) {
      refused.put(r, new LongAdder());
    }
    intervalStart = snapshot();
    lastInterval = intervalStart.minus(intervalStart);
  }

  /** A frame was decoded. */
  public void received() {
    received.increment();
  }

  /** A packet was processed as a forward hop. */
  public void forwardHop() {
    forwardHopReceived.increment();
  }

  /** A packet was processed as a final hop. */
  public void finalHop() {
    finalHopReceived.increment();
  }

  /** {@code n} packets were written to their next hop. */
  public void sent(long n) {
    sent.add(n);
  }

  /** How late forwarded packets were written to their next hop, after their release time. */
  public LatenessHistogram lateness() {
    return lateness;
  }

  /** A packet asked for a delay above the maximum (it was clamped, not dropped). */
  public void excessiveDelay() {
    excessiveDelay.increment();
  }

  /** A packet was dropped. */
  public void dropped(DropReason reason) {
    dropped.get(reason).increment();
  }

  /** {@code n} packets were dropped. */
  public void dropped(DropReason reason, long n) {
    dropped.get(reason).add(n);
  }

  /** An inbound connection was refused. */
  public void refused(Refusal reason) {
    refused.get(reason).increment();
  }

  /** The counters now, since start. */
  public Snapshot snapshot() {
    Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
    dropped.forEach((k, v) -> d.put(k, v.sum()));
    Map<Refusal, Long> r = new EnumMap<>(Refusal.class);
    refused.forEach((k, v) -> r.put(k, v.sum()));
    return new Snapshot(
        (System.nanoTime() - startNanos) / 1_000_000,
        received.sum(),
        forwardHopReceived.sum(),
        finalHopReceived.sum(),
        sent.sum(),
        excessiveDelay.sum(),
        d,
        r);
  }

  /**
   * Ends the current interval: from now on {@link #lastInterval()} returns the counts between the
   * previous call (or the start) and this one.
   *
   * @return the interval just ended
   */
  public synchronized Snapshot rollInterval() {
    Snapshot now = snapshot();
    lastInterval = now.minus(intervalStart);
    intervalStart = now;
    return lastInterval;
  }

  /** The counts of the last completed interval (all zero before the first one ends). */
  public synchronized Snapshot lastInterval() {
    return lastInterval;
  }

  /**
   * Counter values.
   *
   * @param millis milliseconds covered (since start, or the interval's length)
   * @param received frames decoded
   * @param forwardHopReceived packets processed as forward hops
   * @param finalHopReceived packets processed as final hops
   * @param sent packets written to their next hop
   * @param excessiveDelay packets whose delay was clamped to the maximum
   * @param dropped packets dropped, by reason
   * @param refused connections refused, by reason
   */
  public record Snapshot(
      long millis,
      long received,
      long forwardHopReceived,
      long finalHopReceived,
      long sent,
      long excessiveDelay,
      Map<DropReason, Long> dropped,
      Map<Refusal, Long> refused) {

    /** Copies the maps. */
    public Snapshot {
      dropped = Map.copyOf(dropped);
      refused = Map.copyOf(refused);
    }

    /** Packets dropped for {@code reason}. */
    public long dropped(DropReason reason) {
      return dropped.getOrDefault(reason, 0L);
    }

    /** Connections refused for {@code reason}. */
    public long refused(Refusal reason) {
      return refused.getOrDefault(reason, 0L);
    }

    /** All packets dropped. */
    public long droppedTotal() {
      return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** All connections refused. */
    public long refusedTotal() {
      return refused.values().stream().mapToLong(Long::longValue).sum();
    }

    /** This minus {@code earlier}: the counts between the two. */
    public Snapshot minus(Snapshot earlier) {
      Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
      for (DropReason r : DropReason.values()) {
        d.put(r, dropped(r) - earlier.dropped(r));
      }
      Map<Refusal, Long> f = new EnumMap<>(Refusal.class);
      for (Refusal r : Refusal.values()) {
        f.put(r, refused(r) - earlier.refused(r));
      }
      return new Snapshot(
          millis - earlier.millis,
          received - earlier.received,
          forwardHopReceived - earlier.forwardHopReceived,
          finalHopReceived - earlier.finalHopReceived,
          sent - earlier.sent,
          excessiveDelay - earlier.excessiveDelay,
          d,
          f);
    }
  }
}
