package net.nym.mixnet.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run Sphinx processing, one per core by default, so that cryptography never runs
 * on a Netty event loop. Its queue is bounded: when it is full, {@link #submit} refuses the packet
 * and the caller drops it (overload sheds packets instead of growing the heap).
 *
 * <p>Hand-offs are batched without ever waiting for a batch to fill: an event loop {@link #submit
 * submits} the packets of one read without waking anybody (unless {@value #WAKE_EVERY} are queued,
 * so that the workers start early on a long read) and calls {@link #wake} once at the end of the
 * read; a worker that
 * takes a packet while more are queued wakes a sleeping peer; a worker calls its {@link
 * Worker#flush} (hand the results on, e.g. one wake-up of the outbound event loop for several
 * packets) when the queue is empty, before it sleeps, or after {@value #FLUSH_EVERY} packets in a
 * row, or once the first unflushed packet was processed {@value #FLUSH_AFTER_NANOS} ns ago. So at
 * low rates every packet is handed on as soon as it is processed, and under load the
 * thread switches and wake-ups per packet fall.
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

  /** Packets a worker processes before it hands its results on while more are queued. */
  static final int FLUSH_EVERY = 8;

  /**
   * How long the result of the first unflushed packet may wait for the packets processed after it
   * while more are queued (a bound on the latency that batching adds).
   */
  static final long FLUSH_AFTER_NANOS = 500_000;

  /**
   * What one worker thread does; one instance per thread, so it may keep unsynchronised state.
   *
   * @param <T> what is queued
   */
  public interface Worker<T> {
    /** Processes one item; runtime exceptions are logged and the worker goes on. */
    void process(T item);

    /** Hands on what the items processed since the last call produced. */
    void flush();
  }

  private final ArrayBlockingQueue<T> queue;
  private final List<Thread> threads = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private volatile int sleeping;
  private volatile boolean stopping;
  private volatile boolean aborted;

  /**
   * Creates and starts the workers.
   *
   * @param name prefix of the thread names
   * @param threads worker threads (at least 1)
   * @param queueCapacity items waiting for a worker
   * @param workers makes the {@link Worker} of each thread
   */
  public SphinxWorkerPool(
      String name, int threads, int queueCapacity, Supplier<? extends Worker<T>> workers) {
    if (threads < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("worker threads and queue capacity must be >= 1");
    }
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    for (int i = 1; i <= threads; i++) {
      Worker<T> worker = workers.get();
      Thread t = new Thread(() -> run(worker), name + "-" + i);
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
   * Queues {@code item}; returns false (and does not queue it) if the queue is full or the pool is
   * stopping. Wakes a sleeping worker only once {@value #WAKE_EVERY} items are queued: call {@link
   * #wake} when the current burst of submissions ends. Thread-safe.
   */
  public boolean submit(T item) {
    if (stopping || !queue.offer(item)) {
      return false;
    }
    if (sleeping > 0 && queue.size() >= WAKE_EVERY) {
      signalOne();
    }
    return true;
  }

  /** Wakes a sleeping worker if anything is queued. Thread-safe. */
  public void wake() {
    if (sleeping > 0 && !queue.isEmpty()) {
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

  private void run(Worker<T> worker) {
    int unflushed = 0;
    long firstUnflushed = 0;
    while (true) {
      T item = aborted ? null : queue.poll();
      if (item == null) {
        if (unflushed > 0) {
          flush(worker);
          unflushed = 0;
        }
        if (aborted || (stopping && queue.isEmpty())) {
          return;
        }
        lock.lock();
        try {
          sleeping++;
          while (queue.isEmpty() && !stopping && !aborted) {
            notEmpty.awaitUninterruptibly();
          }
          sleeping--;
        } finally {
          lock.unlock();
        }
        continue;
      }
      wake(); // more queued than this worker takes now: let a sleeping peer start on it
      try {
        worker.process(item);
      } catch (RuntimeException e) {
        LOG.error("a sphinx worker failed on one packet: {}", e.toString(), e);
      }
      long now = System.nanoTime();
      if (unflushed++ == 0) {
        firstUnflushed = now;
      }
      if (unflushed >= FLUSH_EVERY || now - firstUnflushed >= FLUSH_AFTER_NANOS) {
        flush(worker);
        unflushed = 0;
      }
    }
  }

  private static <T> void flush(Worker<T> worker) {
    try {
      worker.flush();
    } catch (RuntimeException e) {
      LOG.error("a sphinx worker failed to hand on its packets: {}", e.toString(), e);
    }
  }

  /** Items waiting for a worker. */
  public int queued() {
    return queue.size();
  }

  /** The number of worker threads. */
  public int threads() {
    return threads.size();
  }

  /**
   * Takes no more items, lets the queued ones be processed within {@code grace}, then drops the
   * rest and stops the threads.
   *
   * @return the number of items that were never processed
   */
  public int shutdown(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    stopping = true;
    signalAll();
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
    aborted = true;
    int dropped = 0;
    while (queue.poll() != null) {
      dropped++;
    }
    signalAll();
    try {
      for (Thread t : threads) {
        t.join(5_000); // a packet in progress takes well under a millisecond
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return dropped;
  }

  private void signalAll() {
    lock.lock();
    try {
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
