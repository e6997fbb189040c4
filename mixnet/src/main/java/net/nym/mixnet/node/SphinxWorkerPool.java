package net.nym.mixnet.node;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run Sphinx processing, one per core by default, so that cryptography never runs
 * on a Netty event loop. Its queue is bounded: when every worker is busy and the queue is full,
 * {@link #submit} refuses the task and the caller drops the packet (overload sheds packets instead
 * of growing the heap).
 */
public final class SphinxWorkerPool {
  private final ThreadPoolExecutor executor;

  /**
   * @param name prefix of the thread names
   * @param threads worker threads (at least 1)
   * @param queueCapacity tasks waiting for a worker
   */
  public SphinxWorkerPool(String name, int threads, int queueCapacity) {
    if (threads < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("worker threads and queue capacity must be >= 1");
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    executor.prestartAllCoreThreads();
  }

  /** The number of worker threads for this machine: one per available processor. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Runs {@code task} on a worker; returns false (and does not run it) if the pool is full. */
  public boolean submit(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Tasks waiting for a worker. */
  public int queued() {
    return executor.getQueue().size();
  }

  /** The number of worker threads. */
  public int threads() {
    return executor.getCorePoolSize();
  }

  /**
   * Takes no more tasks, lets the queued ones finish within {@code grace}, then interrupts.
   *
   * @return the number of tasks that never ran
   */
  public int shutdown(Duration grace) {
    executor.shutdown();
    try {
      if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return executor.shutdownNow().size();
  }
}
