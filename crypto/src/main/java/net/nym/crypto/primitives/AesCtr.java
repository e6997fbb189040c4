package net.nym.crypto.primitives;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in CTR mode with a 128-bit big-endian counter block (NIST SP 800-38A), on the JDK's AES
 * (AES-NI). Sphinx uses it with a 16-byte key and an all-zero IV.
 *
 * <p>Each thread keeps its own {@code Cipher}; the methods are thread-safe.
 */
public final class AesCtr {
  /** Length of the initial counter block in bytes. */
  public static final int IV_LENGTH = 16;

  private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[IV_LENGTH]);
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(AesCtr::newCipher);

  private AesCtr() {}

  /**
   * Returns a thread-local cipher initialised with {@code key} (16, 24 or 32 bytes at {@code
   * keyOffset}) and {@code iv}; the caller streams through it with {@code update}/{@code doFinal}
   * before the next call to this method on the same thread.
   */
  public static Cipher init(byte[] key, int keyOffset, int keyLength, byte[] iv) {
    Cipher c = CIPHER.get();
    try {
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, keyOffset, keyLength, "AES"),
          iv == null ? ZERO_IV : new IvParameterSpec(iv));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("AES-CTR: bad key or IV", e);
    }
    return c;
  }

  /**
   * XORs {@code in[inOffset, inOffset + length)} with the keystream for {@code key} and {@code iv}
   * ({@code null} means all zero) and writes the result to {@code out[outOffset..]}; in and out may
   * be the same region.
   */
  public static void xor(
      byte[] key,
      int keyOffset,
      int keyLength,
      byte[] iv,
      byte[] in,
      int inOffset,
      int length,
      byte[] out,
      int outOffset) {
    Cipher c = init(key, keyOffset, keyLength, iv);
    try {
      c.doFinal(in, inOffset, length, out, outOffset);
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("AES-CTR: output buffer too short", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    }
  }

  /** Returns {@code length} keystream bytes for a 16-byte {@code key} and an all-zero IV. */
  public static byte[] keystream(byte[] key, int keyOffset, int length) {
    byte[] out = new byte[length];
    xor(key, keyOffset, 16, null, out, 0, length, out, 0);
    return out;
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/CTR/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES/CTR/NoPadding", e);
    }
  }
}
