package net.nym.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxException;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.crypto.sphinx.SphinxPacketBuilder;
import net.nym.crypto.sphinx.SphinxProcessor;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A load-tolerant cross-check of the JMH {@code unwrap} / {@code x25519} ratio: alternates short
 * rounds of both on one thread and compares the thread's CPU time, so that other processes on a
 * shared machine slow both sides alike. Prints per-operation CPU times and the median ratio {@code
 * unwrap rate / (x25519 rate / 2)} over the measured rounds.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar net.nym.benchmarks.HopRatio [rounds]}.
 */
public final class HopRatio {
  private HopRatio() {}

  /** Runs the comparison; the optional argument is the number of measured rounds (default 40). */
  public static void main(String[] args) throws SphinxException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    SecureRandom random = new SecureRandom();
    List<SphinxNode> route = new ArrayList<>();
    List<X25519KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      X25519KeyPair k = X25519KeyPair.generate(random);
      keys.add(k);
      route.add(
          new SphinxNode(NodeAddress.of(new byte[] {10, 0, 0, (byte) i}, 1789), k.publicKey()));
    }
    SphinxPacketBuilder builder =
        SphinxPacket.builder()
            .route(route)
            .delays(List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
            .destination(SphinxDestination.of(new byte[32]))
            .packetSize(PacketSize.REGULAR)
            .random(random);
    byte[] message = new byte[PacketSize.REGULAR.plaintextSize()];
    byte[] packet = builder.build(message).toBytes();
    SphinxProcessor processor = new SphinxProcessor(keys.get(0));
    byte[] scalar = new byte[32];
    random.nextBytes(scalar);
    byte[] point = keys.get(1).publicKey().toBytes();
    byte[] out = new byte[32];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int warmup = 10;
    double[] ratios = new double[rounds];
    double[] x25519Micros = new double[rounds];
    double[] hopMicros = new double[rounds];
    double[] createMicros = new double[rounds];
    for (int r = 0; r < warmup + rounds; r++) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < 400; i++) {
        X25519.scalarMult(scalar, 0, point, 0, out, 0);
      }
      long t1 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < 200; i++) {
        processor.process(packet);
      }
      long t2 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < 20; i++) {
        builder.build(message);
      }
      long t3 = threads.getCurrentThreadCpuTime();
      if (r >= warmup) {
        createMicros[r - warmup] = (t3 - t2) / 20.0 / 1000;
        double x = (t1 - t0) / 400.0;
        double h = (t2 - t1) / 200.0;
        x25519Micros[r - warmup] = x / 1000;
        hopMicros[r - warmup] = h / 1000;
        ratios[r - warmup] = 2 * x / h;
      }
    }
    Arrays.sort(ratios);
    Arrays.sort(x25519Micros);
    Arrays.sort(hopMicros);
    Arrays.sort(createMicros);
    System.out.printf(
        "x25519 %.1f us, unwrap %.1f us (CPU time, medians of %d rounds);"
            + " unwrap rate / (x25519 rate / 2) = %.3f (quartiles %.3f .. %.3f);"
            + " create %.0f us = %.0f packets/s per core%n",
        x25519Micros[rounds / 2],
        hopMicros[rounds / 2],
        rounds,
        ratios[rounds / 2],
        ratios[rounds / 4],
        ratios[3 * rounds / 4],
        createMicros[rounds / 2],
        1e6 / createMicros[rounds / 2]);
  }
}
