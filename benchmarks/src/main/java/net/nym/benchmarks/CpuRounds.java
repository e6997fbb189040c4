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
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.crypto.sphinx.SphinxPacketBuilder;

/**
 * What the load-tolerant benchmarks ({@link HopRatio}, {@link KeyTableRatio}) share: operations
 * timed in short rounds by the running thread's CPU time, so that other processes on a shared
 * machine slow every operation alike, and the 4-hop regular packet they build.
 */
final class CpuRounds {
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuRounds() {}

  /** One measured operation. */
  interface Op {
    void run() throws Exception;
  }

  /** An operation, its repetitions per round and its per-round CPU times in microseconds. */
  record Timed(String name, int repetitions, Op op, double[] micros) {
    Timed(String name, int repetitions, Op op, int rounds) {
      this(name, repetitions, op, new double[rounds]);
    }

    double median() {
      double[] sorted = micros.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }

    /** Runs one round; a negative {@code index} is a warm-up round and is not recorded. */
    void round(int index) throws Exception {
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < repetitions; i++) {
        op.run();
      }
      long t1 = THREADS.getCurrentThreadCpuTime();
      if (index >= 0) {
        micros[index] = (t1 - t0) / 1000.0 / repetitions;
      }
    }
  }

  /** Fresh key pairs for the four hops (3 mixnodes + gateway) of {@link #fourHops}. */
  static List<X25519KeyPair> hopKeys(SecureRandom random) {
    List<X25519KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      keys.add(X25519KeyPair.generate(random));
    }
    return keys;
  }

  /** A builder of regular packets through the nodes with {@code keys}, with zero delays. */
  static SphinxPacketBuilder fourHops(List<X25519KeyPair> keys, SecureRandom random) {
    List<SphinxNode> route = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      route.add(
          new SphinxNode(
              NodeAddress.of(new byte[] {10, 0, 0, (byte) i}, 1789), keys.get(i).publicKey()));
    }
    return SphinxPacket.builder()
        .route(route)
        .delays(List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .destination(SphinxDestination.of(new byte[32]))
        .packetSize(PacketSize.REGULAR)
        .random(random);
  }
}
