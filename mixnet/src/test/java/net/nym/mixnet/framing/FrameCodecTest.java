package net.nym.mixnet.framing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameCodecTest {

  private final List<FrameError> rejected = new ArrayList<>();

  private EmbeddedChannel decoder(PacketSize max) {
    return new EmbeddedChannel(new FrameDecoder(max, (ctx, e, d) -> rejected.add(e)));
  }

  private static byte[] packet(PacketSize size, int seed) {
    byte[] p = new byte[size.size()];
    new Random(seed).nextBytes(p);
    return p;
  }

  @Test
  void version7HeaderIsVersionSizeType() {
    Frame f =
        Frame.of(FramingVersion.V7, PacketType.MIX, KeyRotation.EVEN, packet(PacketSize.ACK, 1));
    byte[] wire = FrameEncoder.encode(f);
    assertThat(wire).hasSize(3 + 386);
    assertThat(wire[0]).isEqualTo((byte) 7);
    assertThat(wire[1]).isEqualTo((byte) 2);
    assertThat(wire[2]).isEqualTo((byte) 0);
    assertThat(f.rotation()).isEqualTo(KeyRotation.UNKNOWN);
  }

  @Test
  void version8HeaderCarriesKeyRotation() {
    Frame f =
        Frame.of(FramingVersion.V8, PacketType.MIX, KeyRotation.ODD, packet(PacketSize.REGULAR, 2));
    byte[] wire = FrameEncoder.encode(f);
    assertThat(wire).hasSize(4 + 2413);
    assertThat(new byte[] {wire[0], wire[1], wire[2], wire[3]}).containsExactly(8, 1, 0, 1);
  }

  @ParameterizedTest
  @EnumSource(PacketSize.class)
  void roundTripsEverySizeInBothVersions(PacketSize size) {
    for (FramingVersion v : FramingVersion.values()) {
      Frame f = Frame.of(v, PacketType.MIX, KeyRotation.EVEN, packet(size, size.tag()));
      EmbeddedChannel enc = new EmbeddedChannel(FrameEncoder.INSTANCE);
      enc.writeOutbound(f);
      ByteBuf wire = enc.readOutbound();
      EmbeddedChannel dec = decoder(PacketSize.largest());
      dec.writeInbound(wire);
      assertThat((Frame) dec.readInbound()).isEqualTo(f);
      assertThat(rejected).isEmpty();
    }
  }

  @Test
  void decodesByteByByteAndSeveralFramesInOneRead() {
    Frame a =
        Frame.of(FramingVersion.V7, PacketType.MIX, KeyRotation.UNKNOWN, packet(PacketSize.ACK, 3));
    Frame b =
        Frame.of(
            FramingVersion.V8, PacketType.MIX, KeyRotation.EVEN, packet(PacketSize.REGULAR, 4));
    byte[] wa = FrameEncoder.encode(a);
    byte[] wb = FrameEncoder.encode(b);
    EmbeddedChannel dec = decoder(PacketSize.largest());
    for (byte x : wa) {
      dec.writeInbound(Unpooled.wrappedBuffer(new byte[] {x}));
    }
    assertThat((Frame) dec.readInbound()).isEqualTo(a);
    byte[] both = new byte[wa.length + wb.length];
    System.arraycopy(wa, 0, both, 0, wa.length);
    System.arraycopy(wb, 0, both, wa.length, wb.length);
    dec.writeInbound(Unpooled.wrappedBuffer(both));
    assertThat((Frame) dec.readInbound()).isEqualTo(a);
    assertThat((Frame) dec.readInbound()).isEqualTo(b);
    assertThat(dec.isOpen()).isTrue();
  }

  private void assertRefused(byte[] input, FrameError expected, PacketSize max) {
    EmbeddedChannel dec = decoder(max);
    dec.writeInbound(Unpooled.wrappedBuffer(input));
    Object none = dec.readInbound();
    assertThat(none).isNull();
    assertThat(rejected).containsExactly(expected);
    assertThat(dec.isOpen()).isFalse();
  }

  @Test
  void refusesGarbage() {
    assertRefused(
        "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        FrameError.UNSUPPORTED_VERSION,
        PacketSize.largest());
  }

  @Test
  void refusesVersionBelowSeven() {
    assertRefused(new byte[] {6, 1, 0}, FrameError.INVALID_VERSION, PacketSize.largest());
  }

  @Test
  void refusesVersionAboveEight() {
    assertRefused(new byte[] {9, 1, 0, 0}, FrameError.UNSUPPORTED_VERSION, PacketSize.largest());
  }

  @Test
  void refusesUnknownSizeTag() {
    assertRefused(new byte[] {7, 6, 0}, FrameError.UNKNOWN_SIZE, PacketSize.largest());
    rejected.clear();
    assertRefused(new byte[] {8, 0}, FrameError.UNKNOWN_SIZE, PacketSize.largest());
  }

  @Test
  void refusesUnknownTypeTag() {
    assertRefused(new byte[] {7, 1, 1}, FrameError.UNKNOWN_TYPE, PacketSize.largest());
  }

  @Test
  void refusesInvalidKeyRotation() {
    assertRefused(new byte[] {8, 1, 0, 3}, FrameError.INVALID_KEY_ROTATION, PacketSize.largest());
  }

  @Test
  void refusesOversizedFrameFromItsHeaderAlone() {
    // Extended32 announced where only Regular is allowed: refused before any payload arrives.
    assertRefused(new byte[] {7, 3}, FrameError.FRAME_TOO_LARGE, PacketSize.REGULAR);
  }

  @Test
  void discardsWhateverFollowsARefusal() {
    EmbeddedChannel dec = decoder(PacketSize.largest());
    byte[] good =
        FrameEncoder.encode(
            Frame.of(
                FramingVersion.V7, PacketType.MIX, KeyRotation.UNKNOWN, packet(PacketSize.ACK, 5)));
    byte[] input = new byte[1 + good.length];
    input[0] = 0;
    System.arraycopy(good, 0, input, 1, good.length);
    dec.writeInbound(Unpooled.wrappedBuffer(input));
    Object none = dec.readInbound();
    assertThat(none).isNull();
    assertThat(rejected).containsExactly(FrameError.INVALID_VERSION);
  }

  @Test
  void keyRotationParityFollowsNym() {
    assertThat(KeyRotation.ofRotationId(0)).isEqualTo(KeyRotation.UNKNOWN);
    assertThat(KeyRotation.ofRotationId(0xffffffffL)).isEqualTo(KeyRotation.UNKNOWN);
    assertThat(KeyRotation.ofRotationId(1)).isEqualTo(KeyRotation.ODD);
    assertThat(KeyRotation.ofRotationId(24)).isEqualTo(KeyRotation.EVEN);
  }
}
