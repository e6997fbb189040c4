package net.nym.plugin.validator.raft;

import static net.nym.plugin.validator.ledger.TestChain.CHAIN;
import static net.nym.plugin.validator.ledger.TestChain.NYM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.mixnet.topology.TopologySignature;
import net.nym.plugin.validator.api.ApiResponse;
import net.nym.plugin.validator.api.ApiServer;
import net.nym.plugin.validator.api.PreparedResponse;
import net.nym.plugin.validator.api.TopologyViews;
import net.nym.plugin.validator.api.ValidatorApi;
import net.nym.plugin.validator.ledger.NodeKind;
import net.nym.plugin.validator.ledger.Result;
import net.nym.plugin.validator.ledger.TestChain;
import net.nym.plugin.validator.ledger.TestChain.NodeKeys;
import net.nym.plugin.validator.ledger.Tx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator measurements of docs/benchmarks.md. Off by default; run with
 *
 * <pre>
 * mvn -o -Dnym.target=target-val -pl plugins/validator -am test -Dnym.bench=true \
 *   -Dtest=ValidatorBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the results in target-val/surefire-reports/*ValidatorBenchmarkTest-output.txt
 * ({@code grep BENCH}). Three replicas on loopback in this JVM: pipelined transfers; the CPU the
 * idle replicas use; the topology GET under 100 keep-alive clients of {@link HttpLoad} in a
 * second JVM (closed loop, then open loop at 5,000 requests/s), with the validators' JVM pinned
 * to core 0 and the generator to core 1 when {@code taskset} exists; leader failover.
 */
@EnabledIfSystemProperty(named = "nym.bench", matches = "true")
class ValidatorBenchmarkTest {
  @TempDir Path dir;

  private static void report(String line) {
    System.out.println("BENCH " + line);
  }

