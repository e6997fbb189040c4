package net.nym.benchmarks;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.ProcessedPacket;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxException;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.crypto.sphinx.SphinxPacketBuilder;
import net.nym.crypto.sphinx.SphinxProcessor;
import net.nym.crypto.sphinx.SphinxVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sphinx on a regular (2413-byte) packet, version 259, 4-hop route (3 mixes + gateway): {@code
 * unwrap} is one hop at the first mix node, {@code create} builds a whole packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SphinxBenchmark {
  private SphinxProcessor firstHop;
  private byte[] packet;
  private SphinxPacketBuilder builder;
  private byte[] message;

  /** Four nodes with fresh keys, one prepared packet, and a builder for new ones. */
  @Setup
  public void setup() {
    SecureRandom random = new SecureRandom();
    List<SphinxNode> route = new ArrayList<>();
    X25519KeyPair first = null;
    for (int i = 0; i < 4; i++) {
      X25519KeyPair keys = X25519KeyPair.generate(random);
      if (i == 0) {
        first = keys;
      }
      route.add(
          new SphinxNode(NodeAddress.of(new byte[] {10, 0, 0, (byte) i}, 1789), keys.publicKey()));
    }
    firstHop = new SphinxProcessor(first);
    message = new byte[PacketSize.REGULAR.plaintextSize()];
    random.nextBytes(message);
    byte[] destination = new byte[32];
    random.nextBytes(destination);
    builder =
        SphinxPacket.builder()
            .route(route)
            .delays(
                List.of(
                    Duration.ofMillis(15),
                    Duration.ofMillis(15),
                    Duration.ofMillis(15),
                    Duration.ZERO))
            .destination(SphinxDestination.of(destination))
            .version(SphinxVersion.PAYLOAD_KEY_SEEDS)
            .packetSize(PacketSize.REGULAR)
            .random(random);
    packet = builder.build(message).toBytes();
  }

  /** Processes one hop of a regular packet. */
  @Benchmark
  public ProcessedPacket unwrap() throws SphinxException {
    return firstHop.process(packet);
  }

  /** Builds one 4-hop regular packet. */
  @Benchmark
  public SphinxPacket create() {
    return builder.build(message);
  }
}
