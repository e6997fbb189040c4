package net.nym.mixnet.bench;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import net.nym.api.NetTransport;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.crypto.sphinx.ForwardHop;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.crypto.sphinx.SphinxProcessor;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FrameEncoder;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.metrics.LatenessHistogram;
import net.nym.mixnet.tools.FrameSink;

/**
 * The mixnode load generator (docs/benchmarks.md, "Mixnode"). Pushes pre-built regular Sphinx
 * packets (zero delays) through one mix node to a sink on loopback.
 *
 * <p>The node runs in a child JVM ({@link MixnodeLoadNode}: the engine of {@code nym mixnode
 * run} with its defaults) pinned with {@code taskset} to one core; this JVM, the generator and the
 * sink, pins itself to another, so the node really has the cores it is credited with. Without
 * {@code taskset} (or with fewer than two cores) nothing is pinned and the node is credited with
 * every core. It prints lines starting with {@code BENCH}:
 *
 * <ol>
 *   <li>the single-thread Sphinx unwrap rate {@code R1}, measured in the node's JVM on the node's
 *       core (best of ten rounds of 1000), and the target {@code 0.8 × R1 × cores given to the
 *       node};
 *   <li>the throughput: a closed loop keeping 1024 packets in flight, after a warm-up that lasts
 *       until the JIT compilers take less than 1% of an unwrap's CPU per packet, in three rounds
 *       of fresh packets; the verdict takes the best round, by the same rule as R1;
 *   <li>the node's CPU time per packet by thread role against one unwrap's (efficiency; target ≥
 *       0.8, i.e. overhead ≤ 0.25 × unwrap). Thread CPU time is not inflated by other processes the
 *       way wall-clock rates are;
 *   <li>the added latency (sender write to sink read) at half the throughput: p50, p99, max
 *       (target p99 &lt; 2 ms), for 10 s (a 5 s run put the p99 on ~130 packets, so that one
 *       young collection or one stall of the VM decided it), with the node's core shielded
 *       ({@link CoreShield}), the sender and the sink at nice -10, and a sender that
 *       catches up at 1.1 × the pace after its own stalls instead of in a burst; and the node's
 *       own part of it, from the node's lateness histogram (decoded to written to the next hop's
 *       socket), which leaves out loopback TCP and the generator's and sink's threads; then a
 *       control (the same frames straight to the sink) and, for the report only, the same run
 *       again without the shield;
 *   <li>the node's heap under twice the throughput for 60 s. There are not enough pre-built packets
 *       for a minute at that rate, so they are re-sent from a pool to a second server with the same
 *       key whose replay filter forgets after a millisecond: every copy costs a full unwrap and is
 *       forwarded, as fresh packets would be.
 * </ol>
 *
 * <p>System properties: {@code load.packets} (throughput run, default 15000), {@code
 * load.latencySeconds} (default 10), {@code load.overloadSeconds} (default 60), {@code
 * load.warmSeconds} (the most the warm-up may take, default 30), {@code
 * load.nodeHeap} (default 512m), {@code load.nodeJvmArgs} (extra options for the node's JVM, e.g.
 * a JFR recording).
 */
public final class MixnodeLoad {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int WINDOW = 1024;
  private static final int THROUGHPUT_ROUNDS = 3;

  private MixnodeLoad() {}

