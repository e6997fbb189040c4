package net.nym.mixnet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SphinxWorkerPoolTest {

  /** Collects processed items and hands them on as one batch per flush. */
  private static final class Collecting implements SphinxWorkerPool.Worker<String> {
    private final List<String> pending = new ArrayList<>();
    private final BlockingQueue<List<String>> flushed;
    private final CountDownLatch entered;
    private final CountDownLatch proceed;

    Collecting(
        BlockingQueue<List<String>> flushed, CountDownLatch entered, CountDownLatch proceed) {
      this.flushed = flushed;
      this.entered = entered;
      this.proceed = proceed;
    }

    @Override
    public void process(String item) {
      if (item.equals("boom")) {
        throw new IllegalStateException("boom");
      }
      if (item.equals("block")) {
        entered.countDown();
        try {
          proceed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      pending.add(item);
    }

    @Override
    public void flush() {
      flushed.add(List.copyOf(pending));
      pending.clear();
    }
  }

  private final BlockingQueue<List<String>> flushed = new LinkedBlockingQueue<>();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch proceed = new CountDownLatch(1);

  private final List<SphinxWorkerPool<String>> pools = new ArrayList<>();

  private SphinxWorkerPool<String>.Lane pool(int threads, int capacity) {
    SphinxWorkerPool<String> pool = new SphinxWorkerPool<>("test", threads);
    pools.add(pool);
    return pool.join(capacity, () -> new Collecting(flushed, entered, proceed));
  }

  @AfterEach
  void stopPools() {
    pools.forEach(p -> p.shutdown(Duration.ofSeconds(5)));
  }

  private List<String> flushedItems(int expected) throws InterruptedException {
    List<String> all = new ArrayList<>();
    while (all.size() < expected) {
      List<String> batch = flushed.poll(10, TimeUnit.SECONDS);
      assertThat(batch).as("a flush within 10 s").isNotNull();
      assertThat(batch.size()).isLessThanOrEqualTo(SphinxWorkerPool.FLUSH_EVERY);
      all.addAll(batch);
    }
    return all;
  }

  @Test
  void processesABurstAfterOneWakeAndFlushesWhenTheQueueRunsDry() throws Exception {
    SphinxWorkerPool<String>.Lane pool = pool(1, 100);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add("p" + i);
      assertThat(pool.submit("p" + i)).isTrue();
    }
    pool.wake();
    // Twenty in order (one worker), handed on in batches of at most FLUSH_EVERY, the last one
    // when the queue ran dry rather than when a batch filled.
    assertThat(flushedItems(20)).isEqualTo(sent);
    assertThat(pool.submit("late")).isTrue();
    pool.wake();
    assertThat(flushedItems(1)).containsExactly("late");
    assertThat(pool.close(Duration.ofSeconds(5))).isZero();
  }

  @Test
  void aFailingItemIsLoggedAndTheWorkerGoesOn() throws Exception {
    SphinxWorkerPool<String>.Lane pool = pool(2, 100);
    pool.submit("boom");
    pool.submit("after");
    pool.wake();
    assertThat(flushedItems(1)).containsExactly("after");
    assertThat(pool.close(Duration.ofSeconds(5))).isZero();
  }

  @Test
  void refusesWhenFullAndCountsWhatNeverRanAtShutdown() throws Exception {
    SphinxWorkerPool<String>.Lane pool = pool(1, 2);
    assertThat(pool.submit("block")).isTrue();
    pool.wake();
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.submit("a")).isTrue();
    assertThat(pool.submit("b")).isTrue();
    assertThat(pool.submit("c")).as("queue of 2 is full").isFalse();
    assertThat(pool.queued()).isEqualTo(2);
    CompletableFuture<Integer> stop =
        CompletableFuture.supplyAsync(() -> pool.close(Duration.ofMillis(100)));
    await().atMost(Duration.ofSeconds(10)).until(() -> pool.queued() == 0);
    proceed.countDown();
    assertThat(stop.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(flushedItems(1)).containsExactly("block");
    assertThat(pool.submit("d")).as("stopped").isFalse();
  }

  @Test
  void lanesShareTheThreadsButKeepTheirWorkersQueuesAndShutdown() throws Exception {
    SphinxWorkerPool<String> pool = new SphinxWorkerPool<>("shared", 1);
    pools.add(pool);
    BlockingQueue<List<String>> other = new LinkedBlockingQueue<>();
    CountDownLatch otherEntered = new CountDownLatch(1);
    CountDownLatch otherProceed = new CountDownLatch(1);
    SphinxWorkerPool<String>.Lane a =
        pool.join(100, () -> new Collecting(flushed, entered, proceed));
    SphinxWorkerPool<String>.Lane b =
        pool.join(1, () -> new Collecting(other, otherEntered, otherProceed));
    // The one thread blocks in lane a's item; lane b's queue of 1 fills on its own.
    assertThat(a.submit("block")).isTrue();
    a.wake();
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(b.submit("b1")).isTrue();
    assertThat(b.submit("b2")).as("lane b's queue of 1 is full").isFalse();
    assertThat(a.submit("a1")).as("lane a has room of its own").isTrue();
    assertThat(pool.queued()).isEqualTo(2);
    proceed.countDown();
    // Each item went to its own lane's worker, each lane's results to its own flush.
    assertThat(flushedItems(2)).containsExactly("block", "a1");
    List<String> fromB = other.poll(10, TimeUnit.SECONDS);
    assertThat(fromB).containsExactly("b1");
    // Closing lane a leaves lane b served by the same thread.
    assertThat(a.close(Duration.ofSeconds(5))).isZero();
    assertThat(a.submit("late")).as("closed").isFalse();
    assertThat(b.submit("b3")).isTrue();
    b.wake();
    assertThat(other.poll(10, TimeUnit.SECONDS)).containsExactly("b3");
    assertThat(b.close(Duration.ofSeconds(5))).isZero();
  }
}
