package net.nym.crypto.primitives;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) with a fixed key.
 *
 * <p>The padded key blocks are prepared once, in the constructor; each MAC then runs on a
 * thread-local JDK SHA-256 digest (hardware-accelerated), which costs far less for short messages
 * than creating or cloning digests. Instances are immutable and thread-safe.
 */
public final class HmacSha256 {
  /** Length of a full MAC in bytes. */
  public static final int MAC_LENGTH = 32;

  private static final int BLOCK = 64;
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(HmacSha256::newSha256);

  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];

  /** Creates a MAC keyed with {@code key} (any length; longer than 64 bytes is hashed first). */
  public HmacSha256(byte[] key) {
    this(key, 0, key.length);
  }

  /** Creates a MAC keyed with {@code key[offset, offset + length)}. */
  public HmacSha256(byte[] key, int offset, int length) {
    if (length > BLOCK) {
      MessageDigest md = SHA256.get();
      md.update(key, offset, length);
      System.arraycopy(md.digest(), 0, innerPad, 0, MAC_LENGTH);
    } else {
      System.arraycopy(key, offset, innerPad, 0, length);
    }
    for (int i = 0; i < BLOCK; i++) {
      outerPad[i] = (byte) (innerPad[i] ^ 0x5c);
      innerPad[i] ^= 0x36;
    }
  }

  /** Returns the 32-byte MAC of {@code data}. */
  public byte[] mac(byte[] data) {
    return mac(data, 0, data.length);
  }

  /** Returns the 32-byte MAC of {@code data[offset, offset + length)}. */
  public byte[] mac(byte[] data, int offset, int length) {
    byte[] out = new byte[MAC_LENGTH];
    MessageDigest md = start();
    md.update(data, offset, length);
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

  /**
   * Starts a MAC computation on this thread's digest, which has absorbed the inner pad. The caller
   * adds the message and calls {@link #finish} before starting another MAC on the same thread.
   */
  MessageDigest start() {
    MessageDigest md = SHA256.get();
    md.update(innerPad);
    return md;
  }

  /** Completes a MAC started with {@link #start()}, writing 32 bytes to {@code out[offset..]}. */
  void finish(MessageDigest started, byte[] out, int offset) {
    try {
      started.digest(out, offset, MAC_LENGTH);
      started.update(outerPad);
      started.update(out, offset, MAC_LENGTH);
      started.digest(out, offset, MAC_LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest failed", e);
    }
  }

  /** This thread's SHA-256 digest (reset). */
  static MessageDigest threadDigest() {
    return SHA256.get();
  }

  /** Copies the 64-byte inner pad block to {@code out[offset..]}. */
  void copyInnerPad(byte[] out, int offset) {
    System.arraycopy(innerPad, 0, out, offset, BLOCK);
  }

  /** Copies the 64-byte outer pad block to {@code out[offset..]}. */
  void copyOuterPad(byte[] out, int offset) {
    System.arraycopy(outerPad, 0, out, offset, BLOCK);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
