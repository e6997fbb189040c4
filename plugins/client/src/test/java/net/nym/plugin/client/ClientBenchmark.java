package net.nym.plugin.client;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.nym.client.core.engine.ClientKeys;
import net.nym.client.core.engine.NymClient;
import net.nym.client.core.engine.ReceivedMessage;
import net.nym.client.core.engine.ReplyStorage;
import net.nym.client.core.engine.TrafficSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client figures of docs/benchmarks.md ("Client"): end-to-end latency of small messages
 * (default and zero delays), goodput (fastmode without cover; default Poisson sending) and the
 * CPU of an idle client with default cover traffic. Runs only with {@code -Dnym.bench=true}:
 * {@code mvn -q -Dnym.target=target-cli7 -pl plugins/client -am test -Dtest=ClientBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dnym.bench=true}.
 */
@EnabledIfSystemProperty(named = "nym.bench", matches = "true")
class ClientBenchmark {
  @TempDir Path dir;

  private static final class Pair implements AutoCloseable {
    final NymClient a;
    final NymClient b;
    final AtomicInteger received = new AtomicInteger();

    Pair(TestNetwork net, TrafficSettings s) throws Exception {
      ClientKeys ka = net.register(0);
      ClientKeys kb = net.register(1);
      NymClient.Events none = new NymClient.Events() {
        @Override
        public void onMessage(ReceivedMessage m) {}

        @Override
        public void onError(String m) {}
      };
      a = new NymClient(ka, net.topologyProvider::fetch, s, new ReplyStorage(null), none);
      b = new NymClient(kb, net.topologyProvider::fetch, s, new ReplyStorage(null),
          new NymClient.Events() {
            @Override
            public void onMessage(ReceivedMessage m) {
              received.incrementAndGet();
            }

            @Override
            public void onError(String m) {}
          });
      a.start();
      b.start();
    }

    @Override
    public void close() {
      a.close();
      b.close();
    }
  }

  private static void latency(TestNetwork net, String name, TrafficSettings s) throws Exception {
    try (Pair p = new Pair(net, s)) {
      List<Long> ms = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        int want = p.received.get() + 1;
        long t0 = System.nanoTime();
        p.a.send(p.b.address(), new byte[] {1, 2, 3});
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
            .until(() -> p.received.get() >= want);
        if (i >= 20) {
          ms.add((System.nanoTime() - t0) / 1_000);
        }
      }
      Collections.sort(ms);
      System.out.printf("BENCH latency %s: p50 %.1f ms, p99 %.1f ms, mean %.1f ms (n=%d)%n",
          name, ms.get(ms.size() / 2) / 1000.0, ms.get((int) (ms.size() * 0.99)) / 1000.0,
          ms.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0, ms.size());
    }
  }

  private static void goodput(TestNetwork net, String name, TrafficSettings s, int bytes)
      throws Exception {
    try (Pair p = new Pair(net, s)) {
      byte[] data = new byte[bytes];
      new Random(1).nextBytes(data);
      long t0 = System.nanoTime();
      p.a.send(p.b.address(), data);
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
          .until(() -> p.received.get() == 1);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("BENCH goodput %s: %d bytes in %.2f s = %.1f KB/s (retransmissions"
          + " %d)%n", name, bytes, secs, bytes / secs / 1000, p.a.retransmissions());
    }
  }

  @Test
  void figures() throws Exception {
    try (TestNetwork net = new TestNetwork(dir)) {
      net.topology();
      TrafficSettings def = TrafficSettings.defaults();
      latency(net, "default delays (15 ms/hop, 20 ms Poisson, cover)", def);
      latency(net, "zero delays, no cover", def.withHopDelay(Duration.ZERO).noCover());
      goodput(net, "fastmode no-cover", def.fastmode().noCover(), 8 << 20);
      goodput(net, "default Poisson (cover on)", def, 1 << 20);
      // Idle CPU: the client's own threads over 20 s of default cover traffic.
      ClientKeys k = net.register(0);
      try (ReplyStorage st = new ReplyStorage(null)) {
        NymClient idle = new NymClient(k, net.topologyProvider::fetch, def, st,
            new NymClient.Events() {
              @Override
              public void onMessage(ReceivedMessage m) {}

              @Override
              public void onError(String m) {}
            });
        idle.start();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long before = clientCpu(mx);
        long t0 = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(25))
            .until(() -> true);
        double cpu = (clientCpu(mx) - before) / (double) (System.nanoTime() - t0);
        System.out.printf("BENCH idle CPU with default cover: %.2f %% of one core (%d cover"
            + " packets)%n", cpu * 100, idle.coverPacketsSent());
        idle.close();
      }
    }
  }

  private static long clientCpu(ThreadMXBean mx) {
    long sum = 0;
    for (long id : mx.getAllThreadIds()) {
      var info = mx.getThreadInfo(id);
      if (info != null && (info.getThreadName().startsWith("nym-client")
          || info.getThreadName().startsWith("HttpClient"))) {
        long c = mx.getThreadCpuTime(id);
        sum += Math.max(c, 0);
      }
    }
    return sum;
  }
}
