package net.nym.crypto.keys;

import java.util.Arrays;
import net.nym.crypto.encoding.Base58;

/** An X25519 public key (32 bytes, RFC 7748 u-coordinate): a node's sphinx key or a client's encryption key. */
public final class X25519PublicKey {
  /** Length of the key in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private X25519PublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 32 key bytes. */
  public static X25519PublicKey fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "x25519 public key: expected " + LENGTH + " bytes, got " + bytes.length);
    }
    return new X25519PublicKey(bytes.clone());
  }

  /** Parses the base58 text form. */
  public static X25519PublicKey fromBase58(String text) {
    return new X25519PublicKey(Base58.decodeExact(text, LENGTH, "x25519 public key"));
  }

  /** Returns a copy of the 32 key bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Returns the base58 text form. */
  public String toBase58() {
    return Base58.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof X25519PublicKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toBase58();
  }
}
