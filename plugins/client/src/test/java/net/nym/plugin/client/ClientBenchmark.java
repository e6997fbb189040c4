package net.nym.plugin.client;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
 * CPU of an idle client with default cover traffic, with CPU per packet measured per thread
 * (ThreadMXBean), so the figures stay meaningful on a shared machine. Prints {@code BENCH} lines
 * with the targets. Runs only with {@code -Dnym.bench=true}: {@code mvn -o -q
 * -Dnym.target=target-client -pl plugins/client -am test -Dtest=ClientBenchmark
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

  /**
   * CPU nanoseconds so far of the client threads, of all other threads (the network), and per
   * thread group (the name without its numbers).
   */
  private record Cpu(long client, long network, Map<String, Long> groups) {
    static Cpu now() {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long client = 0;
      long all = 0;
      Map<String, Long> groups = new HashMap<>();
      long self = Thread.currentThread().getId();
      for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
        if (info == null || info.getThreadId() == self) {
          continue;
        }
        long c = Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
        all += c;
        String name = info.getThreadName();
        if (isClient(name)) {
          client += c;
        }
        groups.merge(name.replaceFirst("^nym-client-[1-9A-HJ-NP-Za-km-z]{8}-", "nym-client-ID-")
            .replaceAll("[0-9]+", "N"), c,
            Long::sum);
      }
      return new Cpu(client, all - client, groups);
    }

    Cpu minus(Cpu o) {
      Map<String, Long> g = new HashMap<>(groups);
      o.groups.forEach((k, v) -> g.merge(k, -v, Long::sum));
      return new Cpu(client - o.client, network - o.network, g);
    }

    /** The busiest thread groups, in microseconds per packet. */
    String top(long packets, int n) {
      return top(packets, n, false);
    }

    /** The busiest client thread groups (or of all threads), in microseconds per packet. */
    String top(long packets, int n, boolean clientOnly) {
      return groups.entrySet().stream().filter(e -> !clientOnly || isClient(e.getKey()))
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
          .map(e -> String.format("%s %.0f", e.getKey(), e.getValue() / 1e3 / packets))
          .collect(Collectors.joining(", "));
    }
  }

  /** The clients' own threads, their gateway sessions' reader threads and watchdog too. */
  private static boolean isClient(String thread) {
    return thread.startsWith("nym-client");
  }

  private static String verdict(boolean met) {
    return met ? "MET" : "NOT MET";
  }

  /** Each gateway's pushed, stored and mailbox-delivered message counts since it started. */
  private static String gatewayDeliveries(TestNetwork net) {
    return net.healths().entrySet().stream().filter(e -> e.getKey().startsWith("gateway/"))
        .map(e -> {
          Map<String, Object> m = ((net.nym.api.service.Health) e.getValue()).metrics();
          return String.format("%s pushed %s, stored %s, delivered from the mailbox %s",
              e.getKey(), m.get("messages_pushed"), m.get("messages_stored"),
              m.get("mailbox_messages_delivered"));
        }).collect(Collectors.joining("; "));
  }

  /** Busy and total jiffies of all CPUs from /proc/stat, or null where there is none. */
  private static long[] machineJiffies() {
    try {
      String[] f = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim()
          .split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
      return new long[] {total - idle, total};
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The cores the whole machine kept busy (this JVM and every other process) between two
   * readings: with fewer busy cores in this JVM than the machine's, other processes took the rest.
   */
  private static String machineBusy(long[] a, long[] b) {
    if (a == null || b == null || b[1] == a[1]) {
      return "unknown";
    }
    int cores = Runtime.getRuntime().availableProcessors();
    return String.format("%.2f cores busy", cores * (double) (b[0] - a[0]) / (b[1] - a[1]));
  }

  /** One message, send call to delivery; {@code name == null} is a warm-up, not reported. */
  private static void goodput(TestNetwork net, String name, TrafficSettings s, int bytes,
      double targetKBs) throws Exception {
    try (Pair p = new Pair(net, s)) {
      byte[] data = new byte[bytes];
      new Random(1).nextBytes(data);
      Cpu c0 = Cpu.now();
      long[] machine0 = machineJiffies();
      long t0 = System.nanoTime();
      p.a.send(p.b.address(), data);
      // Sampled at each poll: how full the sender's window of unacknowledged packets was.
      long[] window = new long[3]; // samples, sum, samples at the cap
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
          .until(() -> {
            int u = p.a.unacknowledged();
            window[0]++;
            window[1] += u;
            window[2] += u >= 256 ? 1 : 0;
            return p.received.get() == 1;
          });
      double secs = (System.nanoTime() - t0) / 1e9;
      Cpu used = Cpu.now().minus(c0);
      long[] machine1 = machineJiffies();
      if (name == null) {
        return;
      }
      long packets = p.a.realPacketsSent();
      double kbs = bytes / secs / 1000;
      String target = targetKBs > 0 ? String.format(" (target >= %.0f KB/s: %s)", targetKBs,
          verdict(kbs >= targetKBs)) : " (report only)";
      System.out.printf("BENCH goodput %s: %d bytes in %.2f s = %.1f KB/s%s; %d packets,"
          + " %d retransmissions; CPU per packet: clients %.0f us (sender and recipient),"
          + " network %.0f us (gateways, mixnodes, validator), %.2f cores busy (the whole"
          + " machine: %s)%n", name, bytes,
          secs, kbs, target, packets, p.a.retransmissions(), used.client / 1e3 / packets,
          used.network / 1e3 / packets, (used.client + used.network) / 1e9 / secs,
          machineBusy(machine0, machine1));
      System.out.printf("BENCH goodput %s: sender's unacknowledged packets: mean %.0f of 256,"
          + " at 256 in %.0f %% of samples%n", name, window[1] / (double) window[0],
          100.0 * window[2] / window[0]);
      System.out.printf("BENCH goodput %s: gateways (so far): %s%n", name, gatewayDeliveries(net));
      System.out.printf("BENCH goodput %s: busiest threads (clients and network), us per"
          + " packet: %s%n", name,
          used.top(packets, 8));
      System.out.printf("BENCH goodput %s: client threads, us per packet: %s%n", name,
          used.top(packets, 6, true));
    }
  }

  @Test
  void figures() throws Exception {
    System.out.printf("BENCH machine: %d cores, load average %.2f at the start%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try (TestNetwork net = new TestNetwork(dir)) {
      net.topology();
      TrafficSettings def = TrafficSettings.defaults();
      if (part("latency")) {
        latency(net, "default delays (15 ms/hop, 20 ms Poisson, cover)", def);
        latency(net, "zero delays, no cover", def.withHopDelay(Duration.ZERO).noCover());
      }
      if (part("goodput")) {
        // Warm-up at full speed, not reported, until the JIT has settled: rounds of 1 MiB until
        // the compilers worked less than 2 % of a round's time (at most 6 rounds). With one round
        // only, compilation went on during the measured 8 MiB and the CPU per packet varied by a
        // third from run to run.
        var jit = ManagementFactory.getCompilationMXBean();
        int rounds = 0;
        double share;
        do {
          long jit0 = jit.getTotalCompilationTime();
          long t0 = System.nanoTime();
          goodput(net, null, def.fastmode().noCover(), 1 << 20, 0);
          share = (jit.getTotalCompilationTime() - jit0) / ((System.nanoTime() - t0) / 1e6);
          rounds++;
        } while (share >= 0.02 && rounds < 6);
        System.out.printf("BENCH goodput warm-up: %d rounds of 1 MiB, the JIT compiling %.1f %% of"
            + " the last%n", rounds, 100 * share);
        goodput(net, "fastmode no-cover", def.fastmode().noCover(), 8 << 20, 1000);
        goodput(net, "default Poisson (cover on)", def, 1 << 20, 0);
      }
      if (part("idle")) {
        idle(net, def);
      }
    }
  }

  /** Whether this part runs: {@code -Dnym.bench.parts=latency,goodput,idle} (default all). */
  private static boolean part(String name) {
    String parts = System.getProperty("nym.bench.parts", "latency,goodput,idle");
    return List.of(parts.split(",")).contains(name);
  }

  /** The client's own threads over 20 s of default cover traffic. */
  private static void idle(TestNetwork net, TrafficSettings def) throws Exception {
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
      // Warm-up: let the streams and the JIT settle before measuring.
      await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
      long covers0 = idle.coverPacketsSent();
      Cpu c0 = Cpu.now();
      long t0 = System.nanoTime();
      await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(25))
          .until(() -> true);
      double secs = (System.nanoTime() - t0) / 1e9;
      Cpu used = Cpu.now().minus(c0);
      long covers = idle.coverPacketsSent() - covers0;
      double share = used.client / 1e9 / secs;
      System.out.printf("BENCH idle CPU with default cover: %.2f %% of one core (target < 5 %%:"
          + " %s); %d cover packets in %.1f s (%.1f/s), %.0f us of client CPU per cover packet"
          + " (building it and its SURB-ack, receiving both)%n", share * 100,
          verdict(share < 0.05), covers, secs, covers / secs, used.client / 1e3 / covers);
      System.out.printf("BENCH idle CPU: busiest threads (client and network), us per cover"
          + " packet: %s%n",
          used.top(covers, 6));
      System.out.printf("BENCH idle CPU: client threads, us per cover packet: %s%n",
          used.top(covers, 6, true));
      idle.close();
    }
  }
}
