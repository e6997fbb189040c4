package net.nym.crypto.sphinx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.testing.FixedRandom;
import net.nym.crypto.testing.Routes;
import net.nym.crypto.testing.Routes.TestNode;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our own fixed vectors: 4-hop regular packets built from fixed keys and fixed randomness, stored
 * as hex, so that any change of the bytes we produce is caught. (They were produced by this code;
 * they are regression vectors, not Nym-produced interop vectors.)
 */
class SphinxFixedVectorTest {
  /** Node private keys are 32 bytes of 0x11, 0x12, 0x13, 0x14; see {@link Routes#nodes}. */
  static final int KEY_SEED = 0x11;

  static final List<Duration> DELAYS =
      List.of(
          Duration.ofNanos(12_345_678), Duration.ofMillis(50), Duration.ofNanos(1), Duration.ZERO);
  static final byte[] MESSAGE =
      "The cake is a lie! Sphinx fixed vector.".getBytes(StandardCharsets.US_ASCII);

  static SphinxPacket build(SphinxVersion version, byte[] destination, byte[] randomSeed) {
    return SphinxPacket.builder()
        .route(Routes.route(Routes.nodes(4, KEY_SEED)))
        .delays(DELAYS)
        .destination(SphinxDestination.of(destination))
        .version(version)
        .packetSize(PacketSize.REGULAR)
        .random(new FixedRandom(randomSeed))
        .build(MESSAGE);
  }

  @ParameterizedTest
  @CsvSource({"sphinx-packet-v258, EXPLICIT_PAYLOAD_KEYS", "sphinx-packet-v259, PAYLOAD_KEY_SEEDS"})
  void buildsTheStoredBytes(String file, SphinxVersion version) {
    Vector v = Vectors.load(file).get(0);
    assertThat(Integer.parseInt(v.text("version"))).isEqualTo(version.value());
    SphinxPacket packet = build(version, v.hex("destination"), v.hex("random_seed"));
    assertThat(Vectors.hex(packet.toBytes())).isEqualTo(v.text("packet"));
  }

  @ParameterizedTest
  @CsvSource({"sphinx-packet-v258, EXPLICIT_PAYLOAD_KEYS", "sphinx-packet-v259, PAYLOAD_KEY_SEEDS"})
  void processesTheStoredBytesHopByHop(String file, SphinxVersion version) throws SphinxException {
    Vector v = Vectors.load(file).get(0);
    List<TestNode> nodes = Routes.nodes(4, KEY_SEED);
    byte[] current = v.hex("packet");
    for (int i = 0; i < 3; i++) {
      ForwardHop hop = (ForwardHop) new SphinxProcessor(nodes.get(i).keys()).process(current);
      assertThat(hop.nextHop()).isEqualTo(nodes.get(i + 1).node().address());
      assertThat(hop.delay()).isEqualTo(DELAYS.get(i));
      assertThat(hop.version()).isEqualTo(version);
      assertThat(Vectors.hex(hop.replayTag())).isEqualTo(v.text("replay_tag_" + i));
      current = hop.nextPacket().toBytes();
    }
    FinalHop fin = (FinalHop) new SphinxProcessor(nodes.get(3).keys()).process(current);
    assertThat(fin.message()).isEqualTo(MESSAGE);
    assertThat(fin.destination().address()).isEqualTo(v.hex("destination"));
    assertThat(Vectors.hex(fin.replayTag())).isEqualTo(v.text("replay_tag_3"));
  }
}
