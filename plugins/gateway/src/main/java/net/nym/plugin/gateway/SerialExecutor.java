package net.nym.plugin.gateway;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;

/**
 * Runs one session's tasks one at a time, in order, on a shared pool: the session's state is
 * confined to whichever pool thread runs it. At most {@code limit} tasks wait; {@link #execute}
 * returns {@code false} beyond that (the caller counts and closes).
 */
final class SerialExecutor {
  private final Executor pool;
  private final int limit;
  private final Logger log;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor pool, int limit, Logger log) {
    this.pool = pool;
    this.limit = limit;
    this.log = log;
  }

  /** Queues {@code task}; {@code false} if the queue is full. */
  boolean execute(Runnable task) {
    synchronized (tasks) {
      if (tasks.size() >= limit) {
        return false;
      }
      tasks.add(task);
      if (running) {
        return true;
      }
      running = true;
    }
    try {
      pool.execute(this::drain);
    } catch (RuntimeException e) {
      synchronized (tasks) {
        running = false;
        tasks.clear();
      }
      return false;
    }
    return true;
  }

  private void drain() {
    for (int n = 0; n < 64; n++) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        log.warn("session task failed: {}", e.toString());
      }
    }
    // Yield the pool thread to other sessions, then continue.
    try {
      pool.execute(this::drain);
    } catch (RuntimeException e) {
      synchronized (tasks) {
        running = false;
        tasks.clear();
      }
    }
  }
}
