package net.nym.mixnet.framing;

import java.util.Arrays;
import java.util.Objects;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;

/**
 * One framed packet: the framing header fields and the packet bytes (whose length is {@code
 * size.size()}). The packet array is owned by the frame; callers must not modify it.
 *
 * @param version the framing version
 * @param size the packet size class (implies the packet length)
 * @param type the packet format
 * @param rotation the sphinx key rotation ({@link KeyRotation#UNKNOWN} for version 7)
 * @param packet the packet bytes
 */
public record Frame(
    FramingVersion version, PacketSize size, PacketType type, KeyRotation rotation, byte[] packet) {

  /** Checks that the packet length matches the size class and the fields are consistent. */
  public Frame {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rotation, "rotation");
    Objects.requireNonNull(packet, "packet");
    if (packet.length != size.size()) {
      throw new IllegalArgumentException(
          "frame: a " + size + " packet is " + size.size() + " bytes, got " + packet.length);
    }
    if (version == FramingVersion.V7 && rotation != KeyRotation.UNKNOWN) {
      throw new IllegalArgumentException("frame: version 7 cannot carry a key rotation");
    }
  }

  /**
   * A frame for {@code packet}, whose size class is inferred from its length.
   *
   * @throws IllegalArgumentException if the length is not a Nym packet size
   */
  public static Frame of(
      FramingVersion version, PacketType type, KeyRotation rotation, byte[] packet) {
    PacketSize size =
        PacketSize.fromSize(packet.length)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "frame: " + packet.length + " bytes is no Nym packet size"));
    return new Frame(
        version, size, type, version == FramingVersion.V7 ? KeyRotation.UNKNOWN : rotation, packet);
  }

  /** Length of this frame on the wire: header plus packet. */
  public int encodedLength() {
    return version.headerLength() + packet.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f
        && version == f.version
        && size == f.size
        && type == f.type
        && rotation == f.rotation
        && Arrays.equals(packet, f.packet);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, size, type, rotation, Arrays.hashCode(packet));
  }

  @Override
  public String toString() {
    return "Frame[v" + version.value() + ", " + size + ", " + type + ", " + rotation + "]";
  }
}
