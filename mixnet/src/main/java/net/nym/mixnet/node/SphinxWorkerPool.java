package net.nym.mixnet.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run Sphinx processing, one per core by default, so that cryptography never runs
 * on a Netty event loop. Several nodes of one process may share one pool: each {@linkplain #join
 * joins} it as a {@link Lane} with its own bounded queue and its own {@link Worker} per thread, and
 * every thread processes any lane's items. A process running a whole network (a localnet: six
 * mixnodes and two gateways) then runs one thread per core for all its unwraps instead of one per
 * core per node: far fewer threads handing packets to each other, and warmer caches.
 *
 * <p>Each lane's queue is bounded: when it is full, {@link Lane#submit} refuses the item and the
 * caller drops it (overload sheds packets instead of growing the heap, and one node's flood cannot
 * take another's share of the queue).
 *
 * <p>Hand-offs are batched without ever waiting for a batch to fill: an event loop {@link
 * Lane#submit submits} the packets of one read without waking anybody (unless {@value
 * #WAKE_EVERY} are queued, so that the workers start early on a long read) and calls {@link
 * Lane#wake} once at the end of the read; a worker that takes an item while more are queued wakes
 * a sleeping peer; a worker calls {@link Worker#flush} on each lane's worker it used (hand the
 * results on, e.g. one wake-up of the outbound side for several packets) when the queue is empty,
 * before it sleeps, or after {@value #FLUSH_EVERY} items in a row, or once the first unflushed
 * item was processed {@value #FLUSH_AFTER_NANOS} ns ago. So at low rates every packet is handed on
 * as soon as it is processed, and under load the thread switches and wake-ups per packet fall.
 *
 * <p>A worker does not yield after handing its results on: the thread that releases a packet
 * writes it to the next hop's socket itself (see {@link
 * net.nym.mixnet.forward.OutboundConnections}), so there is no event loop left that would have to
 * run before the next item for the packets to leave.
 *
 * @param <T> what is queued
 */
public final class SphinxWorkerPool<T> {
  private static final Logger LOG = LoggerFactory.getLogger(SphinxWorkerPool.class);

  /** Submissions between two wake-ups within one read. */
  static final int WAKE_EVERY = 16;

  /** Items a worker processes before it hands its results on while more are queued. */
  static final int FLUSH_EVERY = 8;

  /**
   * How long the result of the first unflushed item may wait for the items processed after it
   * while more are queued (a bound on the latency that batching adds).
   */
  static final long FLUSH_AFTER_NANOS = 500_000;

  /**
   * What one worker thread does for one lane; one instance per thread and lane, so it may keep
   * unsynchronised state.
   *
   * @param <T> what is queued
   */
  public interface Worker<T> {
    /** Processes one item; runtime exceptions are logged and the worker goes on. */
    void process(T item);

    /** Hands on what the items processed since the last call produced. */
    void flush();
  }

  private record Entry<T>(SphinxWorkerPool<T>.Lane lane, T item) {}

  private final ConcurrentLinkedQueue<Entry<T>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private volatile int sleeping;
  private volatile boolean stopping;

  /**
   * Creates and starts the workers.
   *
   * @param name prefix of the thread names
   * @param threads worker threads (at least 1)
   */
  public SphinxWorkerPool(String name, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("worker threads must be >= 1");
    }
    for (int i = 0; i < threads; i++) {
      int index = i;
      Thread t = new Thread(() -> run(index), name + "-" + (i + 1));
      t.setDaemon(true);
      this.threads.add(t);
    }
    this.threads.forEach(Thread::start);
  }

  /** The number of worker threads for this machine: one per available processor. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Adds a lane: its own queue of at most {@code queueCapacity} items, processed by {@code
   * workers} (one made per thread). Thread-safe.
   */
  public Lane join(int queueCapacity, Supplier<? extends Worker<T>> workers) {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("worker queue capacity must be >= 1");
    }
    List<Worker<T>> perThread = new ArrayList<>(threads.size());
    for (int i = 0; i < threads.size(); i++) {
      perThread.add(workers.get());
    }
    return new Lane(queueCapacity, perThread);
  }

  /** One user's share of the pool: its queue bound, its workers, its shutdown. */
  public final class Lane {
    private final int capacity;
    private final List<Worker<T>> workers;
    /** Items queued and not yet taken by a worker (the bound applies to these). */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Items submitted whose results are not yet flushed (what {@link #close} waits for). */
    private final AtomicInteger unfinished = new AtomicInteger();
    private final ReentrantLock doneLock = new ReentrantLock();
    private final Condition done = doneLock.newCondition();
    private volatile boolean closing;
    private volatile boolean aborted;

    private Lane(int capacity, List<Worker<T>> workers) {
      this.capacity = capacity;
      this.workers = workers;
    }

    /**
     * Queues {@code item}; returns false (and does not queue it) if this lane's queue is full or
     * the lane is closing. Wakes a sleeping worker only once {@value #WAKE_EVERY} items are
     * queued: call {@link #wake} when the current burst of submissions ends. Thread-safe.
     */
    public boolean submit(T item) {
      if (closing || stopping) {
        return false;
      }
      if (waiting.incrementAndGet() > capacity) {
        waiting.decrementAndGet();
        return false;
      }
      unfinished.incrementAndGet();
      queue.offer(new Entry<>(this, item));
      if (queued.incrementAndGet() >= WAKE_EVERY && sleeping > 0) {
        signalOne();
      }
      return true;
    }

    /** Wakes a sleeping worker if anything is queued. Thread-safe. */
    public void wake() {
      SphinxWorkerPool.this.wake();
    }

    /** Items of this lane waiting for a worker. */
    public int queued() {
      return waiting.get();
    }

    /** The number of worker threads that serve this lane. */
    public int threads() {
      return threads.size();
    }

    /**
     * Takes no more items, lets the queued ones be processed and their results handed on within
     * {@code grace}, then drops the rest. The pool's threads go on serving other lanes.
     *
     * @return the number of items that were never processed
     */
    public int close(Duration grace) {
      closing = true;
      wake();
      long deadline = System.nanoTime() + grace.toNanos();
      awaitFinished(deadline);
      aborted = true;
      int dropped = 0;
      for (var it = queue.iterator(); it.hasNext(); ) {
        Entry<T> e = it.next();
        if (e.lane() == this && queue.remove(e)) {
          dropped++;
          taken();
          finished(1);
        }
      }
      // An item already taken finishes (well under a millisecond) and is flushed; wait for it.
      awaitFinished(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
      return dropped;
    }

    private void awaitFinished(long deadline) {
      doneLock.lock();
      try {
        long left;
        while (unfinished.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
          done.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        doneLock.unlock();
      }
    }

    private void taken() {
      waiting.decrementAndGet();
      queued.decrementAndGet();
    }

    private void finished(int items) {
      if (unfinished.addAndGet(-items) == 0 && closing) {
        doneLock.lock();
        try {
          done.signalAll();
        } finally {
          doneLock.unlock();
        }
      }
    }
  }

  private void wake() {
    if (sleeping > 0 && queued.get() > 0) {
      signalOne();
    }
  }

  private void signalOne() {
    lock.lock();
    try {
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** A lane's worker on this thread, and how many of its items await their flush. */
  private static final class Used<T> {
    final SphinxWorkerPool<T>.Lane lane;
    final Worker<T> worker;
    int unflushed;

    Used(SphinxWorkerPool<T>.Lane lane, Worker<T> worker) {
      this.lane = lane;
      this.worker = worker;
    }
  }

  private void run(int index) {
    List<Used<T>> used = new ArrayList<>(); // lanes with unflushed results, in first-use order
    int unflushed = 0;
    long firstUnflushed = 0;
    while (true) {
      Entry<T> entry = queue.poll();
      if (entry == null) {
        if (unflushed > 0) {
          flush(used);
          unflushed = 0;
        }
        if (stopping) {
          return;
        }
        lock.lock();
        try {
          sleeping++;
          while (queue.isEmpty() && !stopping) {
            notEmpty.awaitUninterruptibly();
          }
          sleeping--;
        } finally {
          lock.unlock();
        }
        continue;
      }
      Lane lane = entry.lane();
      lane.taken();
      wake(); // more queued than this worker takes now: let a sleeping peer start on it
      if (lane.aborted) {
        lane.finished(1);
        continue;
      }
      Used<T> u = null;
      for (int i = 0; i < used.size(); i++) {
        if (used.get(i).lane == lane) {
          u = used.get(i);
          break;
        }
      }
      if (u == null) {
        u = new Used<>(lane, lane.workers.get(index));
        used.add(u);
      }
      try {
        u.worker.process(entry.item());
      } catch (RuntimeException e) {
        LOG.error("a sphinx worker failed on one packet: {}", e.toString(), e);
      }
      u.unflushed++;
      long now = System.nanoTime();
      if (unflushed++ == 0) {
        firstUnflushed = now;
      }
      if (unflushed >= FLUSH_EVERY || now - firstUnflushed >= FLUSH_AFTER_NANOS) {
        flush(used);
        unflushed = 0;
      }
    }
  }

  private static <T> void flush(List<Used<T>> used) {
    for (Used<T> u : used) {
      try {
        u.worker.flush();
      } catch (RuntimeException e) {
        LOG.error("a sphinx worker failed to hand on its packets: {}", e.toString(), e);
      }
      u.lane.finished(u.unflushed);
    }
    used.clear();
  }

  /** Items waiting for a worker, of all lanes. */
  public int queued() {
    return queued.get();
  }

  /** The number of worker threads. */
  public int threads() {
    return threads.size();
  }

  /**
   * Stops the threads once the queue is empty (close every lane first). Waits for them at most
   * {@code timeout}.
   */
  public void shutdown(Duration timeout) {
    stopping = true;
    lock.lock();
    try {
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (Thread t : threads) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
