package net.nym.crypto.packet;

import java.util.Optional;

/**
 * Nym's sphinx packet size classes ({@code nym_sphinx_params::PacketSize}).
 *
 * <p>Every class is a 348-byte Sphinx header plus a payload; the payload carries 17 bytes of
 * overhead (16 zero bytes and the 0x01 marker), so {@code size = plaintextSize + 365}. Nodes infer
 * the class from a packet's length and reject any other length. The Outfox classes (tags 6 and 7)
 * are not Sphinx and are not modelled here.
 */
public enum PacketSize {
  /** Regular packet: 2048 bytes of plaintext, 2413 on the wire. The default. */
  REGULAR(1, "regular", 2048),
  /** Acknowledgement packet: 21 bytes of plaintext (16-byte IV + 5-byte fragment id), 386 total. */
  ACK(2, "ack", 21),
  /** Extended packet: 32 KiB of plaintext. */
  EXTENDED_32(3, "extended32", 32 * 1024),
  /** Extended packet: 8 KiB of plaintext. */
  EXTENDED_8(4, "extended8", 8 * 1024),
  /** Extended packet: 16 KiB of plaintext. */
  EXTENDED_16(5, "extended16", 16 * 1024);

  /** Sphinx header length in bytes. */
  public static final int HEADER_SIZE = 348;

  /** Payload overhead in bytes: 16 zero bytes and the 0x01 marker. */
  public static final int PAYLOAD_OVERHEAD = 17;

  private final int tag;
  private final String label;
  private final int plaintextSize;

  PacketSize(int tag, String label, int plaintextSize) {
    this.tag = tag;
    this.label = label;
    this.plaintextSize = plaintextSize;
  }

  /** The one-byte tag used in node-to-node framing. */
  public int tag() {
    return tag;
  }

  /** The name used in Nym's configuration files ({@code "regular"}, {@code "extended8"}, ...). */
  public String label() {
    return label;
  }

  /** Total packet length on the wire: header plus sphinx payload. */
  public int size() {
    return HEADER_SIZE + payloadSize();
  }

  /** Length of the sphinx payload (what the sphinx builder is given as payload size). */
  public int payloadSize() {
    return plaintextSize + PAYLOAD_OVERHEAD;
  }

  /** Longest message the payload carries. */
  public int plaintextSize() {
    return plaintextSize;
  }

  /** The class with this wire tag, if any. */
  public static Optional<PacketSize> fromTag(int tag) {
    for (PacketSize s : values()) {
      if (s.tag == tag) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The class whose total size is {@code length}, if any. */
  public static Optional<PacketSize> fromSize(int length) {
    for (PacketSize s : values()) {
      if (s.size() == length) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The class with this configuration name, if any. */
  public static Optional<PacketSize> fromLabel(String label) {
    for (PacketSize s : values()) {
      if (s.label.equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The smallest class ({@link #ACK}). */
  public static PacketSize smallest() {
    return ACK;
  }

  /** The largest class ({@link #EXTENDED_32}). */
  public static PacketSize largest() {
    return EXTENDED_32;
  }

  @Override
  public String toString() {
    return label;
  }
}
