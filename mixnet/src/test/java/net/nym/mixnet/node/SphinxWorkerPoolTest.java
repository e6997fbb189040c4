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

  private SphinxWorkerPool<String> pool(int threads, int capacity) {
    return new SphinxWorkerPool<>(
        "test", threads, capacity, () -> new Collecting(flushed, entered, proceed));
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
    SphinxWorkerPool<String> pool = pool(1, 100);
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
    assertThat(pool.shutdown(Duration.ofSeconds(5))).isZero();
  }

  @Test
  void aFailingItemIsLoggedAndTheWorkerGoesOn() throws Exception {
    SphinxWorkerPool<String> pool = pool(2, 100);
    pool.submit("boom");
    pool.submit("after");
    pool.wake();
    assertThat(flushedItems(1)).containsExactly("after");
    assertThat(pool.shutdown(Duration.ofSeconds(5))).isZero();
  }

  @Test
  void refusesWhenFullAndCountsWhatNeverRanAtShutdown() throws Exception {
    SphinxWorkerPool<String> pool = pool(1, 2);
    assertThat(pool.submit("block")).isTrue();
    pool.wake();
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.submit("a")).isTrue();
    assertThat(pool.submit("b")).isTrue();
    assertThat(pool.submit("c")).as("queue of 2 is full").isFalse();
    assertThat(pool.queued()).isEqualTo(2);
    CompletableFuture<Integer> stop =
        CompletableFuture.supplyAsync(() -> pool.shutdown(Duration.ofMillis(100)));
    await().atMost(Duration.ofSeconds(10)).until(() -> pool.queued() == 0);
    proceed.countDown();
    assertThat(stop.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(flushedItems(1)).containsExactly("block");
    assertThat(pool.submit("d")).as("stopped").isFalse();
  }
}
