package net.nym.mixnet.forward;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.PacketCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds packets until their release time and releases them in release-time order (ties in arrival
 * order) on one dedicated thread, never on an event loop. Several nodes of one process may share
 * one scheduler: each {@linkplain #join joins} it as a {@link Lane} with its own capacity, release
 * target and counters, and the one thread releases every lane's packets (a localnet's eight nodes
 * then keep one timer thread instead of eight, and packets of several nodes due together leave
 * after one wake-up).
 *
 * <p>A packet that is already due when it is scheduled, with nothing of its lane due before it, is
 * not held at all: {@link Lane#schedule} answers {@link Decision#DUE} and the caller (a Sphinx
 * worker) hands it on itself, which keeps the order and spares a thread hand-off and a timer for
 * zero delays. Everything due when the thread wakes is released at once, each lane's packets as
 * one list (one hand-off to the next hops for all of them).
 *
 * <p>At most a lane's {@code capacity} packets are held; beyond that a packet is dropped and
 * counted as {@link DropReason#SCHEDULER_FULL}, so memory stays bounded whatever the senders ask for.
 * {@link Lane#close(Duration)} stops taking a lane's packets, releases those due within the grace
 * period and drops (and counts) the rest.
 */
public final class DelayScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(DelayScheduler.class);

  /** What {@link Lane#schedule} did with a packet. */
  public enum Decision {
    /** Already due with nothing due before it: not held, the caller hands it on now. */
    DUE,
    /** Held; the scheduler thread releases it. */
    HELD,
    /** Dropped (full or closing) and counted. */
    DROPPED
  }

  private record Held(long releaseNanos, long seq, Lane lane, Outgoing packet)
      implements Comparable<Held> {
    @Override
    public int compareTo(Held o) {
      int c = Long.compare(releaseNanos - o.releaseNanos, 0);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Condition released = lock.newCondition();
  private final PriorityQueue<Held> queue = new PriorityQueue<>();
  private final Thread thread;
  private long seq;
  private boolean stopping;
  /** Lanes waiting in {@link Lane#close} for their due packets to leave. */
  private int closers;

  /**
   * Creates and starts the scheduler thread.
   *
   * @param name the thread name
   */
  public DelayScheduler(String name) {
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Adds a lane.
   *
   * @param capacity how many of its packets may be held at once
   * @param release called with the lane's packets that are due, in release-time order, on the
   *     scheduler thread; must not block
   * @param counters where the lane's drops are counted
   */
  public Lane join(int capacity, Consumer<List<Outgoing>> release, PacketCounters counters) {
    if (capacity < 1) {
      throw new IllegalArgumentException("scheduler capacity must be >= 1");
    }
    return new Lane(capacity, release, counters);
  }

  /** One user's share of the scheduler. All state is guarded by the scheduler's lock. */
  public final class Lane {
    private final int capacity;
    private final Consumer<List<Outgoing>> release;
    private final PacketCounters counters;
    private int held;
    private boolean closing;
    /** Whether the scheduler thread is handing on packets of this lane now. */
    private boolean releasing;
    /** This lane's packets of the current release round (the scheduler thread's only). */
    private final List<Outgoing> due = new ArrayList<>();

    private Lane(int capacity, Consumer<List<Outgoing>> release, PacketCounters counters) {
      this.capacity = capacity;
      this.release = release;
      this.counters = counters;
    }

    /**
     * Holds {@code packet} until its {@linkplain Outgoing#releaseNanos release time}, unless it is
     * due already with nothing held due before it.
     *
     * @return {@link Decision#DUE}: the caller hands the packet on now; {@link Decision#HELD}; or
     *     {@link Decision#DROPPED} (full or closing; the drop is already counted)
     */
    public Decision schedule(Outgoing packet) {
      long releaseNanos = packet.releaseNanos();
      lock.lock();
      try {
        if (closing || stopping) {
          counters.dropped(DropReason.SHUTDOWN);
          return Decision.DROPPED;
        }
        long now = System.nanoTime();
        Held head = queue.peek();
        // Already due and nothing held due before it: the caller hands it on; this is still
        // release-time order and spares the scheduler thread a wake-up (zero delays).
        if (releaseNanos - now <= 0 && (head == null || head.releaseNanos - now > 0)) {
          return Decision.DUE;
        }
        if (held >= capacity) {
          counters.dropped(DropReason.SCHEDULER_FULL);
          return Decision.DROPPED;
        }
        Held h = new Held(releaseNanos, seq++, this, packet);
        queue.add(h);
        held++;
        if (queue.peek() == h) {
          changed.signal();
        }
        return Decision.HELD;
      } finally {
        lock.unlock();
      }
    }

    /** The number of this lane's packets held now. */
    public int size() {
      lock.lock();
      try {
        return held;
      } finally {
        lock.unlock();
      }
    }

    /**
     * Stops taking packets, releases those due within {@code grace} (waiting for them), drops the
     * rest and counts them. The scheduler goes on serving other lanes.
     *
     * @return the number of packets dropped because they were due later
     */
    public long close(Duration grace) {
      long deadline = System.nanoTime() + grace.toNanos();
      lock.lock();
      try {
        closing = true;
        closers++;
        while (releasing || dueBy(deadline)) {
          long left = deadline - System.nanoTime();
          // The thread releases at the packet's time; allow it a moment past the deadline.
          released.awaitNanos(Math.max(left, 0) + TimeUnit.MILLISECONDS.toNanos(100));
          if (deadline - System.nanoTime() < -TimeUnit.SECONDS.toNanos(5)) {
            break;
          }
        }
        long dropped = 0;
        for (var it = queue.iterator(); it.hasNext(); ) {
          if (it.next().lane == this) {
            it.remove();
            dropped++;
          }
        }
        held = 0;
        closers--;
        counters.dropped(DropReason.SHUTDOWN, dropped);
        changed.signal(); // the head may have gone
        return dropped;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return held;
      } finally {
        lock.unlock();
      }
    }

    /** Whether a packet of this lane due by {@code deadline} is still held. */
    private boolean dueBy(long deadline) {
      if (held == 0) {
        return false;
      }
      for (Held h : queue) {
        if (h.lane == this && h.releaseNanos - deadline <= 0) {
          return true;
        }
      }
      return false;
    }
  }

  /** The number of packets held now, of all lanes. */
  public int size() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the thread (close every lane first; what is still held is dropped uncounted). Waits for
   * it at most {@code timeout}.
   */
  public void shutdown(Duration timeout) {
    lock.lock();
    try {
      stopping = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    List<Lane> lanes = new ArrayList<>(); // lanes with packets in this round, in order of the first
    while (true) {
      lock.lock();
      try {
        // The previous round's packets are handed on.
        for (Lane lane : lanes) {
          lane.releasing = false;
        }
        lanes.clear();
        if (closers > 0) {
          released.signalAll();
        }
        while (true) {
          if (stopping) {
            return;
          }
          Held head = queue.peek();
          long now = System.nanoTime();
          if (head == null) {
            changed.awaitUninterruptibly();
          } else if (head.releaseNanos - now > 0) {
            try {
              changed.awaitNanos(head.releaseNanos - now);
            } catch (InterruptedException e) {
              // Nobody interrupts this thread; only shutdown() ends it. Keep waiting.
            }
          } else {
            break;
          }
        }
        long now = System.nanoTime();
        Held head;
        while ((head = queue.peek()) != null && head.releaseNanos - now <= 0) {
          queue.poll();
          Lane lane = head.lane;
          lane.held--;
          if (lane.due.isEmpty()) {
            lanes.add(lane);
            lane.releasing = true;
          }
          lane.due.add(head.packet);
        }
      } finally {
        lock.unlock();
      }
      for (Lane lane : lanes) {
        try {
          lane.release.accept(lane.due);
        } catch (RuntimeException e) {
          LOG.error("releasing packets failed: {}", e.toString(), e);
        }
        lane.due.clear();
      }

    }
  }
}
