package net.nym.plugin.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.mixnet.tools.FrameClient;
import net.nym.mixnet.tools.FrameSink;

/**
 * The gateway load generator (docs/benchmarks.md, "Gateway"). Runs {@code nym gateway run} in a
 * child JVM with a 1 GiB heap and measures, from this JVM: (0) the CPU cost of opening one
 * packet's AES-256-GCM-SIV frame, ours against Bouncy Castle's; (1) authenticated idle sessions
 * held; (2) client packets forwarded per second into "layer 1" (a counting frame sink), with the
 * gateway's CPU time per forwarded packet; (3) final-hop packets (unwrap + SURB-ack + push)
 * delivered per second to connected clients.
 *
 * <p>During (2), when {@code taskset} exists and there are at least two cores, the gateway is
 * pinned to core 1 and this generator to core 0 ({@code -Dload.pin=false} turns that off), so
 * that the gateway's rate is that of one core and its CPU time per packet projects to more cores;
 * the other phases run on all cores. Phase (2) sends
 * from Netty clients ({@link LoadSender}) replaying one pre-encrypted frame each, so the generator
 * costs little per packet. Lines starting with {@code BENCH} are the results.
 *
 * <p>{@code -Dload.sessions} (10000), {@code -Dload.packets} (200000), {@code -Dload.senders} (16),
 * {@code -Dload.finalHops} (20000), {@code -Dload.window} (256 packets in flight per sender),
 * {@code -Dload.jfr=FILE} (records the gateway with Java Flight Recorder, profile settings).
 */
public final class GatewayLoad {
  private GatewayLoad() {}