  public static void main(String[] args) throws Exception {
    int throughputPackets = Integer.getInteger("load.packets", 15_000);
    int latencySeconds = Integer.getInteger("load.latencySeconds", 10);
    int overloadSeconds = Integer.getInteger("load.overloadSeconds", 60);
    int warmSeconds = Integer.getInteger("load.warmSeconds", 30);
    String nodeHeap = System.getProperty("load.nodeHeap", "512m");
    String nodeJvmArgs = System.getProperty("load.nodeJvmArgs", "").trim();
    Path dir = Files.createTempDirectory("mixnode-load");

    // The sink's address goes into every packet, so it binds first; its loop is pinned with this
    // JVM below (taskset -a covers the threads that exist, later ones inherit the affinity).
    EventLoopGroup sinkGroup = NetTransport.newGroup(1, new DefaultThreadFactory("sink"));
    FrameSink sink = FrameSink.start(sinkGroup, new InetSocketAddress("127.0.0.1", 0), true);
    X25519KeyPair key = X25519KeyPair.generate(RANDOM);
    X25519KeyPair gateway = X25519KeyPair.generate(RANDOM);
    // The node's port is not known yet and not part of the unwrap's cost: packets are built for
    // the key; the first hop's address is only used by the sender, not written into the packet.
    SphinxNode node =
        new SphinxNode(NodeAddress.of(new InetSocketAddress("127.0.0.1", 1)), key.publicKey());
    SphinxNode last = new SphinxNode(sink.address(), gateway.publicKey());

    // Built with every core, before anything is pinned.
    List<byte[]> probe = build(node, last, 1000);
    List<byte[]> warm = frames(build(node, last, 4000));
    List<byte[]> bulk = frames(build(node, last, throughputPackets));
    Path probeFile = dir.resolve("probe.bin");
    try (OutputStream out = Files.newOutputStream(probeFile)) {
      for (byte[] p : probe) {
        out.write(p);
      }
    }

    List<Integer> cpus = allowedCpus();
    boolean pinned =
        cpus.size() >= 2 && Commands.run("taskset", "-a", "-p", "-c", "" + cpus.get(1), pid());
    List<String> command = new ArrayList<>();
    if (pinned) {
      command.addAll(List.of("taskset", "-c", "" + cpus.get(0)));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + nodeHeap);
    if (!nodeJvmArgs.isEmpty()) {
      command.addAll(Arrays.asList(nodeJvmArgs.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            MixnodeLoadNode.class.getName(),
            java.util.HexFormat.of().formatHex(key.privateKeyBytes()),
            probeFile.toString(),
            dir.toString()));
    // The node's core is kept for the node (see CoreShield) until the verdict's latency run is
    // over; a second latency run without the shield shows what the other tasks cost.
    CoreShield shield =
        pinned
            ? CoreShield.shield(cpus.get(0), cpus.get(1), List.of(ProcessHandle.current().pid()))
            : null;
    NodeProcess child = new NodeProcess(new ProcessBuilder(command).start());
    try {
      String[] ready = child.await("READY");
      InetSocketAddress nodeAddress =
          new InetSocketAddress("127.0.0.1", Integer.parseInt(ready[1]));
      InetSocketAddress warmAddress =
          new InetSocketAddress("127.0.0.1", Integer.parseInt(ready[2]));
      double r1 = Double.parseDouble(ready[3]);
      double unwrapCpuMicros = Long.parseLong(ready[4]) / 1e3;
      int nodeCores = Integer.parseInt(ready[5]);
      double target = 0.8 * r1 * nodeCores;
      bench(
          "setup: %s; %s; node JVM: %d core(s), %s sphinx worker(s), %s %s event loops, -Xmx%s,"
              + " GC %s; Java %s, %s; load average %s",
          pinned
              ? "node pinned to cpu " + cpus.get(0) + ", generator and sink pinned to cpu "
                  + cpus.get(1)
              : "NOT pinned ("
                  + (cpus.isEmpty()
                      ? "taskset unavailable"
                      : cpus.size() < 2 ? "fewer than 2 cpus allowed" : "taskset failed")
                  + "): node, generator and sink share every core",
          shield == null
              ? "node's core not shielded"
              : String.format(
                  Locale.ROOT,
                  "cpu %d shielded: %d threads of other processes moved off it, %d bound to it",
                  shield.core(),
                  shield.moved(),
                  shield.refused()),
          nodeCores,
          ready[6],
          ready[7],
          ready[9],
          nodeHeap,
          ready[8],
          System.getProperty("java.version"),
          System.getProperty("os.arch"),
          loadAverage());
      bench(
          "R1 (single-thread unwrap in the node's JVM, best of 10 x 1000): %.0f packets/s,"
              + " %.1f us CPU per unwrap; target 0.8 x R1 x %d core(s) = %.0f packets/s",
          r1, unwrapCpuMicros, nodeCores, target);
      // Warm-up until the JIT has settled: batching makes the event loops' code run a few times
      // per batch rather than per packet, so it reaches the optimising compiler late. The same
      // packets go round through the node's second server, whose replay filter forgets.
      long warmStart = System.nanoTime();
      double jitPerPacket = Double.MAX_VALUE;
      int rounds = 0;
      while (jitPerPacket > 0.01 * unwrapCpuMicros
          && System.nanoTime() - warmStart < TimeUnit.SECONDS.toNanos(warmSeconds)) {
        long jit = child.cpu().get("jit-cpu");
        closedLoop(warmAddress, sink, warm);
        drain(sink);
        jitPerPacket = (child.cpu().get("jit-cpu") - jit) / 1e3 / warm.size();
        rounds++;
      }
      bench(
          "warm-up: %d rounds of %d packets in %.0f s; JIT in the last round %.1f us per packet",
          rounds, warm.size(), (System.nanoTime() - warmStart) / 1e9, jitPerPacket);
      // Once through the measured server, whose replay filter has not seen them.
      closedLoop(nodeAddress, sink, warm);
      drain(sink);
      child.awaitQuietJit();

      // Throughput, closed loop, in rounds of fresh packets; node CPU per packet by thread role.
      // The verdict takes the best round, by the same rule as R1 (best of its rounds): a round
      // in which the JIT recompiles part of the node, or another VM takes the core, says
      // nothing about the node's code. Every round is printed.
      int roundCount = Math.min(THROUGHPUT_ROUNDS, bulk.size());
      int perRound = bulk.size() / roundCount;
      Round best = null;
      for (int round = 0; round < roundCount; round++) {
        List<byte[]> chunk = bulk.subList(round * perRound, (round + 1) * perRound);
        Map<String, Long> cpuBefore = child.cpu();
        long start = System.nanoTime();
        closedLoop(nodeAddress, sink, chunk);
        double rate = chunk.size() / ((System.nanoTime() - start) / 1e9);
        Map<String, Long> cpuAfter = child.cpu();
        drain(sink);
        Map<String, Long> used = minus(cpuAfter, cpuBefore);
        Round r = new Round(round + 1, rate, chunk.size(), used);
        bench(
            "throughput round %d: %.0f packets/s (%d packets, window %d); node CPU %.1f us per"
                + " packet by thread role, JIT %.1f us",
            r.number(), rate, chunk.size(), WINDOW, r.roles(), r.perPacket("jit-cpu"));
        if (best == null || rate > best.rate()) {
          best = r;
        }
      }
      double rate = best.rate();
      bench(
          "throughput (best of %d rounds): %.0f packets/s = %.2f x target (%.2f x R1) %s",
          roundCount, rate, rate / target, rate / r1, verdict(rate >= target));
      double roles = best.roles();
      StringBuilder split = new StringBuilder();
      for (String k : List.of("workers", "io", "scheduler")) {
        split.append(String.format(Locale.ROOT, "%s %.1f, ", k, best.perPacket(k)));
      }
      double all = best.perPacket("process");
      Map<String, Long> used = best.used();
      bench(
          "node CPU per packet (that round): %.1f us (%s) vs %.1f us per unwrap: overhead %.2f x"
              + " unwrap, efficiency %.2f (target >= 0.80) %s; whole node JVM (GC, JIT too) %.1f"
              + " us, efficiency %.2f; CPU-bound rate on %d core(s) %.0f packets/s = %.2f x target",
          roles,
          split.toString().replaceAll(", $", ""),
          unwrapCpuMicros,
          (roles - unwrapCpuMicros) / unwrapCpuMicros,
          unwrapCpuMicros / roles,
          verdict(unwrapCpuMicros / roles >= 0.8),
          all,
          unwrapCpuMicros / all,
          nodeCores,
          nodeCores * 1e6 / all,
          nodeCores * 1e6 / all / target);
      bench(
          "node JVM during that round: %.1f KiB allocated per packet by its threads;"
              + " %d collections, %d ms in GC; per packet: GC threads %.1f us, JIT threads %.1f us"
              + " (%d ms compiling), rest of the JVM %.1f us",
          used.get("allocated") / 1024.0 / best.packets(),
          used.get("gcs"),
          used.get("gc-ms"),
          best.perPacket("gc-cpu"),
          best.perPacket("jit-cpu"),
          used.get("jit-ms"),
          all - roles - best.perPacket("gc-cpu") - best.perPacket("jit-cpu"));

      // Added latency at half the measured rate (packets built now, on the generator's core).
      double half = rate / 2;
      // Paced warm-up on the second server: at this rate batches are small and the 0.5 ms flush
      // bound fires, code the closed loop hardly ran; its compilation would otherwise land in
      // the measured tail (the node's JIT threads share its one core).
      int pacedRounds = 0;
      double pacedJit = Double.MAX_VALUE;
      int pacedCount = (int) Math.min(3 * half, 4L * warm.size());
      while (pacedJit > 0.01 * unwrapCpuMicros && pacedRounds < 4) {
        long jit = child.cpu().get("jit-cpu");
        openLoop(warmAddress, warm, half, pacedCount);
        drain(sink);
        pacedJit = (child.cpu().get("jit-cpu") - jit) / 1e3 / pacedCount;
        pacedRounds++;
      }
      // Then two seconds of fresh packets, paced, through the measured server itself: its replay
      // filter (which remembers) and its own pipeline have code paths the second server's do not.
      List<byte[]> fresh = frames(build(node, last, (int) (2 * half)));
      long freshJit = child.cpu().get("jit-cpu");
      openLoop(nodeAddress, fresh, half, fresh.size());
      drain(sink);
      double measuredServerJit = (child.cpu().get("jit-cpu") - freshJit) / 1e3 / fresh.size();
      bench(
          "paced warm-up: %d rounds of %d packets at %.0f packets/s on the second server (JIT in"
              + " the last %.1f us per packet), then %d fresh packets on the measured one (JIT %.1f"
              + " us per packet)",
          pacedRounds, pacedCount, half, pacedJit, fresh.size(), measuredServerJit);
      Paced paced = new Paced(child, sink, sinkGroup.next(), node, last, key, nodeAddress, half);
      LatencyRun measured = paced.run((int) (half * latencySeconds));
      Latencies ok = measured.latencies();
      double p99 = ok.pct(0.99);
      bench(
          "added latency at %.0f packets/s (half the throughput; %d packets, %d delivered):"
              + " p50 %.3f ms, p99 %.3f ms, max %.3f ms; target p99 < 2 ms %s; %s",
          half,
          measured.sent(),
          ok.sorted().length,
          ok.pct(0.50),
          p99,
          ok.maxMs(),
          verdict(ok.sorted().length == measured.sent() && p99 < 2.0),
          measured.circumstances());
      Round pacedRound = new Round(0, half, measured.sent(), measured.nodeUsed());
      bench(
          "node CPU per packet at that rate: %.1f us (workers %.1f, io %.1f, scheduler"
              + " %.1f); whole node JVM %.1f us = %.0f%% of its core(s) busy",
          pacedRound.roles(),
          pacedRound.perPacket("workers"),
          pacedRound.perPacket("io"),
          pacedRound.perPacket("scheduler"),
          pacedRound.perPacket("process"),
          100 * pacedRound.perPacket("process") * half / 1e6 / nodeCores);
      // The node's own part: from the frame's decoding to its write to the sink's connection, as
      // its lateness histogram counts it (bucket bounds, so "<="). The rest of the end-to-end
      // figure is loopback TCP both ways and the generator's and the sink's threads.
      LatenessHistogram.Snapshot late = measured.nodeLateness();
      bench(
          "node's own part of it (decoded -> written to the next hop's socket, the node's"
              + " nym_mixnet_forward_lateness_seconds over the run): %d packets, p50 <= %s ms,"
              + " p99 <= %s ms, mean %.3f ms; %.2f%% within 2 ms",
          late.count(),
          bound(late.quantileBoundNanos(0.50)),
          bound(late.quantileBoundNanos(0.99)),
          late.count() == 0 ? 0 : late.sumNanos() / 1e6 / late.count(),
          100 * late.shareWithin(2_000_000));
      // Control: the same frames at the same rate straight from the generator to the sink, so
      // the harness's own tail (generator, sink and their JVM on the other core) is visible.
      Latencies direct =
          latencies(
              sink.address().toSocketAddress(),
              sink,
              sinkGroup.next(),
              measured.frames(),
              measured.rawIndex(),
              half);
      bench(
          "harness control (generator straight to sink, same frames and rate, no node):"
              + " p50 %.3f ms, p99 %.3f ms, max %.3f ms; generator: %d times more than 1 ms behind"
              + " its schedule (at most %.1f ms; so far behind for %.0f ms in all)",
          direct.pct(0.50),
          direct.pct(0.99),
          direct.maxMs(),
          direct.pace().stalls(),
          direct.pace().maxLateMs(),
          direct.pace().behindMs());
      if (shield != null) {
        shield.close();
        LatencyRun open = paced.run((int) (half * latencySeconds));
        bench(
            "the same without the shield (other tasks may take the node's core; report only):"
                + " p50 %.3f ms, p99 %.3f ms, max %.3f ms; node's own part p99 <= %s ms; %s",
            open.latencies().pct(0.50),
            open.latencies().pct(0.99),
            open.latencies().maxMs(),
            bound(open.nodeLateness().quantileBoundNanos(0.99)),
            open.circumstances());
      }

      // Heap under 2x overload, on the second server, which forgets replay tags after 1 ms.
      List<byte[]> pool = new ArrayList<>(bulk);
      pool.addAll(warm);
      String[] before = child.ask("COUNTERS FORGETFUL", "COUNTERS");
      child.ask("HEAP START", "OK");
      long sinkBefore = sink.count();
      Thread drainer =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    sink.poll(100, TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      drainer.setDaemon(true);
      drainer.start();
      long overloadStart = System.nanoTime();
      long sent = openLoop(warmAddress, pool, 2 * rate, (int) (2 * rate * overloadSeconds));
      double secs = (System.nanoTime() - overloadStart) / 1e9;
      String[] heap = child.ask("HEAP STOP", "HEAP");
      String[] after = child.ask("COUNTERS FORGETFUL", "COUNTERS");
      drainer.interrupt();
      long processed = Long.parseLong(after[1]) - Long.parseLong(before[1]);
      long shed = Long.parseLong(after[3]) - Long.parseLong(before[3]);
      long baseline = Long.parseLong(heap[1]) >> 20;
      long max = Long.parseLong(heap[2]) >> 20;
      long afterGc = Long.parseLong(heap[3]) >> 20;
      long maxHeap = Long.parseLong(heap[4]) >> 20;
      bench(
          "overload: offered %d packets in %.0f s (%.0f/s = 2x throughput); processed %d"
              + " (%.0f/s = %.2f x target), delivered %d, shed as overloaded %d, other drops %s;"
              + " node heap: before %d MiB, max %d MiB, after GC %d MiB of %d MiB;"
              + " target heap bounded %s",
          sent,
          secs,
          sent / secs,
          processed,
          processed / secs,
          processed / secs / target,
          sink.count() - sinkBefore,
          shed,
          after[4].replace('_', ' '),
          baseline,
          max,
          afterGc,
          maxHeap,
          verdict(max < maxHeap && afterGc <= baseline + 64));
      child.ask("STOP", "STOPPED");
      bench("done: %s, load average %s", Instant.now(), loadAverage());
    } finally {
      if (shield != null) {
        shield.close();
      }
      child.process.destroy();
      sink.close();
      sinkGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** The node's JVM: its stdin takes commands, its replies are read from stdout. */
  private static final class NodeProcess {
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    NodeProcess(Process process) {
      this.process = process;
      this.commands =
          new PrintWriter(
              new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
              true);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    // Anywhere in the line: JVM diagnostics (-XX:+PrintCompilation) may share it.
                    int reply = line.indexOf(MixnodeLoadNode.REPLY);
                    if (reply >= 0) {
                      replies.add(line.substring(reply + MixnodeLoadNode.REPLY.length()));
                    } else {
                      System.out.println("node| " + line);
                    }
                  }
                } catch (IOException e) {
                  // the node exited
                }
              },
              "node-output");
      reader.setDaemon(true);
      reader.start();
      Thread errors =
          new Thread(
              () -> {
                try {
                  process.getErrorStream().transferTo(System.err);
                } catch (IOException e) {
                  // the node exited
                }
              },
              "node-errors");
      errors.setDaemon(true);
      errors.start();
    }

    String[] await(String kind) throws InterruptedException {
      String line = replies.poll(120, TimeUnit.SECONDS);
      if (line == null || !line.startsWith(kind)) {
        throw new IllegalStateException(
            "node: expected " + kind + ", got " + (line == null ? "nothing" : line));
      }
      return line.split(" ");
    }

    String[] ask(String command, String kind) throws InterruptedException {
      commands.println(command);
      return await(kind);
    }

    /**
     * Waits (at most 10 s) until the node's JIT compilers used less than 2 ms of CPU in the last
     * 300 ms: compilations queued by the warm-up and by loading the replay filter run in the
     * background and would otherwise be charged to the measured run.
     */
    void awaitQuietJit() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      long last = cpu().get("jit-cpu");
      while (System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
        long now = cpu().get("jit-cpu");
        if (now - last < TimeUnit.MILLISECONDS.toNanos(2)) {
          return;
        }
        last = now;
      }
    }

