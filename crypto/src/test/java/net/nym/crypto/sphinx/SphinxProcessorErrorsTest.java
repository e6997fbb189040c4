package net.nym.crypto.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.primitives.AesCtr;
import net.nym.crypto.primitives.HmacSha256;
import net.nym.crypto.primitives.Lioness;
import net.nym.crypto.sphinx.SphinxException.Reason;
import net.nym.crypto.testing.FixedRandom;
import net.nym.crypto.testing.Routes;
import net.nym.crypto.testing.Routes.TestNode;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gives its own {@link Reason}. */
class SphinxProcessorErrorsTest {
  private final TestNode node = Routes.nodes(1, 5).get(0);
  private final SphinxProcessor processor = new SphinxProcessor(node.keys());

  private Reason reasonFor(byte[] packet) {
    SphinxException e =
        catchThrowableOfType(SphinxException.class, () -> processor.process(packet));
    assertThat(e).as("expected a SphinxException").isNotNull();
    return e.reason();
  }

  @Test
  void lengthsThatAreNoNymPacketSize() {
    assertThat(reasonFor(new byte[0])).isEqualTo(Reason.TRUNCATED);
    assertThat(reasonFor(new byte[385])).isEqualTo(Reason.TRUNCATED);
    assertThat(reasonFor(new byte[33134])).isEqualTo(Reason.OVERSIZED);
    assertThat(reasonFor(new byte[2412])).isEqualTo(Reason.UNKNOWN_PACKET_SIZE);
    assertThat(reasonFor(new byte[2414])).isEqualTo(Reason.UNKNOWN_PACKET_SIZE);
  }

  @Test
  void lowOrderEphemeralKey() {
    assertThat(reasonFor(new byte[PacketSize.REGULAR.size()]))
        .isEqualTo(Reason.INVALID_EPHEMERAL_KEY);
  }

  @Test
  void randomBytesAreAHeaderMacMismatch() {
    byte[] packet = new byte[PacketSize.ACK.size()];
    FixedRandom.ofByte(1).nextBytes(packet);
    assertThat(reasonFor(packet)).isEqualTo(Reason.HEADER_MAC_MISMATCH);
  }

  @Test
  void authenticUnknownVersionIsRejected() {
    byte[] slot = finalSlot();
    slot[2] = 1;
    slot[3] = 4;
    assertThat(reasonFor(craft(slot, 259))).isEqualTo(Reason.UNSUPPORTED_VERSION);
  }

  @Test
  void authenticUnknownFlagIsRejected() {
    byte[] slot = finalSlot();
    slot[0] = 3;
    assertThat(reasonFor(craft(slot, 259))).isEqualTo(Reason.UNKNOWN_ROUTING_FLAG);
  }

  @Test
  void authenticForwardHopWithBadAddressIsRejected() {
    byte[] slot = finalSlot();
    slot[0] = 1;
    slot[4] = 5;
    assertThat(reasonFor(craft(slot, 259))).isEqualTo(Reason.MALFORMED_NEXT_HOP_ADDRESS);
  }

  @Test
  void versionOneIsAcceptedAndUsesTheExplicitKey() throws SphinxException {
    byte[] slot = finalSlot();
    slot[2] = 0;
    slot[3] = 1;
    FinalHop fin = (FinalHop) processor.process(craft(slot, 1));
    assertThat(fin.version()).isEqualTo(SphinxVersion.INITIAL_LEGACY);
    assertThat(fin.message()).isEqualTo(new byte[] {7, 7, 7});
  }

  @Test
  void payloadWithoutZeroPrefixOrMarker() {
    byte[] slot = finalSlot();
    byte[] noPrefix = new byte[PacketSize.ACK.payloadSize()];
    noPrefix[0] = 9;
    noPrefix[20] = 1;
    assertThat(reasonFor(craft(slot, 259, noPrefix))).isEqualTo(Reason.PAYLOAD_CORRUPTED);
    byte[] noMarker = new byte[PacketSize.ACK.payloadSize()];
    assertThat(reasonFor(craft(slot, 259, noMarker))).isEqualTo(Reason.PAYLOAD_MARKER_MISSING);
  }

  @Test
  void replayTagIsStableForTheSamePacketAndDiffersBetweenPackets() throws SphinxException {
    List<TestNode> nodes = Routes.nodes(2, 5);
    SphinxPacketBuilder b =
        SphinxPacket.builder()
            .route(Routes.route(nodes))
            .delays(List.of(Duration.ZERO, Duration.ZERO))
            .destination(SphinxDestination.of(new byte[32]))
            .packetSize(PacketSize.ACK);
    byte[] p1 = b.random(FixedRandom.ofByte(1)).build(new byte[3]).toBytes();
    byte[] p2 = b.random(FixedRandom.ofByte(2)).build(new byte[3]).toBytes();
    SphinxProcessor first = new SphinxProcessor(nodes.get(0).keys());
    PartiallyUnwrappedPacket partial = first.unwrap(p1);
    assertThat(partial.replayTag()).isEqualTo(first.process(p1.clone()).replayTag());
    assertThat(partial.finish()).isEqualTo(first.process(p1));
    assertThat(first.process(p1).replayTag()).isNotEqualTo(first.process(p2).replayTag());
  }

  private static byte[] finalSlot() {
    byte[] slot = new byte[60];
    slot[0] = 2;
    slot[2] = 1;
    slot[3] = 3;
    return slot;
  }

  private byte[] craft(byte[] slot, int payloadKeyVersion) {
    byte[] payload = new byte[PacketSize.ACK.payloadSize()];
    payload[16] = 7;
    payload[17] = 7;
    payload[18] = 7;
    payload[19] = 1;
    return craft(slot, payloadKeyVersion, payload);
  }

  /**
   * A one-hop ack-size packet for {@link #node} whose decrypted routing slot is {@code slot}, with
   * a valid MAC, and whose payload decrypts to {@code plainPayload} under the payload key of {@code
   * payloadKeyVersion}.
   */
  private byte[] craft(byte[] slot, int payloadKeyVersion, byte[] plainPayload) {
    byte[] x = new byte[32];
    FixedRandom.ofByte(3).nextBytes(x);
    byte[] packet = new byte[PacketSize.ACK.size()];
    X25519.scalarMultBase(x, 0, packet, 0);
    byte[] shared = X25519KeyPair.fromPrivateKey(x).agree(node.node().publicKey());
    byte[] e = ExpandedSecret.expand(shared);
    byte[] beta = new byte[300];
    System.arraycopy(slot, 0, beta, 0, slot.length);
    AesCtr.xor(e, 0, 16, null, beta, 0, 300, beta, 0);
    System.arraycopy(beta, 0, packet, 48, 300);
    System.arraycopy(new HmacSha256(e, 16, 16).mac(beta), 0, packet, 32, 16);
    byte[] payload = plainPayload.clone();
    SphinxVersion keyVersion = SphinxVersion.fromValue(payloadKeyVersion).orElseThrow();
    Lioness.of(ExpandedSecret.payloadKey(e, keyVersion)).encrypt(payload, 0, payload.length);
    System.arraycopy(payload, 0, packet, 348, payload.length);
    return packet;
  }
}