  public static void main(String[] args) throws Exception {
    int sessions = Integer.getInteger("load.sessions", 10_000);
    int packets = Integer.getInteger("load.packets", 200_000);
    int senders = Integer.getInteger("load.senders", 16);
    int finalHops = Integer.getInteger("load.finalHops", 20_000);
    int window = Integer.getInteger("load.window", 256);
    int cores = Runtime.getRuntime().availableProcessors();
    String allCores = "0-" + (cores - 1);
    boolean pin = !"false".equals(System.getProperty("load.pin")) && cores >= 2
        && taskset(allCores, ProcessHandle.current().pid());
    gcmSivCost();
    Path dir = Files.createTempDirectory("gateway-load");
    EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    FrameSink sink = FrameSink.start(loop, new java.net.InetSocketAddress("127.0.0.1", 0), false);
    Process p = null;
    try (NymWithGateway nym = new NymWithGateway(dir)) {
      NymWithGateway.Result init = nym.init("gateway", "load", s -> s
          .replaceAll("max_sessions = \\d+", "max_sessions = 50000")
          .replaceAll("max_packets_per_second = \\d+", "max_packets_per_second = 10000000")
          .replaceAll("packet_burst = \\d+", "packet_burst = 10000000")
          .replaceAll("free_allowance = \\d+", "free_allowance = 4000000000000")
          .replaceAll("queue_size = \\d+", "queue_size = 1000000")
          .replaceAll("worker_queue = \\d+", "worker_queue = 1000000"));
      Ed25519PublicKey gwId = Ed25519PublicKey.fromBase58(init.json().get("identity_key").asText());
      SphinxNode gw = new SphinxNode(
          NodeAddress.of(new byte[] {127, 0, 0, 1}, init.json().get("mix_port").asInt()),
          X25519PublicKey.fromBase58(init.json().get("sphinx_key").asText()));
      URI ws = URI.create(init.json().get("clients_address").asText());

      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
      String jfr = System.getProperty("load.jfr", "");
      if (!jfr.isEmpty()) {
        command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"),
          "-Dnym.install=" + dir.resolve("install"),
          "net.nym.cli.Nym", "--home", nym.homes().toString(), "gateway", "run", "--id", "load"));
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.redirectErrorStream(true);
      p = pb.start();
      Process child = p;
      StringBuilder output = new StringBuilder();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            synchronized (output) {
              output.append(line).append('\n');
            }
          }
        } catch (java.io.IOException e) {
          // ended
        }
      });
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        synchronized (output) {
          if (output.toString().contains("running")) {
            break;
          }
        }
        Thread.onSpinWait();
        Thread.sleep(50);
      }
      System.out.printf("gateway pid %d, heap -Xmx1g, %d cores; %s%n", p.pid(), cores, pin
          ? "during (2) the gateway is pinned to core 1, this generator to core 0 (taskset)"
          : "all cores shared by the gateway and this generator");

      // (1) Idle authenticated sessions: each registers (X25519 + Ed25519 both ways) and stays.
      List<ProtocolClient> clients = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(16);
      long t0 = System.nanoTime();
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        fs.add(pool.submit(() -> {
          ProtocolClient c = ProtocolClient.connect(ws, Ed25519KeyPair.generate(
              ProtocolClient.RANDOM));
          c.register(gwId, false);
          clients.add(c);
          return null;
        }));
      }
      int failed = 0;
      for (Future<?> f : fs) {
        try {
          f.get();
        } catch (Exception e) {
          failed++;
        }
      }
      double regSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("(1) %d sessions registered and held (%d failed) in %.1f s (%.0f"
          + " registrations/s)%n", clients.size(), failed, regSeconds, clients.size() / regSeconds);
      String heap1 = heap(p.pid());
      System.out.println("    gateway heap after GC: " + heap1);
      System.out.println("    gateway process RSS: " + rss(p.pid()));
      System.out.printf("BENCH gateway idle sessions: %d held (%d failed) in a 1 GiB heap, heap"
          + " after GC %s (target >= 10000: %s)%n", clients.size(), failed, heap1,
          clients.size() >= 10_000 && failed == 0 ? "met" : "NOT met");

      // (2) Forwarding: `senders` clients, now on Netty, send pre-encrypted packets to the sink.
      int httpPort = init.json().get("http_api_port").asInt();
      List<ProtocolClient> senderClients = clients.subList(0, Math.min(senders, clients.size()));
      int per = packets / senderClients.size();
      long authenticatedBefore = authenticated(httpPort);
      senderClients.forEach(ProtocolClient::close);
      long quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (authenticated(httpPort) > authenticatedBefore - senderClients.size()
          && System.nanoTime() < quiet) {
        Thread.sleep(20);
      }
      MixPacket mp = MixPacket.of(PacketType.MIX, KeyRotation.UNKNOWN, sink.address(),
          new byte[PacketSize.REGULAR.size()]);
      EventLoopGroup senderLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      List<LoadSender> load = new ArrayList<>();
      for (ProtocolClient c : senderClients) {
        byte[] frame = BinaryMessages.encrypt(c.key, BinaryMessages.FORWARD_SPHINX,
            mp.toV1Bytes(), ProtocolClient.RANDOM);
        load.add(LoadSender.connect(senderLoop, ws, c.authV2Json(c.key, ProtocolClient.now()),
            frame, window));
      }
      for (LoadSender l : load) {
        l.authenticated.get(30, TimeUnit.SECONDS);
      }
      if (pin) {
        pin = taskset("1", p.pid()) && taskset("0", ProcessHandle.current().pid());
      }
      // Warm-up (not timed), in rounds until the gateway's JIT compilers take under 3% of its CPU
      // in a round (at most 10 rounds): the timed phase measures compiled code.
      int warmup = Math.max(1, Math.min(per / 4, 2_000));
      for (int round = 1; round <= 10; round++) {
        java.util.Map<String, Long> before = threadGroupTicks(p.pid());
        long cpuBefore = cpuNanos(p);
        long warmed = sink.count() + load.size() * (long) warmup;
        List<java.util.concurrent.CompletableFuture<Integer>> warm = new ArrayList<>();
        load.forEach(l -> warm.add(l.send(warmup)));
        for (java.util.concurrent.CompletableFuture<Integer> w : warm) {
          w.get(120, TimeUnit.SECONDS);
        }
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.count() < warmed && System.nanoTime() < settle) {
          Thread.sleep(5);
        }
        long compiler = compilerTicks(threadGroupTicks(p.pid())) - compilerTicks(before);
        long total = (cpuNanos(p) - cpuBefore) / 10_000_000L; // in 10 ms clock ticks
        if (round == 10 || total > 0 && compiler * 100 < total * 3) {
          System.out.printf("    warm-up: %d rounds of %d packets (JIT compilers %d%% of the"
              + " gateway's CPU in the last)%n", round, load.size() * warmup,
              total == 0 ? 0 : 100 * compiler / total);
          break;
        }
      }
      long base = sink.count();
      long expected = (long) per * load.size();
      long gatewayCpu0 = cpuNanos(p);
      long[] ticks0 = userSystemTicks(p.pid());
      java.util.Map<String, Long> threads0 = threadGroupTicks(p.pid());
      long ownCpu0 = ownCpuNanos();
      long t1 = System.nanoTime();
      List<java.util.concurrent.CompletableFuture<Integer>> rounds = new ArrayList<>();
      load.forEach(l -> rounds.add(l.send(per)));
      // Until every packet arrived, or nothing arrived for 3 s (the rest was dropped).
      long last = sink.count();
      long lastChange = System.nanoTime();
      while (last - base < expected && System.nanoTime() - lastChange < 3_000_000_000L) {
        Thread.sleep(2);
        long now = sink.count();
        if (now != last) {
          last = now;
          lastChange = System.nanoTime();
        }
      }
      double fwdSeconds = (lastChange - t1) / 1e9;
      long gatewayCpu = cpuNanos(p) - gatewayCpu0;
      long[] ticks1 = userSystemTicks(p.pid());
      java.util.Map<String, Long> threads1 = threadGroupTicks(p.pid());
      long ownCpu = ownCpuNanos() - ownCpu0;
      long forwarded = sink.count() - base;
      int answered = 0;
      int refused = 0;
      for (int i = 0; i < load.size(); i++) {
        answered += rounds.get(i).get(30, TimeUnit.SECONDS);
        refused += load.get(i).errors();
      }
      double rate = forwarded / fwdSeconds;
      double gatewayUs = gatewayCpu / 1e3 / forwarded;
      System.out.printf("(2) %d of %d packets from %d clients forwarded into layer 1 in %.2f s;"
          + " %d send responses, %d errors; gateway CPU %d%% user, %d%% kernel%n", forwarded,
          expected, load.size(), fwdSeconds, answered, refused,
          percent(ticks1[0] - ticks0[0], ticks1[1] - ticks0[1]),
          percent(ticks1[1] - ticks0[1], ticks1[0] - ticks0[0]));
      System.out.println("    gateway egress: " + new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(http(httpPort, "/api/v1/metrics/packets-stats")).get("egress_mixing"));
      StringBuilder groups = new StringBuilder();
      long tick = 1_000_000_000L / 100; // USER_HZ
      threads1.entrySet().stream()
          .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() > 0)
          .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> groups.append(String.format(" %s %.1f,", e.getKey(),
              e.getValue() * tick / 1e3 / forwarded)));
      System.out.println("    gateway CPU us per packet by thread group:" + groups);
      System.out.printf("BENCH gateway forward: %.0f packets/s on %s (target >= 20000: %s);"
          + " gateway CPU %.1f us per forwarded packet (projection: %.0f packets/s per core,"
          + " %.0f on 2 cores); generator + sink CPU %.1f us per packet%n", rate,
          pin ? "1 pinned core" : "shared cores", rate >= 20_000 ? "met" : "NOT met", gatewayUs,
          1e6 / gatewayUs, 2e6 / gatewayUs, ownCpu / 1e3 / forwarded);
      senderLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      if (pin) {
        taskset(allCores, p.pid());
        taskset(allCores, ProcessHandle.current().pid());
      }

      // (3) Final hops: regular packets for 4 connected clients, each with a SURB-ack to the sink.
      List<ProtocolClient> receivers = clients.subList(senderClients.size(),
          senderClients.size() + 4);
      List<byte[]> built = new ArrayList<>();
      for (int i = 0; i < finalHops; i++) {
        ProtocolClient r = receivers.get(i % receivers.size());
        byte[] plaintext = new byte[PacketSize.REGULAR.plaintextSize()];
        byte[] hop = sink.address().toBytes();
        System.arraycopy(hop, 0, plaintext, 0, hop.length);
        plaintext[FinalHopDelivery.SURB_ACK] = 1;
        SphinxPacket ack = SphinxPacket.builder().route(List.of(gw))
            .delays(List.of(Duration.ZERO))
            .destination(SphinxDestination.of(r.identity.publicKey().toBytes()))
            .packetSize(PacketSize.ACK).random(ProtocolClient.RANDOM).build(new byte[21]);
        System.arraycopy(ack.toBytes(), 0, plaintext, FinalHopDelivery.ACK_FIRST_HOP, 386);
        built.add(SphinxPacket.builder().route(List.of(gw)).delays(List.of(Duration.ZERO))
            .destination(SphinxDestination.of(r.identity.publicKey().toBytes()))
            .packetSize(PacketSize.REGULAR).random(ProtocolClient.RANDOM).build(plaintext)
            .toBytes());
      }
      receivers.forEach(ProtocolClient::drain);
      long delivered0 = delivered(httpPort);
      long t2 = System.nanoTime();
      try (FrameClient f = FrameClient.connect(gw.address().toSocketAddress())) {
        for (byte[] b : built) {
          f.send(Frame.of(FramingVersion.V7, PacketType.MIX, KeyRotation.UNKNOWN, b));
        }
      }
      // Delivered = pushed to the session or stored in the mailbox (a slow reader's messages
      // are stored instead of buffered), counted by the gateway.
      long seen = delivered(httpPort);
      long changed = System.nanoTime();
      while (seen - delivered0 < finalHops && System.nanoTime() - changed < 3_000_000_000L) {
        Thread.sleep(50);
        long now = delivered(httpPort);
        if (now != seen) {
          seen = now;
          changed = System.nanoTime();
        }
      }
      double fhSeconds = (changed - t2) / 1e9;
      System.out.printf("(3) %d of %d final-hop packets unwrapped, SURB-acks sent and messages"
          + " delivered (pushed or stored) for %d clients in %.2f s%n",
          seen - delivered0, finalHops, receivers.size(), fhSeconds);
      System.out.printf("BENCH gateway final hops: %.0f packets/s delivered (bounded by one"
          + " Sphinx unwrap each)%n", (seen - delivered0) / fhSeconds);
      long pushedToClients = 0;
      for (ProtocolClient r : receivers) {
        pushedToClients += r.drain();
      }
      System.out.println("    messages that reached the clients' sockets: " + pushedToClients);
      System.out.println("    gateway heap after GC: " + heap(p.pid()));
      System.out.println("    gateway stats: " + http(init.json().get("http_api_port").asInt(),
          "/api/v1/gateway/stats"));
      pool.shutdownNow();
      clients.forEach(ProtocolClient::close);
    } finally {
      if (p != null) {
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
        p.destroyForcibly();
      }
      sink.close();
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  /** Pins every thread of process {@code pid} to the CPU list {@code cpus}; whether that worked. */
  private static boolean taskset(String cpus, long pid) {
    try {
      Process t = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid))
          .redirectErrorStream(true).start();
      t.getInputStream().readAllBytes();
      return t.waitFor(10, TimeUnit.SECONDS) && t.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** CPU time (user + system) the process has used so far, in nanoseconds. */
  private static long cpuNanos(Process p) {
    return p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** utime and stime of a Linux process, in clock ticks ({@code /proc/PID/stat}); zeros elsewhere. */
  private static long[] userSystemTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    } catch (Exception e) {
      return new long[] {0, 0};
    }
  }

  /**
   * utime + stime of every thread of a Linux process, in clock ticks, summed by thread name with
   * digits removed ({@code /proc/PID/task/TID/stat}); empty elsewhere.
   */
  private static java.util.Map<String, Long> threadGroupTicks(long pid) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
              .replaceAll("[0-9]+", "N");
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (java.io.IOException e) {
      // not Linux
    }
    return out;
  }

  /** Ticks of the JIT compiler threads in a {@link #threadGroupTicks} map. */
  private static long compilerTicks(java.util.Map<String, Long> groups) {
    return groups.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
        .mapToLong(java.util.Map.Entry::getValue).sum();
  }

  private static long percent(long part, long other) {
    return part + other == 0 ? 0 : Math.round(100.0 * part / (part + other));
  }

  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * (0) Thread CPU time to open one regular packet's frame payload (2413 + 16 bytes) with
   * AES-256-GCM-SIV: ours and Bouncy Castle's GCMSIVBlockCipher (the oracle of our tests).
   */
  private static void gcmSivCost() throws Exception {
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory
        .getThreadMXBean();
    byte[] key = new byte[32];
    byte[] nonce = new byte[12];
    ProtocolClient.RANDOM.nextBytes(key);
    ProtocolClient.RANDOM.nextBytes(nonce);
    byte[] sealed = net.nym.crypto.gateway.Aes256GcmSiv.encrypt(key, nonce,
        new byte[PacketSize.REGULAR.size()]);
    byte[] out = new byte[PacketSize.REGULAR.size()];
    // Median of 5 rounds (the first ones warm the JIT up), thread CPU time per call.
    double[] ours = new double[5];
    double[] bc = new double[5];
    for (int round = 0; round < 5; round++) {
      long t = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < 20_000; i++) {
        net.nym.crypto.gateway.Aes256GcmSiv.decrypt(key, nonce, 0, sealed, 0, sealed.length,
            out, 0);
      }
      ours[round] = (cpu.getCurrentThreadCpuTime() - t) / 1e3 / 20_000;
      t = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < 3_000; i++) {
        org.bouncycastle.crypto.modes.GCMSIVBlockCipher c =
            new org.bouncycastle.crypto.modes.GCMSIVBlockCipher(
                org.bouncycastle.crypto.engines.AESEngine.newInstance());
        c.init(false, new org.bouncycastle.crypto.params.AEADParameters(
            new org.bouncycastle.crypto.params.KeyParameter(key), 128, nonce));
        int n = c.processBytes(sealed, 0, sealed.length, out, 0);
        c.doFinal(out, n);
      }
      bc[round] = (cpu.getCurrentThreadCpuTime() - t) / 1e3 / 3_000;
    }
    java.util.Arrays.sort(ours);
    java.util.Arrays.sort(bc);
    System.out.printf("BENCH gateway gcm-siv open of a 2413-byte packet: ours %.2f us CPU,"
        + " Bouncy Castle %.2f us CPU (%.1fx)%n", ours[2], bc[2], bc[2] / ours[2]);
  }

  private static long authenticated(int port) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(http(port, "/api/v1/gateway/stats")).get("authenticated_clients").asLong();
    } catch (Exception e) {
      return -1;
    }
  }

  private static long delivered(int port) {
    try {
      com.fasterxml.jackson.databind.JsonNode events = new com.fasterxml.jackson.databind
          .ObjectMapper().readTree(http(port, "/api/v1/gateway/stats")).get("events");
      return events.path("messages_pushed").asLong() + events.path("messages_stored").asLong()
          + events.path("mailbox_full_dropped").asLong();
    } catch (Exception e) {
      return 0;
    }
  }

  private static String http(int port, String path) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "unavailable (" + e + ")";
    }
  }

  private static String heap(long pid) {
    try {
      Process j = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(pid), "GC.run").redirectErrorStream(true).start();
      j.waitFor(60, TimeUnit.SECONDS);
      Process h = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
      String out = new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      h.waitFor(60, TimeUnit.SECONDS);
      // One "total ..., used NK" line per heap (G1) or per generation (Serial, Parallel).
      long usedK = 0;
      boolean found = false;
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K")
          .matcher(out);
      while (m.find()) {
        usedK += Long.parseLong(m.group(1));
        found = true;
      }
      if (found) {
        return String.format("%.1f MB used", usedK / 1024.0);
      }
      return out.strip();
    } catch (Exception e) {
      return "unavailable (" + e + ")";
    }
  }

  private static String rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS")) {
          return line.substring(6).strip();
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return "unavailable";
  }
}
