package net.nym.crypto.sphinx;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.primitives.Lioness;

/**
 * A Sphinx packet: the 348-byte {@link SphinxHeader} followed by the Lioness-encrypted payload.
 * Immutable; {@link #toBytes()} copies, {@link #asReadOnlyBuffer()} does not.
 */
public final class SphinxPacket {
  private final byte[] bytes;

  private SphinxPacket(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Starts building a packet. */
  public static SphinxPacketBuilder builder() {
    return new SphinxPacketBuilder();
  }

  /**
   * Wraps packet bytes (copied), checking only that a header and a Lioness-sized payload fit;
   * whether the length is one of Nym's sizes is checked when the packet is processed.
   *
   * @throws SphinxException with {@link SphinxException.Reason#TRUNCATED} if too short
   */
  public static SphinxPacket fromBytes(byte[] bytes) throws SphinxException {
    if (bytes.length < SphinxHeader.LENGTH + Lioness.MIN_BLOCK_LENGTH) {
      throw new SphinxException(
          SphinxException.Reason.TRUNCATED, bytes.length + " bytes cannot hold a sphinx packet");
    }
    return new SphinxPacket(bytes.clone());
  }

  static SphinxPacket wrap(byte[] bytes) {
    return new SphinxPacket(bytes);
  }

  /** The header. */
  public SphinxHeader header() {
    return SphinxHeader.wrap(Arrays.copyOfRange(bytes, 0, SphinxHeader.LENGTH));
  }

  /** A copy of the (still encrypted) payload. */
  public byte[] payload() {
    return Arrays.copyOfRange(bytes, SphinxHeader.LENGTH, bytes.length);
  }

  /** Total length in bytes. */
  public int length() {
    return bytes.length;
  }

  /** Nym's size class of this packet, if its length is one. */
  public Optional<PacketSize> packetSize() {
    return PacketSize.fromSize(bytes.length);
  }

  /** A copy of the packet bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** A read-only view of the packet bytes, without copying. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SphinxPacket other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SphinxPacket[" + bytes.length + " bytes]";
  }
}
