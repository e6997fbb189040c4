package net.nym.crypto.sphinx;

import java.util.Arrays;
import net.nym.crypto.keys.X25519PublicKey;

/**
 * A Sphinx header: {@code alpha (32-byte X25519 ephemeral key) || gamma (16-byte truncated
 * HMAC-SHA256) || beta (300 bytes of encrypted routing information)}, 348 bytes. Immutable.
 */
public final class SphinxHeader {
  /** Header length in bytes. */
  public static final int LENGTH = Layout.HEADER_LENGTH;

  private final byte[] bytes;

  private SphinxHeader(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps 348 header bytes (copied).
   *
   * @throws IllegalArgumentException if the length is not 348
   */
  public static SphinxHeader fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "sphinx header: expected " + LENGTH + " bytes, got " + bytes.length);
    }
    return new SphinxHeader(bytes.clone());
  }

  static SphinxHeader wrap(byte[] bytes) {
    return new SphinxHeader(bytes);
  }

  /** The ephemeral public key (alpha). */
  public X25519PublicKey ephemeralKey() {
    return X25519PublicKey.fromBytes(Arrays.copyOfRange(bytes, 0, Layout.ALPHA_LENGTH));
  }

  /** A copy of the 16-byte header MAC (gamma). */
  public byte[] mac() {
    return Arrays.copyOfRange(bytes, Layout.GAMMA, Layout.GAMMA + Layout.GAMMA_LENGTH);
  }

  /** A copy of the 300 bytes of encrypted routing information (beta). */
  public byte[] routingInformation() {
    return Arrays.copyOfRange(bytes, Layout.BETA, LENGTH);
  }

  /** A copy of the 348 header bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  void writeTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, LENGTH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SphinxHeader other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SphinxHeader[alpha=" + ephemeralKey() + "]";
  }
}
