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
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];

  /** Creates a MAC keyed with {@code key} (any length; longer than 64 bytes is hashed first). */
  public HmacSha256(byte[] key) {
    this(key, 0, key.length);
  }

  /** Creates a MAC keyed with {@code key[offset, offset + length)}. */
  public HmacSha256(byte[] key, int offset, int length) {
    if (length > BLOCK) {
      MessageDigest md = SCRATCH.get().md;
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
    macInto(data, offset, length, out, 0);
    return out;
  }

  /** Writes the 32-byte MAC of {@code data[offset, offset + length)} to {@code out[outOffset..]}. */
  void macInto(byte[] data, int offset, int length, byte[] out, int outOffset) {
    Scratch s = SCRATCH.get();
    System.arraycopy(outerPad, 0, s.outer, 0, BLOCK);
    s.mac(innerPad, data, offset, length, out, outOffset);
  }

  /**
   * Verifies, in constant time, that the first {@code tagLength} bytes of the MAC of {@code
   * data[offset, offset + length)} equal {@code tag[tagOffset, tagOffset + tagLength)}.
   */
  public boolean verifyTruncated(
      byte[] data, int offset, int length, byte[] tag, int tagOffset, int tagLength) {
    return constantTimeEquals(mac(data, offset, length), tag, tagOffset, tagLength);
  }

  /**
   * Writes the 32-byte MAC of {@code data[offset, offset + length)} under the key {@code
   * key[keyOffset, keyOffset + keyLength)} (at most 64 bytes) to {@code out[outOffset..]}: the
   * one-shot form of {@code new HmacSha256(key).mac(data)}, without allocating.
   */
  public static void macInto(
      byte[] key,
      int keyOffset,
      int keyLength,
      byte[] data,
      int offset,
      int length,
      byte[] out,
      int outOffset) {
    Scratch s = SCRATCH.get();
    s.pads(key, keyOffset, keyLength);
    s.mac(s.inner, data, offset, length, out, outOffset);
  }

  /**
   * One-shot {@link #verifyTruncated}: the MAC under {@code key[keyOffset, keyOffset +
   * keyLength)} (at most 64 bytes), compared in constant time.
   */
  public static boolean verifyTruncated(
      byte[] key,
      int keyOffset,
      int keyLength,
      byte[] data,
      int offset,
      int length,
      byte[] tag,
      int tagOffset,
      int tagLength) {
    Scratch s = SCRATCH.get();
    s.pads(key, keyOffset, keyLength);
    s.mac(s.inner, data, offset, length, s.full, 0);
    return constantTimeEquals(s.full, tag, tagOffset, tagLength);
  }

  private static boolean constantTimeEquals(byte[] full, byte[] tag, int tagOffset, int tagLength) {
    int diff = 0;
    for (int i = 0; i < tagLength; i++) {
      diff |= full[i] ^ tag[tagOffset + i];
    }
    return diff == 0;
  }

  /** Copies the 64-byte inner pad block to {@code out[offset..]}. */
  void copyInnerPad(byte[] out, int offset) {
    System.arraycopy(innerPad, 0, out, offset, BLOCK);
  }

  /** Copies the 64-byte outer pad block to {@code out[offset..]}. */
  void copyOuterPad(byte[] out, int offset) {
    System.arraycopy(outerPad, 0, out, offset, BLOCK);
  }

  /** This thread's SHA-256 digest and buffers. */
  static Scratch scratch() {
    return SCRATCH.get();
  }

  /**
   * A thread's SHA-256 digest (hardware-accelerated; cloning or creating digests costs far more
   * than a short MAC) and buffers laid out so that every hash is one update and one digest call.
   */
  static final class Scratch {
    final MessageDigest md = newSha256();

    /** The inner pad of a one-shot key, then room for HKDF's {@code T(i-1) || info || i}. */
    final byte[] inner = new byte[BLOCK + MAC_LENGTH + 256];

    /** Outer pad block followed by the inner hash. */
    final byte[] outer = new byte[BLOCK + MAC_LENGTH];

    /** A full MAC. */
    final byte[] full = new byte[MAC_LENGTH];

    /** Writes the pads of a key of at most 64 bytes to {@code inner[0, 64)} and {@code outer}. */
    void pads(byte[] key, int keyOffset, int keyLength) {
      if (keyLength > BLOCK) {
        throw new IllegalArgumentException("HMAC-SHA256: one-shot keys are at most 64 bytes");
      }
      for (int i = 0; i < keyLength; i++) {
        byte b = key[keyOffset + i];
        inner[i] = (byte) (b ^ 0x36);
        outer[i] = (byte) (b ^ 0x5c);
      }
      for (int i = keyLength; i < BLOCK; i++) {
        inner[i] = 0x36;
        outer[i] = 0x5c;
      }
    }

    /** MAC with inner pad {@code innerPad[0, 64)} and the outer pad already in {@code outer}. */
    void mac(byte[] innerPad, byte[] data, int offset, int length, byte[] out, int outOffset) {
      try {
        md.update(innerPad, 0, BLOCK);
        md.update(data, offset, length);
        md.digest(outer, BLOCK, MAC_LENGTH);
        md.update(outer, 0, outer.length);
        md.digest(out, outOffset, MAC_LENGTH);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 digest failed", e);
      }
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
