package net.nym.mixnet.forwarding;

import java.util.Objects;
import net.nym.crypto.address.AddressFormatException;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.mixnet.framing.KeyRotation;

/**
 * A packet a client asks its gateway to forward.
 *
 * <ul>
 *   <li>v1: {@code packet_type (1) || next_hop (7 | 19, unpadded) || packet};
 *   <li>v2: {@code packet_type (1) || key_rotation (1) || next_hop (7 | 19) || packet}.
 * </ul>
 *
 * The packet length must be a Nym packet size. v1 parses with {@link KeyRotation#UNKNOWN}.
 *
 * @param type the packet format
 * @param rotation the sphinx key rotation the packet was built for
 * @param nextHop the first mix layer node
 * @param size the packet's size class
 * @param packet the packet bytes (owned by this record)
 */
public record MixPacket(
    PacketType type, KeyRotation rotation, NodeAddress nextHop, PacketSize size, byte[] packet) {

  /** Checks the fields. */
  public MixPacket {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rotation, "rotation");
    Objects.requireNonNull(nextHop, "nextHop");
    Objects.requireNonNull(size, "size");
    if (packet.length != size.size()) {
      throw new IllegalArgumentException("mix packet: size class and length disagree");
    }
  }

  /** A mix packet whose size class is inferred from the packet length. */
  public static MixPacket of(
      PacketType type, KeyRotation rotation, NodeAddress nextHop, byte[] packet) {
    PacketSize size = PacketSize.fromSize(packet.length).orElseThrow(
        () -> new IllegalArgumentException(packet.length + " bytes is no Nym packet size"));
    return new MixPacket(type, rotation, nextHop, size, packet);
  }

  /** The v1 encoding (no key rotation). */
  public byte[] toV1Bytes() {
    byte[] addr = nextHop.toBytes();
    byte[] out = new byte[1 + addr.length + packet.length];
    out[0] = (byte) type.tag();
    System.arraycopy(addr, 0, out, 1, addr.length);
    System.arraycopy(packet, 0, out, 1 + addr.length, packet.length);
    return out;
  }

  /** The v2 encoding (with the key rotation byte). */
  public byte[] toV2Bytes() {
    byte[] addr = nextHop.toBytes();
    byte[] out = new byte[2 + addr.length + packet.length];
    out[0] = (byte) type.tag();
    out[1] = (byte) rotation.value();
    System.arraycopy(addr, 0, out, 2, addr.length);
    System.arraycopy(packet, 0, out, 2 + addr.length, packet.length);
    return out;
  }

  /** Parses a v1 mix packet. */
  public static MixPacket parseV1(byte[] b) throws MixPacketException {
    return parse(b, 0, b.length, false);
  }

  /** Parses a v2 mix packet. */
  public static MixPacket parseV2(byte[] b) throws MixPacketException {
    return parse(b, 0, b.length, true);
  }

  /**
   * Parses the v1 ({@code v2 == false}) or v2 mix packet in {@code b[off..off+len)}; only the
   * packet bytes are copied.
   */
  public static MixPacket parse(byte[] b, int off, int len, boolean v2)
      throws MixPacketException {
    int head = v2 ? 2 : 1;
    if (len < head + 7) {
      throw new MixPacketException("mix packet too short (" + len + " bytes)");
    }
    PacketType type = PacketType.fromTag(b[off] & 0xff).orElseThrow(
        () -> new MixPacketException("unknown packet type " + (b[off] & 0xff)));
    KeyRotation rotation = KeyRotation.UNKNOWN;
    if (v2) {
      rotation = KeyRotation.fromValue(b[off + 1] & 0xff).orElseThrow(
          () -> new MixPacketException("unknown key rotation " + (b[off + 1] & 0xff)));
    }
    NodeAddress addr;
    try {
      addr = NodeAddress.fromBytes(b, off + head, len - head);
    } catch (AddressFormatException e) {
      throw new MixPacketException("malformed next hop address: " + e.getMessage());
    }
    int addrLen = addr.toBytes().length;
    int packetLen = len - head - addrLen;
    PacketSize size = PacketSize.fromSize(packetLen).orElseThrow(
        () -> new MixPacketException("received request had invalid size. (actual: " + packetLen
            + ", but expected one of: " + PacketSize.ACK.size() + " (ACK), "
            + PacketSize.REGULAR.size() + " (REGULAR), " + PacketSize.EXTENDED_8.size() + ", "
            + PacketSize.EXTENDED_16.size() + ", " + PacketSize.EXTENDED_32.size()
            + " (EXTENDED))"));
    byte[] packet = new byte[packetLen];
    System.arraycopy(b, off + head + addrLen, packet, 0, packetLen);
    return new MixPacket(type, rotation, addr, size, packet);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MixPacket m && type == m.type && rotation == m.rotation
        && nextHop.equals(m.nextHop) && java.util.Arrays.equals(packet, m.packet);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, rotation, nextHop, java.util.Arrays.hashCode(packet));
  }

  @Override
  public String toString() {
    return "MixPacket[" + type + ", " + rotation + ", to " + nextHop + ", " + size + "]";
  }
}
