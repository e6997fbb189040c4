package net.nym.crypto.primitives;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) with a fixed key.
 *
 * <p>The key's inner and outer pad blocks are hashed once, in the constructor; each MAC then clones
 * those two digest states, so a MAC over a short message costs two or three SHA-256 compressions.
 * Instances are immutable and thread-safe.
 */
public final class HmacSha256 {
  /** Length of a full MAC in bytes. */
  public static final int MAC_LENGTH = 32;

  private static final int BLOCK = 64;
  private static final MessageDigest PROTOTYPE = newSha256();

  private final MessageDigest inner;
  private final MessageDigest outer;

  /** Creates a MAC keyed with {@code key} (any length; longer than 64 bytes is hashed first). */
  public HmacSha256(byte[] key) {
    this(key, 0, key.length);
  }

  /** Creates a MAC keyed with {@code key[offset, offset + length)}. */
  public HmacSha256(byte[] key, int offset, int length) {
    byte[] k = new byte[BLOCK];
    if (length > BLOCK) {
      MessageDigest md = sha256();
      md.update(key, offset, length);
      System.arraycopy(md.digest(), 0, k, 0, MAC_LENGTH);
    } else {
      System.arraycopy(key, offset, k, 0, length);
    }
    byte[] pad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      pad[i] = (byte) (k[i] ^ 0x36);
    }
    inner = sha256();
    inner.update(pad);
    for (int i = 0; i < BLOCK; i++) {
      pad[i] = (byte) (k[i] ^ 0x5c);
    }
    outer = sha256();
    outer.update(pad);
  }

  /** Returns the 32-byte MAC of {@code data}. */
  public byte[] mac(byte[] data) {
    return mac(data, 0, data.length);
  }

  /** Returns the 32-byte MAC of {@code data[offset, offset + length)}. */
  public byte[] mac(byte[] data, int offset, int length) {
    MessageDigest md = start();
    md.update(data, offset, length);
    byte[] out = new byte[MAC_LENGTH];
    finish(md, out, 0);
    return out;
  }

  /**
   * Verifies, in constant time, that the first {@code tagLength} bytes of the MAC of {@code
   * data[offset, offset + length)} equal {@code tag[tagOffset, tagOffset + tagLength)}.
   */
  public boolean verifyTruncated(
      byte[] data, int offset, int length, byte[] tag, int tagOffset, int tagLength) {
    byte[] full = mac(data, offset, length);
    int diff = 0;
    for (int i = 0; i < tagLength; i++) {
      diff |= full[i] ^ tag[tagOffset + i];
    }
    return diff == 0;
  }

  /** Starts a MAC computation: returns a digest that has absorbed the inner pad. */
  MessageDigest start() {
    return copy(inner);
  }

  /** Completes a MAC started with {@link #start()}, writing 32 bytes to {@code out[offset..]}. */
  void finish(MessageDigest started, byte[] out, int offset) {
    try {
      started.digest(out, offset, MAC_LENGTH);
      MessageDigest o = copy(outer);
      o.update(out, offset, MAC_LENGTH);
      o.digest(out, offset, MAC_LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest failed", e);
    }
  }

  private static MessageDigest copy(MessageDigest md) {
    try {
      return (MessageDigest) md.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  /** A fresh SHA-256 digest, cloned from a prototype (much cheaper than a provider lookup). */
  private static MessageDigest sha256() {
    return copy(PROTOTYPE);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
