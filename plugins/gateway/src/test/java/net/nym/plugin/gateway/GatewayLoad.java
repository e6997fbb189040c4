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
 * child JVM with a 1 GiB heap and measures, from this JVM: (1) authenticated idle sessions held,
 * (2) client packets forwarded per second into "layer 1" (a counting frame sink), (3) final-hop
 * packets (unwrap + SURB-ack + push) delivered per second to connected clients.
 *
 * <p>{@code -Dload.sessions} (10000), {@code -Dload.packets} (200000), {@code -Dload.senders} (16),
 * {@code -Dload.finalHops} (20000).
 */
public final class GatewayLoad {
  private GatewayLoad() {}

  public static void main(String[] args) throws Exception {
    int sessions = Integer.getInteger("load.sessions", 10_000);
    int packets = Integer.getInteger("load.packets", 200_000);
    int senders = Integer.getInteger("load.senders", 16);
    int finalHops = Integer.getInteger("load.finalHops", 20_000);
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

      ProcessBuilder pb = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
          "-cp", System.getProperty("java.class.path"),
          "-Dnym.install=" + dir.resolve("install"),
          "net.nym.cli.Nym", "--home", nym.homes().toString(), "gateway", "run", "--id", "load");
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
      System.out.printf("gateway pid %d, heap -Xmx1g, %d cores%n", p.pid(),
          Runtime.getRuntime().availableProcessors());

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
      System.out.println("    gateway heap after GC: " + heap(p.pid()));
      System.out.println("    gateway process RSS: " + rss(p.pid()));

      // (2) Forwarding: `senders` clients send pre-encrypted regular mix packets to the sink.
      sink.count();
      long base = sink.count();
      MixPacket mp = MixPacket.of(PacketType.MIX, KeyRotation.UNKNOWN, sink.address(),
          new byte[PacketSize.REGULAR.size()]);
      List<ProtocolClient> senderClients = clients.subList(0, Math.min(senders, clients.size()));
      int per = packets / senderClients.size();
      long t1 = System.nanoTime();
      List<Future<?>> sends = new ArrayList<>();
      for (ProtocolClient c : senderClients) {
        byte[] frame = BinaryMessages.encrypt(c.key, BinaryMessages.FORWARD_SPHINX,
            mp.toV1Bytes(), ProtocolClient.RANDOM);
        sends.add(pool.submit(() -> {
          for (int i = 0; i < per; i++) {
            c.sendBinary(frame);
            if (i % 1000 == 0) {
              c.drain();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : sends) {
        f.get();
      }
      double sendSeconds = (System.nanoTime() - t1) / 1e9;
      long expected = base + (long) per * senderClients.size();
      // Until every packet arrived, or nothing arrived for 3 s (the rest was dropped).
      long last = sink.count();
      long lastChange = System.nanoTime();
      while (sink.count() < expected && System.nanoTime() - lastChange < 3_000_000_000L) {
        Thread.sleep(5);
        long now = sink.count();
        if (now != last) {
          last = now;
          lastChange = System.nanoTime();
        }
      }
      double fwdSeconds = (lastChange - t1) / 1e9;
      long forwarded = sink.count() - base;
      System.out.printf("(2) %d of %d packets from %d clients forwarded into layer 1 in %.2f s"
          + " (all sent after %.2f s): %.0f packets/s%n", forwarded, expected - base,
          senderClients.size(), fwdSeconds, sendSeconds, forwarded / fwdSeconds);
      System.out.println("    gateway egress: " + new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(http(init.json().get("http_api_port").asInt(),
              "/api/v1/metrics/packets-stats")).get("egress_mixing"));
      senderClients.forEach(ProtocolClient::drain);

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
      int httpPort = init.json().get("http_api_port").asInt();
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
          + " delivered (pushed or stored) for %d clients in %.2f s: %.0f packets/s%n",
          seen - delivered0, finalHops, receivers.size(), fhSeconds,
          (seen - delivered0) / fhSeconds);
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
      for (String line : out.split("\n")) {
        if (line.contains("total") && line.contains("used")) {
          return line.strip();
        }
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
