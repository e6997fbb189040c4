package net.nym.crypto.primitives;

/**
 * The Lioness wide-block cipher (Anderson and Biham) with ChaCha20 as the stream cipher and keyed
 * BLAKE2b-256 as the hash, byte-for-byte as the {@code lioness} 0.1.2 Rust crate ({@code
 * Lioness<VarBlake2b, ChaCha>}) that Nym's sphinx uses for payloads.
 *
 * <p>The 192-byte key is {@code k1 (32) || k2 (64) || k3 (32) || k4 (64)}; a block is split into
 * {@code L} (first 32 bytes) and {@code R} (the rest). Encryption: {@code R ^= ChaCha20(L ^ k1)},
 * {@code L ^= BLAKE2b(k2; R)}, {@code R ^= ChaCha20(L ^ k3)}, {@code L ^= BLAKE2b(k4; R)};
 * decryption runs the four steps in reverse order. ChaCha20 is the original variant with a zero
 * 8-byte nonce.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Lioness {
  /** Key length in bytes. */
  public static final int KEY_LENGTH = 2 * ChaCha20.KEY_LENGTH + 2 * Blake2b.MAX_LENGTH;

  /** Smallest block the cipher accepts (the left half plus at least one byte). */
  public static final int MIN_BLOCK_LENGTH = 33;

  private static final int HALF = 32;
  private static final int K1 = 0;
  private static final int K2 = K1 + ChaCha20.KEY_LENGTH;
  private static final int K3 = K2 + Blake2b.MAX_LENGTH;
  private static final int K4 = K3 + ChaCha20.KEY_LENGTH;

  /** A thread's 32-byte buffer for a stream key or a digest. */
  private static final ThreadLocal<byte[]> TMP = ThreadLocal.withInitial(() -> new byte[HALF]);

  private final byte[] key;

  private Lioness(byte[] key) {
    this.key = key;
  }

  /** Creates a cipher from a 192-byte key. */
  public static Lioness of(byte[] key) {
    return of(key, 0);
  }

  /** Creates a cipher from the 192 bytes at {@code key[offset..]}. */
  public static Lioness of(byte[] key, int offset) {
    if (key.length - offset < KEY_LENGTH) {
      throw new IllegalArgumentException("lioness: key needs " + KEY_LENGTH + " bytes");
    }
    byte[] k = new byte[KEY_LENGTH];
    System.arraycopy(key, offset, k, 0, KEY_LENGTH);
    return new Lioness(k);
  }

  /** Encrypts {@code block[offset, offset + length)} in place. */
  public void encrypt(byte[] block, int offset, int length) {
    encrypt(key, 0, block, offset, length);
  }

  /** Decrypts {@code block[offset, offset + length)} in place. */
  public void decrypt(byte[] block, int offset, int length) {
    decrypt(key, 0, block, offset, length);
  }

  /**
   * Encrypts {@code block[offset, offset + length)} in place with the 192-byte key at {@code
   * key[keyOffset..]}, without copying the key.
   */
  public static void encrypt(byte[] key, int keyOffset, byte[] block, int offset, int length) {
    check(key, keyOffset, length);
    byte[] tmp = TMP.get();
    stream(key, keyOffset + K1, block, offset, block, offset, length, tmp);
    hash(key, keyOffset + K2, block, offset, length, tmp);
    stream(key, keyOffset + K3, block, offset, block, offset, length, tmp);
    hash(key, keyOffset + K4, block, offset, length, tmp);
  }

  /**
   * Decrypts {@code block[offset, offset + length)} in place with the 192-byte key at {@code
   * key[keyOffset..]}, without copying the key.
   */
  public static void decrypt(byte[] key, int keyOffset, byte[] block, int offset, int length) {
    decrypt(key, keyOffset, block, offset, block, offset, length);
  }

  /**
   * Decrypts {@code in[inOffset, inOffset + length)} into {@code out[outOffset..]} with the
   * 192-byte key at {@code key[keyOffset..]}; {@code in} is not modified unless it is the same
   * range as {@code out} (the two must not overlap otherwise). This saves the caller a copy: the
   * first two steps read the input and write the output.
   */
  public static void decrypt(
      byte[] key, int keyOffset, byte[] in, int inOffset, byte[] out, int outOffset, int length) {
    check(key, keyOffset, length);
    byte[] tmp = TMP.get();
    // L = L_in ^ BLAKE2b(k4; R_in), written to the output
    Blake2b.digest(
        key, keyOffset + K4, Blake2b.MAX_LENGTH, in, inOffset + HALF, length - HALF, tmp, 0, HALF);
    for (int i = 0; i < HALF; i++) {
      out[outOffset + i] = (byte) (in[inOffset + i] ^ tmp[i]);
    }
    stream(key, keyOffset + K3, in, inOffset, out, outOffset, length, tmp);
    hash(key, keyOffset + K2, out, outOffset, length, tmp);
    stream(key, keyOffset + K1, out, outOffset, out, outOffset, length, tmp);
  }

  private static void check(byte[] key, int keyOffset, int length) {
    if (key.length - keyOffset < KEY_LENGTH) {
      throw new IllegalArgumentException("lioness: key needs " + KEY_LENGTH + " bytes");
    }
    if (length < MIN_BLOCK_LENGTH) {
      throw new IllegalArgumentException(
          "lioness: block of " + length + " bytes, need at least " + MIN_BLOCK_LENGTH);
    }
  }

  /**
   * R_out = R_in ^ ChaCha20(L ^ k), with L already in the output block ({@code out[outOffset,
   * outOffset + 32)}).
   */
  private static void stream(
      byte[] key,
      int k,
      byte[] in,
      int inOffset,
      byte[] out,
      int outOffset,
      int length,
      byte[] tmp) {
    for (int i = 0; i < HALF; i++) {
      tmp[i] = (byte) (out[outOffset + i] ^ key[k + i]);
    }
    ChaCha20.xor(tmp, 0, null, 0, in, inOffset + HALF, out, outOffset + HALF, length - HALF);
  }

  /** L ^= BLAKE2b-256(key = k; R). */
  private static void hash(byte[] key, int k, byte[] block, int offset, int length, byte[] tmp) {
    Blake2b.digest(key, k, Blake2b.MAX_LENGTH, block, offset + HALF, length - HALF, tmp, 0, HALF);
    for (int i = 0; i < HALF; i++) {
      block[offset + i] ^= tmp[i];
    }
  }
}