  @Test
  void pipelinedTransactionsFailoverAndTopologyLatency() throws Exception {
    int accounts = 100;
    int perAccount = 200;
    TestChain chain = new TestChain(accounts, 3600);
    List<Tx> txs = new ArrayList<>();
    Ed25519KeyPair sink = Ed25519KeyPair.generate(new SecureRandom());
    for (int n = 0; n < perAccount; n++) {
      for (int a = 0; a < accounts; a++) {
        txs.add(Tx.transfer(CHAIN, chain.account(a), n, sink.publicKey().toBase58(), 1));
      }
    }
    try (Cluster c = new Cluster(3, dir, chain.genesis)) {
      // The election timeout of a default config (raft.election_timeout = 500ms).
      c.electionTimeout = Duration.ofMillis(500);
      c.submitTimeout = Duration.ofSeconds(10);
      c.startAll();
      RaftReplica via = c.replicas[0];
      await().atMost(Duration.ofSeconds(20)).until(() -> c.replicas[0].leaderId() != null);
      // Warm-up.
      via.submit(txs.get(0)).join();
      List<Tx> run = txs.subList(1, txs.size());
      for (int round = 0; round < 2; round++) {
        Semaphore window = new Semaphore(2000);
        AtomicLong refused = new AtomicLong();
        List<CompletableFuture<Result>> all = new ArrayList<>();
        long t0 = System.nanoTime();
        List<Tx> part = round == 0 ? run.subList(0, run.size() / 2)
            : run.subList(run.size() / 2, run.size());
        for (Tx tx : part) {
          window.acquire();
          all.add(via.submit(tx).whenComplete((r, e) -> {
            window.release();
            if (e != null || !r.accepted()) {
              refused.incrementAndGet();
            }
          }));
        }
        // Every outcome, failures (counted as refused) included.
        CompletableFuture.allOf(all.stream().map(f -> f.handle((r, e) -> r))
            .toArray(CompletableFuture<?>[]::new)).join();
        double secs = (System.nanoTime() - t0) / 1e9;
        report(String.format("pipelined transfers, 3 validators: %d tx in %.2f s = %.0f tx/s"
            + " (%d refused)", part.size(), secs, part.size() / secs, refused.get()));
      }

      // Topology latency: 100 concurrent clients, in another JVM, against one validator's API.
      Ed25519KeyPair identity = Ed25519KeyPair.generate(new SecureRandom());
      for (int i = 0; i < 12; i++) {
        String kind = i < 9 ? NodeKind.MIXNODE : NodeKind.GATEWAY;
        via.submit(chain.bondTx(i, perAccount, NodeKeys.generate(), kind, 200 * NYM, 3000 + i))
            .join();
      }
      via.submit(Tx.advanceEpoch(CHAIN, chain.validator, 1,
          chain.genesis.genesisTimeMillis() + 3_600_000)).join();
      await().atMost(Duration.ofSeconds(20)).until(() -> c.replicas[1].stateMachine()
          .appliedIndex() == via.stateMachine().appliedIndex() && c.replicas[2].stateMachine()
          .appliedIndex() == via.stateMachine().appliedIndex());
      idleCpu();
      boolean pin = Runtime.getRuntime().availableProcessors() >= 2
          && Files.isExecutable(Path.of("/usr/bin/taskset"));
      long pid = ProcessHandle.current().pid();
      if (pin) {
        exec("taskset", "-a", "-p", "-c", "0", Long.toString(pid));
      }
      // One event loop per core the validators have.
      EventLoopGroup group = new MultiThreadIoEventLoopGroup(pin ? 1 : 2,
          new DefaultThreadFactory(API_THREADS), NioIoHandler.newFactory());
      try (ValidatorApi routes = new ValidatorApi("v0", via, identity);
          ApiServer api = new ApiServer(routes)
              .start(group, new InetSocketAddress("127.0.0.1", 0))) {
        // The transfers' survivors go to the old generation now, as in a validator that has
        // been running a while, instead of in the first young collection of the measurement.
        System.gc();
        report(String.format(Locale.ROOT, "topology GET %s: load generator in a second JVM%s;"
            + " latency from request write to last response byte read", PATH, pin
            ? ", pinned to core 1; the validators' JVM pinned to core 0, 1 event loop"
            : " (no taskset: not pinned), 2 event loops"));
        Closed prepared = topologyLatency(api.localAddress(), pin, true,
            "closed:300:50", "closed:1000:50", "open:5000:10");
        // The same load on responses encoded per request, for the ratio.
        ApiResponse signed = signedActive(via, identity);
        try (ApiServer perRequest = new ApiServer(new ApiServer.Router() {
          @Override
          public PreparedResponse prepared(String path) {
            return null;
          }

          @Override
          public CompletableFuture<ApiResponse> route(String method, String path,
              Map<String, List<String>> query, byte[] body) {
            return CompletableFuture.completedFuture(signed);
          }
        }).start(group, new InetSocketAddress("127.0.0.1", 0))) {
          report("  for comparison, the same signed response kept as bytes and encoded per"
              + " request (routed, header block built, body copied; the previous design minus"
              + " its HTTP codec and aggregator):");
          Closed encoded = topologyLatency(perRequest.localAddress(), pin, false,
              "closed:300:50", "closed:1000:50");
          report(String.format(Locale.ROOT, "  prepared vs encoded per request: event loops"
              + " %.1f vs %.1f us CPU (%.2fx), of it in user mode %.1f vs %.1f us (%.2fx); %.0f vs"
              + " %.0f B allocated per request (%.1fx)", prepared.loopCpuMicros(),
              encoded.loopCpuMicros(), encoded.loopCpuMicros() / prepared.loopCpuMicros(),
              prepared.loopUserMicros(), encoded.loopUserMicros(),
              encoded.loopUserMicros() / prepared.loopUserMicros(), prepared.allocBytes(),
              encoded.allocBytes(), encoded.allocBytes() / prepared.allocBytes()));
        }
      } finally {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        if (pin) {
          exec("taskset", "-a", "-p", "-c",
              "0-" + (Runtime.getRuntime().availableProcessors() - 1), Long.toString(pid));
        }
      }

      // Leader failover: stop the leader, time until a write commits through a follower.
      for (int round = 0; round < 3; round++) {
        int leader = await().atMost(Duration.ofSeconds(20))
            .until(() -> leader(c), k -> k >= 0);
        RaftReplica follower = c.replicas[(leader + 1) % 3];
        long t0 = System.nanoTime();
        c.stop(leader);
        Result r = follower.submit(Tx.transfer(CHAIN, chain.account(accounts - 1),
            perAccount + round, sink.publicKey().toBase58(), 1)).join();
        double ms = (System.nanoTime() - t0) / 1e6;
        report(String.format("leader failover %d: write committed %.0f ms after the leader"
            + " stopped (accepted=%s)", round + 1, ms, r.accepted()));
        c.start(leader);
      }
    }
  }

