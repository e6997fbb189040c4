package net.nym.mixnet.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import net.nym.api.NetTransport;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.SphinxProcessor;
import net.nym.mixnet.forward.OutboundConnections;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.LatenessHistogram;
import net.nym.mixnet.metrics.PacketCounters;
import net.nym.mixnet.node.MixServer;
import net.nym.mixnet.node.MixServerSettings;
import net.nym.mixnet.node.SphinxWorkerPool;
import net.nym.mixnet.replay.ReplayFilter;

/**
 * The node side of {@link MixnodeLoad}: runs in its own JVM (pinned to one core when {@code
 * taskset} exists) the engine of {@code nym mixnode run} as the host sets it up: a {@link
 * MixServer} with {@code nym mixnode init}'s defaults (one Sphinx worker per core) on an NIO
 * event-loop group like the host's (two loops per core). Before serving, it measures the
 * single-thread unwrap rate R1 on its own core.
 *
 * <p>It runs two servers with the same key: the one measured, and one whose replay filter forgets
 * after a millisecond, for warming up and for the overload (packets re-sent from a pool).
 *
 * <p>Arguments: the Sphinx private key (hex), a file of 1000 packets for that key (R1's probe,
 * concatenated), a data directory. It answers commands on stdin with one line on stdout starting
 * with {@value #REPLY}: {@code CPU} (CPU time in ns by thread role, allocation, GC, JIT), {@code
 * LATENESS} (the measured server's lateness histogram: bucket counts and sum), {@code GC} (a full
 * collection), {@code COUNTERS FORGETFUL}, {@code HEAP START} / {@code HEAP STOP} (heap sampling every 20 ms), {@code
 * STOP}.
 */
public final class MixnodeLoadNode {
  /** Prefix of the lines meant for the generator (the rest is the node's log). */
  static final String REPLY = "@node ";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private MixnodeLoadNode() {}

