package net.nym.mixnet.framing;

import java.util.Optional;

/**
 * The framing version byte ({@code nym_sphinx_params::PacketVersion}).
 *
 * <p>Version 7 has a 3-byte header; version 8 adds the sphinx key-rotation byte. Nym's nodes emit
 * version 7 by default at commit b4046a89 ({@code use_legacy_packet_encoding = true}) and accept
 * both.
 */
public enum FramingVersion {
  /** The initial ("legacy") framing: {@code 7 || size || type}. */
  V7(7, 3),
  /** Framing with the key rotation: {@code 8 || size || type || rotation}. */
  V8(8, 4);

  /** The lowest version byte understood. */
  public static final int MIN = 7;

  /** The highest version byte understood. */
  public static final int MAX = 8;

  private final int value;
  private final int headerLength;

  FramingVersion(int value, int headerLength) {
    this.value = value;
    this.headerLength = headerLength;
  }

  /** The version byte. */
  public int value() {
    return value;
  }

  /** Length of the frame header in bytes. */
  public int headerLength() {
    return headerLength;
  }

  /** The version with this byte, if it is one we understand. */
  public static Optional<FramingVersion> fromValue(int value) {
    for (FramingVersion v : values()) {
      if (v.value == value) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