  private static int leader(Cluster c) {
    for (int k = 0; k < c.replicas.length; k++) {
      if (c.replicas[k] != null && c.replicas[k].isLeader()) {
        return k;
      }
    }
    return -1;
  }

  private static final String API_THREADS = "validator-api";
  private static final String PATH = "/api/v2/unstable/nym-nodes/skimmed/mixnodes/active";
  private static final int CLIENTS = 100;
  private static final double TARGET_P99_MS = 10;

  /**
   * CPU time of every thread of this JVM (three idle replicas, their gRPC and Ratis threads,
   * logging) over a 3 s window in which nothing is asked of them.
   */
  private static void idleCpu() throws InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> before = cpuByThread(threads);
    long t0 = System.nanoTime();
    Thread.sleep(3000); // the measurement window itself, not a synchronisation
    double secs = (System.nanoTime() - t0) / 1e9;
    Map<Long, Long> after = cpuByThread(threads);
    Map<String, Long> byName = new TreeMap<>();
    long total = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      ThreadInfo info = threads.getThreadInfo(e.getKey());
      if (info != null && used > 0) {
        byName.merge(info.getThreadName().replaceAll("[0-9]+", "N"), used, Long::sum);
        total += used;
      }
    }
    String busiest = byName.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(3)
        .map(e -> String.format(Locale.ROOT, "%s %.1f ms", e.getKey(), e.getValue() / 1e6))
        .collect(Collectors.joining(", "));
    report(String.format(Locale.ROOT, "idle: 3 replicas used %.1f ms CPU in %.1f s (%.2f%% of"
        + " one core; busiest: %s)", total / 1e6, secs, total / 1e7 / secs, busiest));
  }

  private static Map<Long, Long> cpuByThread(ThreadMXBean threads) {
    Map<Long, Long> m = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu >= 0) {
        m.put(id, cpu);
      }
    }
    return m;
  }

  /**
   * Runs {@link HttpLoad} in a second JVM, pinned to another core than this one when taskset
   * exists: a closed-loop warm-up, the closed-loop measurement (100 clients), then an open loop
   * at 5,000 requests/s over the same 100 connections; reports each with this JVM's CPU time and
   * allocation per request and its GCs during the phase.
   */
  private static Closed topologyLatency(InetSocketAddress server, boolean pin, boolean target,
      String... phases) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (pin) {
      cmd.addAll(List.of("taskset", "-c", "1"));
    }
    Closed measured = null;
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xms64m", "-Xmx64m", "-cp",
        Path.of(HttpLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString(),
        HttpLoad.class.getName(), "127.0.0.1", Integer.toString(server.getPort()),
        PATH, Integer.toString(CLIENTS)));
    cmd.addAll(List.of(phases));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Process load = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(load.getInputStream(),
        StandardCharsets.UTF_8))) {
      ServerUse use = ServerUse.now(threads);
      int phase = 0;
      String line;
      StringBuilder all = new StringBuilder();
      while ((line = out.readLine()) != null) {
        all.append(line).append('\n');
        if (!line.startsWith("LOAD ")) {
          continue;
        }
        ServerUse next = ServerUse.now(threads);
        Map<String, String> f = new HashMap<>();
        for (String kv : line.substring(5).split(" ")) {
          String[] p = kv.split("=", 2);
          f.put(p[0], p.length > 1 ? p[1] : p[0]);
        }
        String kind = phases[phase].startsWith("closed") ? (phase == 0
            ? "closed loop, warm-up" : "closed loop") : "open loop, 5000 req/s";
        double p50 = Long.parseLong(f.get("p50_us")) / 1e3;
        double p99 = Long.parseLong(f.get("p99_us")) / 1e3;
        double rps = Double.parseDouble(f.get("rps"));
        long served = Math.round(rps * (next.nanos - use.nanos) / 1e9);
        report(String.format(Locale.ROOT, "  %s, %d keep-alive clients: %s requests, p50 %.2f ms,"
            + " p99 %.2f ms, max %.2f ms, %.0f req/s; late sends %s (max lag %.2f ms)", kind,
            CLIENTS, f.get("n"), p50, p99, Long.parseLong(f.get("max_us")) / 1e3, rps,
            f.get("late"), Long.parseLong(f.get("max_lag_us")) / 1e3));
        double loopCpu = (next.loopCpu - use.loopCpu) / 1e3 / served;
        double loopUser = (next.loopUser - use.loopUser) / 1e3 / served;
        double alloc = (double) (next.loopAlloc - use.loopAlloc) / served;
        report(String.format(Locale.ROOT, "    server JVM: event loops %.1f us CPU (%.1f us in"
            + " user mode, the rest in the kernel) and %.0f B allocated per request, all Java"
            + " threads %.1f us CPU per request; %d GCs (%d ms); generator %s us CPU per request",
            loopCpu, loopUser, alloc,
            next.cpuSince(use) / 1e3 / served, next.gcs - use.gcs,
            next.gcMillis - use.gcMillis, f.get("cpu_us_per_req")));
        if (phase == 1) {
          measured = new Closed(loopCpu, loopUser, alloc);
        }
        if (phase == 1 && target) {
          double little = CLIENTS / rps * 1e3;
          report(String.format(Locale.ROOT, "    Little's law: %d clients / %.0f req/s = %.2f ms"
              + " mean latency from queueing alone (p50 measured %.2f ms)", CLIENTS, rps,
              little, p50));
          report(String.format(Locale.ROOT, "target: topology p99 < %.0f ms with %d concurrent"
              + " clients: %s (p99 %.2f ms)", TARGET_P99_MS, CLIENTS,
              p99 < TARGET_P99_MS ? "MET" : "NOT MET", p99));
        }
        phase++;
        use = ServerUse.now(threads);
      }
      assertThat(load.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(load.exitValue()).as(all.toString()).isZero();
      assertThat(phase).as(all.toString()).isEqualTo(phases.length);
    } finally {
      load.destroy();
    }
    return measured;
  }

  /** The server's cost per request in the measured closed-loop phase. */
  private record Closed(double loopCpuMicros, double loopUserMicros, double allocBytes) {}

  /** The signed active-mixnodes response of the current epoch, as the API signs it. */
  private static ApiResponse signedActive(RaftReplica via, Ed25519KeyPair identity) {
    String path = PATH.substring("/api".length());
    return via.stateMachine().read(l -> {
      byte[] body = TopologyViews.activeMixnodes(l.genesis().params(), l.epoch());
      return new ApiResponse(200, body, Map.of(
          TopologySignature.EPOCH, Long.toString(l.epoch().id()),
          TopologySignature.VALIDATOR, identity.publicKey().toBase58(),
          TopologySignature.SIGNATURE, TopologySignature.sign(identity, path, l.epoch().id(),
              body)));
    });
  }

  private static void exec(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0)
        .as(String.join(" ", cmd)).isTrue();
  }

  /** This JVM's counters at one moment. */
  private record ServerUse(long nanos, long loopCpu, long loopUser, long loopAlloc,
      Map<Long, Long> cpu, long gcs, long gcMillis) {
    /** CPU time of every thread since {@code before} (threads that ended meanwhile left out). */
    long cpuSince(ServerUse before) {
      long sum = 0;
      for (Map.Entry<Long, Long> e : cpu.entrySet()) {
        sum += e.getValue() - before.cpu.getOrDefault(e.getKey(), 0L);
      }
      return sum;
    }

    static ServerUse now(ThreadMXBean threads) {
      com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) threads;
      long loopCpu = 0;
      long loopUser = 0;
      long loopAlloc = 0;
      Map<Long, Long> cpuById = new HashMap<>();
      for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (t == null) {
          continue;
        }
        long cpu = Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
        cpuById.put(t.getThreadId(), cpu);
        if (t.getThreadName().startsWith(API_THREADS)) {
          loopCpu += cpu;
          loopUser += Math.max(0, threads.getThreadUserTime(t.getThreadId()));
          loopAlloc += sun.getThreadAllocatedBytes(t.getThreadId());
        }
      }
      long gcs = 0;
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcs += Math.max(0, gc.getCollectionCount());
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
      return new ServerUse(System.nanoTime(), loopCpu, loopUser, loopAlloc, cpuById, gcs,
          gcMillis);
    }
  }
}