  public static void main(String[] args) throws Exception {
    X25519KeyPair key = X25519KeyPair.fromPrivateKey(HexFormat.of().parseHex(args[0]));
    byte[] probe = Files.readAllBytes(Path.of(args[1]));
    Path dir = Path.of(args[2]);
    int packetLength = PacketSize.REGULAR.size();
    List<byte[]> packets = new ArrayList<>();
    for (int off = 0; off + packetLength <= probe.length; off += packetLength) {
      byte[] p = new byte[packetLength];
      System.arraycopy(probe, off, p, 0, packetLength);
      packets.add(p);
    }

    // R1 on this JVM's core: best of ten rounds (wall clock), and the least CPU per unwrap.
    SphinxProcessor processor = new SphinxProcessor(key);
    for (int r = 0; r < 3; r++) {
      for (byte[] p : packets) {
        processor.process(p);
      }
    }
    double r1 = 0;
    long unwrapCpu = Long.MAX_VALUE;
    for (int r = 0; r < 10; r++) {
      long t0 = System.nanoTime();
      long c0 = THREADS.getCurrentThreadCpuTime();
      for (byte[] p : packets) {
        processor.process(p);
      }
      unwrapCpu = Math.min(unwrapCpu, (THREADS.getCurrentThreadCpuTime() - c0) / packets.size());
      r1 = Math.max(r1, packets.size() / ((System.nanoTime() - t0) / 1e9));
    }

    int cores = Runtime.getRuntime().availableProcessors();
    // As the host (HostServices): 0 threads = Netty's default, two loops per core, of the
    // transport the host picks (epoll on Linux).
    EventLoopGroup group =
        NetTransport.newGroup(0, new DefaultThreadFactory("nym-io"));
    MixServer server =
        new MixServer(settings("load", dir, false), key, group, null, Clock.systemUTC());
    server.start();
    // Warm-up and overload go to a second server with the same key whose replay filter forgets.
    // It runs alongside from the start: stopping and starting servers between the warm-up and the
    // measurement would make the JIT deoptimise (and recompile during the run) what shutdown
    // paths invalidate.
    MixServer forgetful =
        new MixServer(settings("overload", dir, true), key, group, null, Clock.systemUTC());
    forgetful.start();
    String gc =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining("+"));
    reply(
        "READY %d %d %.1f %d %d %d %d %s %s",
        server.localAddress().getPort(),
        forgetful.localAddress().getPort(),
        r1,
        unwrapCpu,
        cores,
        server.settings().workerThreads(),
        2 * cores,
        gc.replace(' ', '_'),
        NetTransport.name());

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Thread sampler = null;
    long[] heap = new long[2];
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      switch (line.trim()) {
        case "CPU" -> reply("CPU %s", cpuByRole());
        case "LATENESS" -> {
          LatenessHistogram.Snapshot late = server.counters().lateness().snapshot();
          StringBuilder counts = new StringBuilder();
          for (int i = 0; i <= LatenessHistogram.Snapshot.boundsNanos().length; i++) {
            counts.append(i == 0 ? "" : ",").append(late.count(i));
          }
          reply("LATENESS %s %d", counts, late.sumNanos());
        }
        case "COUNTERS FORGETFUL" -> {
          PacketCounters.Snapshot s = forgetful.counters().snapshot();
          Map<String, Long> other = new TreeMap<>();
          s.dropped()
              .forEach(
                  (r, n) -> {
                    if (n != 0 && r != DropReason.OVERLOADED) {
                      other.put(r.label(), n);
                    }
                  });
          reply(
              "COUNTERS %d %d %d %s",
              s.forwardHopReceived(),
              s.sent(),
              s.dropped(DropReason.OVERLOADED),
              other.toString().replace(' ', '_'));
        }
        case "GC" -> {
          System.gc();
          reply("OK");
        }
        case "HEAP START" -> {
          System.gc();
          heap[0] = memory.getHeapMemoryUsage().getUsed();
          heap[1] = heap[0];
          sampler =
              new Thread(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      heap[1] = Math.max(heap[1], memory.getHeapMemoryUsage().getUsed());
                      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    }
                  },
                  "heap-sampler");
          sampler.setDaemon(true);
          sampler.start();
          reply("OK");
        }
        case "HEAP STOP" -> {
          if (sampler != null) {
            sampler.interrupt();
            sampler.join();
          }
          System.gc();
          reply(
              "HEAP %d %d %d %d",
              heap[0],
              heap[1],
              memory.getHeapMemoryUsage().getUsed(),
              Runtime.getRuntime().maxMemory());
        }
        case "STOP" -> {
          server.stop();
          forgetful.stop();
          group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
          reply("STOPPED");
          return;
        }
        default -> reply("ERROR unknown command %s", line);
      }
    }
    server.stop();
    forgetful.stop();
  }

  /**
   * {@code nym mixnode init}'s defaults (MixnodeConfig), but on loopback port 0, with a next-hop
   * backoff short enough for a benchmark and, for the overload phase, a replay filter that forgets.
   */
  private static MixServerSettings settings(String name, Path dir, boolean forgetful) {
    return new MixServerSettings(
        name,
        new InetSocketAddress("127.0.0.1", 0),
        PacketSize.largest(),
        4096,
        Duration.ofMinutes(10),
        Duration.ofSeconds(10),
        FramingVersion.V7,
        SphinxWorkerPool.defaultThreads(),
        4000,
        20_000,
        new OutboundConnections.Settings(
            2000, 1000, Duration.ofMillis(1500), Duration.ofMillis(100), Duration.ofSeconds(1)),
        forgetful
            ? new ReplayFilter.Settings(1_000_000, Duration.ofMillis(1), 1e-5)
            : new ReplayFilter.Settings(2000, Duration.ofMinutes(30), 1e-5),
        dir.resolve(name + ".bloom"),
        Duration.ofMinutes(10),
        Duration.ofMinutes(1),
        Duration.ofSeconds(5));
  }

  /**
   * CPU time (ns) of this JVM's threads by role and of the whole process; bytes allocated by the
   * node's threads; collections, their time (ms) and the JIT's time (ms) so far.
   */
  private static String cpuByRole() {
    Map<String, Long> m = new TreeMap<>();
    m.put("workers", 0L);
    m.put("io", 0L);
    m.put("scheduler", 0L);
    long allocated = 0;
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t == null) {
        continue;
      }
      String name = t.getThreadName();
      String role =
          name.startsWith("sphinx-")
              ? "workers"
              : name.startsWith("nym-io") || name.startsWith("mix-out-")
                  ? "io"
                  : name.startsWith("mix-delay-") ? "scheduler" : null;
      long cpu = THREADS.getThreadCpuTime(t.getThreadId());
      if (role != null && cpu > 0) {
        m.merge(role, cpu, Long::sum);
        allocated += Math.max(0, threads.getThreadAllocatedBytes(t.getThreadId()));
      }
    }
    long process =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
    return b.append("process=")
        .append(process)
        .append(" allocated=")
        .append(allocated)
        .append(" gcs=")
        .append(gcCount)
        .append(" gc-ms=")
        .append(gcMillis)
        .append(" jit-ms=")
        .append(ManagementFactory.getCompilationMXBean().getTotalCompilationTime())
        .append(" gc-cpu=")
        .append(vmThreadsCpu("VM Thread", "GC Thread", "G1 "))
        .append(" jit-cpu=")
        .append(vmThreadsCpu("C1 CompilerThre", "C2 CompilerThre"))
        .toString();
  }

  /**
   * CPU time (ns) of the JVM's own threads whose names start with one of {@code prefixes}, from
   * Linux's /proc/self/task/TID/schedstat (the JMX beans do not list GC and JIT threads); 0
   * elsewhere.
   */
  private static long vmThreadsCpu(String... prefixes) {
    long sum = 0;
    try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          for (String prefix : prefixes) {
            if (comm.startsWith(prefix)) {
              sum += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
              break;
            }
          }
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
    return sum;
  }

  private static void reply(String format, Object... args) {
    System.out.println(REPLY + String.format(java.util.Locale.ROOT, format, args));
    System.out.flush();
  }
}