    LatenessHistogram.Snapshot lateness() throws InterruptedException {
      String[] f = ask("LATENESS", "LATENESS");
      long[] counts = Arrays.stream(f[1].split(",")).mapToLong(Long::parseLong).toArray();
      return new LatenessHistogram.Snapshot(counts, Long.parseLong(f[2]));
    }

    Map<String, Long> cpu() throws InterruptedException {
      Map<String, Long> m = new TreeMap<>();
      String[] f = ask("CPU", "CPU");
      for (int i = 1; i < f.length; i++) {
        String[] kv = f[i].split("=");
        m.put(kv[0], Long.parseLong(kv[1]));
      }
      return m;
    }
  }

  /** One measured throughput round: its rate and the node's resources used (deltas). */
  private record Round(int number, double rate, int packets, Map<String, Long> used) {
    /** CPU microseconds (or bytes, for "allocated") per packet of the named resource. */
    double perPacket(String key) {
      return used.get(key) / 1e3 / packets;
    }

    /**
     * Node CPU per packet over the three thread roles: Sphinx workers, I/O (event loops and the
     * outbound connections' thread) and the delay scheduler.
     */
    double roles() {
      return perPacket("workers") + perPacket("io") + perPacket("scheduler");
    }
  }

  /** The node's resources used between two {@code CPU} readings, by key. */
  private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> used = new TreeMap<>();
    after.forEach((k, v) -> used.put(k, v - before.get(k)));
    return used;
  }

  private static void bench(String format, Object... args) {
    System.out.println("BENCH mixnode " + String.format(Locale.ROOT, format, args));
  }

  private static String bound(long nanos) {
    return nanos == Long.MAX_VALUE ? "(above 10 s)" : String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static String verdict(boolean met) {
    return met ? "[MET]" : "[MISSED]";
  }

  /** The CPUs this process may run on (Linux, via taskset), or an empty list if unknown. */
  private static List<Integer> allowedCpus() {
    String out = Commands.output("taskset", "-c", "-p", pid());
    if (out == null || !out.contains(":")) {
      return List.of();
    }
    try {
      List<Integer> cpus = new ArrayList<>();
      for (String part : out.substring(out.lastIndexOf(':') + 1).trim().split(",")) {
        String[] range = part.trim().split("-");
        int from = Integer.parseInt(range[0]);
        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
        for (int c = from; c <= to; c++) {
          cpus.add(c);
        }
      }
      return cpus;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /**
   * Sets the calling thread's nice value with {@code renice} (Linux threads have their own).
   *
   * @return whether it did
   */
  private static boolean setNice(int nice) {
    try {
      String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
      return Commands.run("renice", "-n", Integer.toString(nice), "-p", tid);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static String pid() {
    return Long.toString(ProcessHandle.current().pid());
  }

  private static List<byte[]> build(SphinxNode node, SphinxNode last, int n) {
    byte[] message = new byte[PacketSize.REGULAR.plaintextSize()];
    return IntStream.range(0, n)
        .parallel()
        .mapToObj(
            i ->
                SphinxPacket.builder()
                    .route(List.of(node, last))
                    .delays(List.of(Duration.ZERO, Duration.ZERO))
                    .destination(SphinxDestination.of(new byte[32]))
                    .random(RANDOM)
                    .build(message)
                    .toBytes())
        .toList();
  }

  private static List<byte[]> frames(List<byte[]> packets) {
    return packets.stream()
        .map(
            p ->
                FrameEncoder.encode(
                    Frame.of(FramingVersion.V7, PacketType.MIX, KeyRotation.UNKNOWN, p)))
        .toList();
  }

  /** Sends every frame, keeping at most {@link #WINDOW} not yet seen by the sink. */
  private static void closedLoop(InetSocketAddress to, FrameSink sink, List<byte[]> frames)
      throws IOException {
    long base = sink.count();
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true);
      s.connect(to);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
      int sent = 0;
      while (sent < frames.size()) {
        if (sent - (sink.count() - base) < WINDOW) {
          out.write(frames.get(sent++));
          if (sent % 16 == 0) {
            out.flush();
          }
        } else {
          out.flush();
          LockSupport.parkNanos(200_000);
        }
      }
      out.flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (sink.count() - base < frames.size() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(100_000);
      }
    }
  }

  /**
   * Sends {@code count} frames (cycling through {@code frames}) at {@code rate} per second, each
   * as its own write.
   *
   * @return the number sent
   */
  private static long openLoop(InetSocketAddress to, List<byte[]> frames, double rate, int count)
      throws IOException {
    openLoop(to, frames, rate, count, null);
    return count;
  }

  /**
   * How a paced run kept to its pace: the times the sender found itself more than 1 ms behind its
   * schedule (its stalls), the largest lateness, and how long it was more than 1 ms behind in all
   * (a stall and the catching up after it).
   */
  private record Pace(int stalls, double maxLateMs, double behindMs) {}

  /** How much faster than the pace a paced run catches up after it fell behind. */
  private static final double CATCH_UP = 1.1;

  private static final long ONE_MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** The nice value of the sender and the sink's loop during a latency run. */
  private static final int INSTRUMENT_NICE = -10;

  /** More than the lateness of a parked thread's usual wake-up here (50-100 us). */
  private static final long WAKE_SLACK = TimeUnit.MICROSECONDS.toNanos(250);

  /**
   * Sends {@code count} frames (cycling through {@code frames}) at {@code rate} per second, each
   * as its own write, recording each send's time in {@code sentAt} if it is not null.
   *
   * <p>With {@code sentAt} (a latency run), a sender that fell behind its schedule catches up at
   * {@value #CATCH_UP} times the pace, not in a burst. It falls behind when it does not run: its
   * timer wakes late, or a kernel thread holds its core for a few milliseconds (DAMON's {@code
   * kdamond} does so about every 0.5 s here). Catching up in a burst of all the missed sends
   * turned each such stall of the harness into queueing in the node that the node's pace would
   * never have caused. The average rate stays the one asked for. A node that does not read cannot
   * hold the sender back here: its socket buffers take far more than a stall's packets.
   */
  private static Pace openLoop(
      InetSocketAddress to, List<byte[]> frames, double rate, int count, long[] sentAt)
      throws IOException {
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true);
      s.setSendBufferSize(1 << 20);
      s.connect(to);
      OutputStream out = s.getOutputStream();
      long start = System.nanoTime();
      double interval = 1e9 / rate;
      long spacing = sentAt == null ? 0 : (long) (interval / CATCH_UP);
      long lastAt = start - spacing;
      long lastSend = lastAt;
      int stalls = 0;
      long maxLate = 0;
      long behind = 0;
      long previousLate = 0;
      for (int i = 0; i < count; i++) {
        long due = start + (long) (i * interval);
        // Catching up, the pace is kept from the later of the previous send's planned time and
        // (after a stall) its actual one, less the usual lateness of a timer's wake-up, so that
        // this lateness does not add up send after send.
        long at = Math.max(due, Math.max(lastAt, lastSend - WAKE_SLACK) + spacing);
        long now;
        while ((now = System.nanoTime()) < at) {
          LockSupport.parkNanos(at - now);
        }
        long late = now - due;
        if (late > ONE_MS && previousLate <= ONE_MS) {
          stalls++;
        }
        previousLate = late;
        if (late > ONE_MS) {
          behind += Math.min(late, now - lastSend);
        }
        maxLate = Math.max(maxLate, late);
        if (sentAt != null) {
          sentAt[i] = now;
        }
        out.write(frames.get(i % frames.size()));
        lastAt = at;
        lastSend = now;
      }
      return new Pace(stalls, maxLate / 1e6, behind / 1e6);
    }
  }

  /** One paced latency run, its frames, and what the node and the generator did meanwhile. */
  private record LatencyRun(
      int sent,
      Latencies latencies,
      List<byte[]> frames,
      Map<ByteBuffer, Integer> rawIndex,
      Map<String, Long> nodeUsed,
      LatenessHistogram.Snapshot nodeLateness) {

    String circumstances() {
      return String.format(
          Locale.ROOT,
          "node GC meanwhile: %d collections, %d ms; JIT %d ms compiling; generator: %d times more"
              + " than 1 ms behind its schedule (at most %.1f ms; so far behind for %.0f ms in"
              + " all), %.0f packets/s achieved, %d collections in its JVM, it and the sink at nice"
              + " %d: %s; the sink's longest silence %.1f ms (%d packets sent"
              + " meanwhile)",
          nodeUsed.get("gcs"),
          nodeUsed.get("gc-ms"),
          nodeUsed.get("jit-ms"),
          latencies.pace().stalls(),
          latencies.pace().maxLateMs(),
          latencies.pace().behindMs(),
          latencies.achievedRate(),
          latencies.generatorGcs(),
          INSTRUMENT_NICE,
          latencies.niced() ? "yes" : "no (renice refused)",
          latencies.sinkSilenceMs(),
          latencies.sentInSilence());
    }
  }

  /** Paced latency runs of fresh packets through the measured server at one rate. */
  private record Paced(
      NodeProcess child,
      FrameSink sink,
      EventLoop sinkLoop,
      SphinxNode node,
      SphinxNode last,
      X25519KeyPair key,
      InetSocketAddress nodeAddress,
      double rate) {

    LatencyRun run(int count) throws Exception {
      List<byte[]> raw = build(node, last, count);
      SphinxProcessor processor = new SphinxProcessor(key);
      Map<ByteBuffer, Integer> index = new HashMap<>();
      Map<ByteBuffer, Integer> rawIndex = new HashMap<>();
      for (int i = 0; i < raw.size(); i++) {
        ForwardHop hop = (ForwardHop) processor.process(raw.get(i));
        index.put(ByteBuffer.wrap(Arrays.copyOf(hop.nextPacket().toBytes(), 32)), i);
        rawIndex.put(ByteBuffer.wrap(Arrays.copyOf(raw.get(i), 32)), i);
      }
      List<byte[]> frames = frames(raw);
      // A full collection first, as a node that has run for a minute has had: it promotes what
      // lives long (here 3.4 MB allocated during the warm-up), which every young collection of
      // the run would otherwise copy again (5-7 ms pauses instead of well under 1 ms), for up to
      // 15 collections.
      child.ask("GC", "OK");
      child.awaitQuietJit();
      Map<String, Long> before = child.cpu();
      LatenessHistogram.Snapshot lateBefore = child.lateness();
      Latencies latencies = latencies(nodeAddress, sink, sinkLoop, frames, index, rate);
      LatenessHistogram.Snapshot late = child.lateness().minus(lateBefore);
      Map<String, Long> used = minus(child.cpu(), before);
      return new LatencyRun(frames.size(), latencies, frames, rawIndex, used, late);
    }
  }

  /**
   * A paced run's sorted latencies (sender write to sink read, ns), the sink's longest time
   * without an arrival and the packets sent meanwhile, how far the sender kept to its pace and the
   * rate it achieved (first to last send).
   */
  private record Latencies(
      long[] sorted,
      double sinkSilenceMs,
      long sentInSilence,
      Pace pace,
      double achievedRate,
      long generatorGcs,
      boolean niced) {
    double pct(double q) {
      return MixnodeLoad.pct(sorted, q);
    }

    double maxMs() {
      return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
    }
  }

  /**
   * Sends {@code frames} paced at {@code rate} to {@code to} and returns the latencies of those
   * the sink received; {@code index} maps the first 32 bytes of each packet as the sink sees it
   * to its position.
   */
  private static Latencies latencies(
      InetSocketAddress to,
      FrameSink sink,
      EventLoop sinkLoop,
      List<byte[]> frames,
      Map<ByteBuffer, Integer> index,
      double rate)
      throws IOException, InterruptedException, ExecutionException {
    long[] sentAt = new long[frames.size()];
    long[] arrivedAt = new long[frames.size()];
    // The sink's loop records each frame's arrival time as it decodes it, straight into
    // arrivedAt, holding no frame: the frames it kept for matching after the run outlived young
    // collections of this JVM, which then stopped the sender for 25-30 ms.
    sink.listen(
        (frame, nanos) -> {
          Integer i = index.get(ByteBuffer.wrap(frame.packet(), 0, 32));
          if (i != null) {
            arrivedAt[i] = nanos;
          }
        });
    // The sender and the sink's loop run at nice -10 for the run where the OS allows it: a
    // larger share of their core than the other tasks there (the shield moved everything else
    // beside them) and earlier deadlines, so that those tasks hold back a send or a receive
    // timestamp as seldom as they can. Not a real-time policy: with two real-time threads on the
    // core, the sink now and then got nothing for about a second (docs/benchmarks.md). The node
    // keeps the default: it is measured as an operator runs it. A collection first, so that the
    // run starts with an empty young generation.
    System.gc();
    long base = sink.count();
    long gcs = collections();
    boolean niced =
        sinkLoop.submit(() -> setNice(INSTRUMENT_NICE)).get() & setNice(INSTRUMENT_NICE);
    long gcsDuring;
    Pace pace;
    try {
      pace = openLoop(to, frames, rate, frames.size(), sentAt);
      gcsDuring = collections() - gcs;
    } finally {
      setNice(0);
      sinkLoop.submit(() -> setNice(0)).get();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sink.count() - base < frames.size() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    sink.listen(null);
    long[] latency = new long[frames.size()];
    for (int i = 0; i < latency.length; i++) {
      latency[i] = arrivedAt[i] == 0 ? -1 : arrivedAt[i] - sentAt[i];
    }
    // The sink's longest silence, and how many packets were sent during it: a stall between the
    // node's socket and the sink's timestamps (loopback TCP, the sink's loop) shows here.
    long[] arrivals = Arrays.stream(arrivedAt).filter(t -> t != 0).sorted().toArray();
    long silence = 0;
    long silenceEnd = 0;
    for (int i = 1; i < arrivals.length; i++) {
      if (arrivals[i] - arrivals[i - 1] > silence) {
        silence = arrivals[i] - arrivals[i - 1];
        silenceEnd = arrivals[i];
      }
    }
    long from = silenceEnd - silence;
    long until = silenceEnd;
    long sentInSilence = Arrays.stream(sentAt).filter(t -> t > from && t < until).count();
    return new Latencies(
        Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray(),
        silence / 1e6,
        sentInSilence,
        pace,
        (sentAt.length - 1) / ((sentAt[sentAt.length - 1] - sentAt[0]) / 1e9),
        gcsDuring,
        niced);
  }

  /** Collections so far in this JVM. */
  private static long collections() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static void drain(FrameSink sink) throws InterruptedException {
    while (sink.poll(200, TimeUnit.MILLISECONDS) != null) {
      // discard
    }
  }

  /** The 1-, 5- and 15-minute load averages (Linux), to judge whether the machine was idle. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
  }
}
