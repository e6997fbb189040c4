package net.nym.mixnet.forward;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.PacketCounters;

/**
 * Holds packets until their release time and releases them in release-time order (ties in arrival
 * order) on one dedicated thread, never on an event loop. A packet that is already due when it is
 * scheduled, with nothing due before it, is not held at all: {@link #schedule} answers {@link
 * Decision#DUE} and the caller (a Sphinx worker) hands it on itself, which keeps the order and
 * spares a thread hand-off and a timer for zero delays.
 *
 * <p>At most {@code capacity} packets are held; beyond that a packet is dropped and counted as
 * {@link DropReason#SCHEDULER_FULL}, so memory stays bounded whatever the senders ask for. {@link
 * #close(Duration)} stops taking packets, releases those due within the grace period and drops (and
 * counts) the rest.
 */
public final class DelayScheduler {

  /** What {@link #schedule} did with a packet. */
  public enum Decision {
    /** Already due with nothing due before it: not held, the caller hands it on now. */
    DUE,
    /** Held; the scheduler thread releases it. */
    HELD,
    /** Dropped (full or closing) and counted. */
    DROPPED
  }

  private record Held(long releaseNanos, long seq, Outgoing packet) implements Comparable<Held> {
    @Override
    public int compareTo(Held o) {
      int c = Long.compare(releaseNanos - o.releaseNanos, 0);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Held> queue = new PriorityQueue<>();
  private final int capacity;
  private final Consumer<Outgoing> release;
  private final PacketCounters counters;
  private final Thread thread;
  private long seq;
  private boolean closing;
  private long closeDeadline;
  private long droppedAtClose;

  /**
   * Creates and starts the scheduler thread.
   *
   * @param name the thread name
   * @param capacity how many packets may be held at once
   * @param release called for each held packet when it is due, on the scheduler thread; must not
   *     block
   * @param counters where drops are counted
   */
  public DelayScheduler(
      String name, int capacity, Consumer<Outgoing> release, PacketCounters counters) {
    if (capacity < 1) {
      throw new IllegalArgumentException("scheduler capacity must be >= 1");
    }
    this.capacity = capacity;
    this.release = release;
    this.counters = counters;
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Holds {@code packet} until its {@linkplain Outgoing#releaseNanos release time}, unless it is
   * due already with nothing due before it.
   *
   * @return {@link Decision#DUE}: the caller hands the packet on now; {@link Decision#HELD}; or
   *     {@link Decision#DROPPED} (full or closing; the drop is already counted)
   */
  public Decision schedule(Outgoing packet) {
    long releaseNanos = packet.releaseNanos();
    lock.lock();
    try {
      if (closing) {
        counters.dropped(DropReason.SHUTDOWN);
        return Decision.DROPPED;
      }
      long now = System.nanoTime();
      Held head = queue.peek();
      // Already due and nothing due before it: the caller hands it on; this is still
      // release-time order and spares the scheduler thread a wake-up (zero delays).
      if (releaseNanos - now <= 0 && (head == null || head.releaseNanos - now > 0)) {
        return Decision.DUE;
      }
      if (queue.size() >= capacity) {
        counters.dropped(DropReason.SCHEDULER_FULL);
        return Decision.DROPPED;
      }
      Held h = new Held(releaseNanos, seq++, packet);
      queue.add(h);
      if (queue.peek() == h) {
        changed.signal();
      }
      return Decision.HELD;
    } finally {
      lock.unlock();
    }
  }

  /** The number of packets held now. */
  public int size() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops taking packets, releases those due within {@code grace} (waiting for them), drops the
   * rest and stops the thread.
   *
   * @return the number of packets dropped because they were due later
   */
  public long close(Duration grace) {
    lock.lock();
    try {
      if (!closing) {
        closing = true;
        closeDeadline = System.nanoTime() + grace.toNanos();
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    try {
      thread.join(grace.toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      return droppedAtClose;
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (true) {
      Held due;
      lock.lock();
      try {
        while (true) {
          Held head = queue.peek();
          long now = System.nanoTime();
          if (closing && (head == null || head.releaseNanos - closeDeadline > 0)) {
            droppedAtClose = queue.size();
            counters.dropped(DropReason.SHUTDOWN, droppedAtClose);
            queue.clear();
            return;
          }
          if (head == null) {
            changed.awaitUninterruptibly();
          } else if (head.releaseNanos - now > 0) {
            try {
              changed.awaitNanos(head.releaseNanos - now);
            } catch (InterruptedException e) {
              // Nobody interrupts this thread; only close() ends it. Keep waiting.
            }
          } else {
            due = queue.poll();
            break;
          }
        }
      } finally {
        lock.unlock();
      }
      try {
        release.accept(due.packet());
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(DelayScheduler.class)
            .error("releasing a packet failed: {}", e.toString(), e);
      }
    }
  }

  /** For tests: waits up to {@code timeout} for the thread to end. */
  boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    thread.join(unit.toMillis(timeout));
    return !thread.isAlive();
  }
}
