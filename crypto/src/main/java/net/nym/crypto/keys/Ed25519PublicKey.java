package net.nym.crypto.keys;

import java.util.Arrays;
import net.nym.crypto.encoding.Base58;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 public key (32 bytes, RFC 8032): a node's or client's identity. */
public final class Ed25519PublicKey {
  /** Length of the encoded key in bytes. */
  public static final int LENGTH = Ed25519.PUBLIC_KEY_SIZE;

  private final byte[] bytes;

  private Ed25519PublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps the 32 bytes of an encoded public key.
   *
   * <p>The bytes must decode to a curve point, as ed25519-dalek's {@code
   * VerifyingKey::from_bytes} (what Nym uses) requires; like it, this does not refuse points of
   * small order here, so every key Nym accepts is accepted. Signature verification rejects what
   * RFC 8032 rejects.
   *
   * @throws IllegalArgumentException if the length is wrong or the bytes are not a curve point
   */
  public static Ed25519PublicKey fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "ed25519 public key: expected " + LENGTH + " bytes, got " + bytes.length);
    }
    if (!Ed25519.validatePublicKeyPartial(bytes, 0)) {
      throw new IllegalArgumentException("ed25519 public key: not a valid curve point");
    }
    return new Ed25519PublicKey(bytes.clone());
  }

  /** Parses the base58 text form. */
  public static Ed25519PublicKey fromBase58(String text) {
    return fromBytes(Base58.decodeExact(text, LENGTH, "ed25519 public key"));
  }

  /** Returns a copy of the 32 key bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Returns the base58 text form, as Nym prints identity keys. */
  public String toBase58() {
    return Base58.encode(bytes);
  }

  /** Verifies an RFC 8032 (pure Ed25519) signature over {@code message}. */
  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    return Ed25519.verify(signature, 0, bytes, 0, message, 0, message.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(bytes, other.bytes);
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
