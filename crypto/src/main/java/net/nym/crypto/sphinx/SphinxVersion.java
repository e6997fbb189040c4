package net.nym.crypto.sphinx;

import java.util.Optional;

/**
 * Sphinx header versions ({@code sphinx-packet} 0.6.0 {@code src/version.rs}). The version is
 * written into every hop's routing information as {@code 0x00 || u16 big-endian} and selects how a
 * hop obtains its Lioness payload key; header processing and blinding are the same for all.
 */
public enum SphinxVersion {
  /** {@code INITIAL_LEGACY_VERSION}: explicit 192-byte payload keys. Accepted, not built by Nym. */
  INITIAL_LEGACY(1),
  /** {@code UPDATED_LEGACY_VERSION}: explicit 192-byte payload keys. Accepted, not built by Nym. */
  UPDATED_LEGACY(257),
  /**
   * {@code X25519_WITH_EXPLICIT_PAYLOAD_KEYS_VERSION}: explicit 192-byte payload keys. Nym clients
   * build loop cover traffic with it.
   */
  EXPLICIT_PAYLOAD_KEYS(258),
  /**
   * {@code PAYLOAD_KEYS_SEEDS_VERSION}, the crate's current version: each hop's payload key is
   * HKDF-derived from a 16-byte seed. Nym clients build data, acknowledgements and reply SURBs with
   * it.
   */
  PAYLOAD_KEY_SEEDS(259);

  /** Length of the encoded version field. */
  public static final int ENCODED_LENGTH = 3;

  private final int value;

  SphinxVersion(int value) {
    this.value = value;
  }

  /** The numeric version. */
  public int value() {
    return value;
  }

  /** Whether hops use the 192 expanded-secret bytes directly as payload key (versions ≤ 258). */
  public boolean usesExplicitPayloadKeys() {
    return this != PAYLOAD_KEY_SEEDS;
  }

  /** The version with this number, if it is one we know. */
  public static Optional<SphinxVersion> fromValue(int value) {
    return switch (value) {
      case 1 -> Optional.of(INITIAL_LEGACY);
      case 257 -> Optional.of(UPDATED_LEGACY);
      case 258 -> Optional.of(EXPLICIT_PAYLOAD_KEYS);
      case 259 -> Optional.of(PAYLOAD_KEY_SEEDS);
      default -> Optional.empty();
    };
  }

  void writeTo(byte[] out, int offset) {
    out[offset] = 0;
    out[offset + 1] = (byte) (value >>> 8);
    out[offset + 2] = (byte) value;
  }

  /** Reads the u16 in the last two bytes of the field; the first byte is ignored, as in Rust. */
  static int readValue(byte[] in, int offset) {
    return ((in[offset + 1] & 0xff) << 8) | (in[offset + 2] & 0xff);
  }
}
