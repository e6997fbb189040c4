package net.nym.mixnet.framing;

import java.util.Optional;

/**
 * Which sphinx key the sender used ({@code nym_sphinx_params::key_rotation::SphinxKeyRotation}):
 * the parity of the key-rotation id, or unknown. Version 7 frames carry no byte and mean {@link
 * #UNKNOWN}.
 */
public enum KeyRotation {
  /** No information (version 7 frames, rotation id 0 or {@code u32::MAX}). */
  UNKNOWN(0),
  /** A key of an odd rotation id. */
  ODD(1),
  /** A key of an even rotation id. */
  EVEN(2);

  private final int value;

  KeyRotation(int value) {
    this.value = value;
  }

  /** The byte on the wire. */
  public int value() {
    return value;
  }

  /** The rotation with this byte; anything but 0, 1 or 2 is invalid. */
  public static Optional<KeyRotation> fromValue(int value) {
    for (KeyRotation r : values()) {
      if (r.value == value) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The parity of a rotation id as Nym derives it: 0 and {@code 0xffffffff} are unknown. */
  public static KeyRotation ofRotationId(long rotationId) {
    long id = rotationId & 0xffffffffL;
    if (id == 0 || id == 0xffffffffL) {
      return UNKNOWN;
    }
    return (id & 1) == 0 ? EVEN : ODD;
  }
}
