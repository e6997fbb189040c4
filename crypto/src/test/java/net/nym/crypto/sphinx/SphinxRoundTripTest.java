package net.nym.crypto.sphinx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.SphinxException.Reason;
import net.nym.crypto.testing.FixedRandom;
import net.nym.crypto.testing.Routes;
import net.nym.crypto.testing.Routes.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SphinxRoundTripTest {
  private static final byte[] DEST = new byte[32];

  static {
    DEST[0] = 42;
  }

  @ParameterizedTest
  @EnumSource(SphinxVersion.class)
  void fourHopPacketTravelsToItsDestination(SphinxVersion version) throws SphinxException {
    List<TestNode> nodes = Routes.nodes(4, 1);
    List<Duration> delays =
        List.of(Duration.ofMillis(15), Duration.ofNanos(1), Duration.ZERO, Duration.ofSeconds(3));
    byte[] message = "hello mixnet".getBytes(StandardCharsets.UTF_8);
    SphinxPacket packet =
        SphinxPacket.builder()
            .route(Routes.route(nodes))
            .delays(delays)
            .destination(SphinxDestination.of(DEST))
            .version(version)
            .packetSize(PacketSize.REGULAR)
            .random(FixedRandom.ofByte(9))
            .build(message);
    assertThat(packet.length()).isEqualTo(2413);

    byte[] current = packet.toBytes();
    for (int i = 0; i < 3; i++) {
      ProcessedPacket p = new SphinxProcessor(nodes.get(i).keys()).process(current);
      assertThat(p).isInstanceOf(ForwardHop.class);
      ForwardHop f = (ForwardHop) p;
      assertThat(f.nextHop()).isEqualTo(nodes.get(i + 1).node().address());
      assertThat(f.delay()).isEqualTo(delays.get(i));
      assertThat(f.version()).isEqualTo(version);
      current = f.nextPacket().toBytes();
    }
    ProcessedPacket last = new SphinxProcessor(nodes.get(3).keys()).process(current);
    assertThat(last).isInstanceOf(FinalHop.class);
    FinalHop fin = (FinalHop) last;
    assertThat(fin.message()).isEqualTo(message);
    assertThat(fin.destination()).isEqualTo(SphinxDestination.of(DEST));
  }

  @Test
  void wrongKeyIsAHeaderMacMismatch() {
    List<TestNode> nodes = Routes.nodes(3, 1);
    SphinxPacket packet =
        SphinxPacket.builder()
            .route(Routes.route(nodes))
            .delays(List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO))
            .destination(SphinxDestination.of(DEST))
            .random(FixedRandom.ofByte(3))
            .build(new byte[10]);
    SphinxProcessor other = new SphinxProcessor(Routes.nodes(1, 77).get(0).keys());
    try {
      other.process(packet.toBytes());
      throw new AssertionError("processed with the wrong key");
    } catch (SphinxException e) {
      assertThat(e.reason()).isEqualTo(Reason.HEADER_MAC_MISMATCH);
    }
  }
}
