package net.nym.crypto.primitives;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The original ChaCha20 stream cipher (Bernstein 2008): 256-bit key, 64-bit nonce, 64-bit block
 * counter, 20 rounds. With an all-zero nonce and a counter below 2<sup>32</sup> its keystream
 * equals RFC 8439's (whose first nonce word then is zero too); Lioness in Nym's sphinx uses it with
 * a zero nonce. Stateless and thread-safe.
 */
public final class ChaCha20 {
  /** Key length in bytes. */
  public static final int KEY_LENGTH = 32;

  /** Nonce length in bytes (original variant). */
  public static final int NONCE_LENGTH = 8;

  private static final int BLOCK = 64;
  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private ChaCha20() {}

  /**
   * XORs {@code data[offset, offset + length)} in place with the keystream of {@code key[keyOffset,
   * keyOffset + 32)}, {@code nonce} (8 bytes, {@code null} means zero) starting at block {@code
   * counter}.
   */
  public static void xor(
      byte[] key, int keyOffset, byte[] nonce, long counter, byte[] data, int offset, int length) {
    final int k0 = (int) LE_INT.get(key, keyOffset);
    final int k1 = (int) LE_INT.get(key, keyOffset + 4);
    final int k2 = (int) LE_INT.get(key, keyOffset + 8);
    final int k3 = (int) LE_INT.get(key, keyOffset + 12);
    final int k4 = (int) LE_INT.get(key, keyOffset + 16);
    final int k5 = (int) LE_INT.get(key, keyOffset + 20);
    final int k6 = (int) LE_INT.get(key, keyOffset + 24);
    final int k7 = (int) LE_INT.get(key, keyOffset + 28);
    final int n0 = nonce == null ? 0 : (int) LE_INT.get(nonce, 0);
    final int n1 = nonce == null ? 0 : (int) LE_INT.get(nonce, 4);
    long ctr = counter;
    int pos = offset;
    int end = offset + length;
    while (pos < end) {
      int x0 = 0x61707865;
      int x1 = 0x3320646e;
      int x2 = 0x79622d32;
      int x3 = 0x6b206574;
      int x4 = k0;
      int x5 = k1;
      int x6 = k2;
      int x7 = k3;
      int x8 = k4;
      int x9 = k5;
      int x10 = k6;
      int x11 = k7;
      int x12 = (int) ctr;
      int x13 = (int) (ctr >>> 32);
      int x14 = n0;
      int x15 = n1;
      for (int i = 0; i < 10; i++) {
        x0 += x4;
        x12 = Integer.rotateLeft(x12 ^ x0, 16);
        x8 += x12;
        x4 = Integer.rotateLeft(x4 ^ x8, 12);
        x0 += x4;
        x12 = Integer.rotateLeft(x12 ^ x0, 8);
        x8 += x12;
        x4 = Integer.rotateLeft(x4 ^ x8, 7);
        x1 += x5;
        x13 = Integer.rotateLeft(x13 ^ x1, 16);
        x9 += x13;
        x5 = Integer.rotateLeft(x5 ^ x9, 12);
        x1 += x5;
        x13 = Integer.rotateLeft(x13 ^ x1, 8);
        x9 += x13;
        x5 = Integer.rotateLeft(x5 ^ x9, 7);
        x2 += x6;
        x14 = Integer.rotateLeft(x14 ^ x2, 16);
        x10 += x14;
        x6 = Integer.rotateLeft(x6 ^ x10, 12);
        x2 += x6;
        x14 = Integer.rotateLeft(x14 ^ x2, 8);
        x10 += x14;
        x6 = Integer.rotateLeft(x6 ^ x10, 7);
        x3 += x7;
        x15 = Integer.rotateLeft(x15 ^ x3, 16);
        x11 += x15;
        x7 = Integer.rotateLeft(x7 ^ x11, 12);
        x3 += x7;
        x15 = Integer.rotateLeft(x15 ^ x3, 8);
        x11 += x15;
        x7 = Integer.rotateLeft(x7 ^ x11, 7);
        x0 += x5;
        x15 = Integer.rotateLeft(x15 ^ x0, 16);
        x10 += x15;
        x5 = Integer.rotateLeft(x5 ^ x10, 12);
        x0 += x5;
        x15 = Integer.rotateLeft(x15 ^ x0, 8);
        x10 += x15;
        x5 = Integer.rotateLeft(x5 ^ x10, 7);
        x1 += x6;
        x12 = Integer.rotateLeft(x12 ^ x1, 16);
        x11 += x12;
        x6 = Integer.rotateLeft(x6 ^ x11, 12);
        x1 += x6;
        x12 = Integer.rotateLeft(x12 ^ x1, 8);
        x11 += x12;
        x6 = Integer.rotateLeft(x6 ^ x11, 7);
        x2 += x7;
        x13 = Integer.rotateLeft(x13 ^ x2, 16);
        x8 += x13;
        x7 = Integer.rotateLeft(x7 ^ x8, 12);
        x2 += x7;
        x13 = Integer.rotateLeft(x13 ^ x2, 8);
        x8 += x13;
        x7 = Integer.rotateLeft(x7 ^ x8, 7);
        x3 += x4;
        x14 = Integer.rotateLeft(x14 ^ x3, 16);
        x9 += x14;
        x4 = Integer.rotateLeft(x4 ^ x9, 12);
        x3 += x4;
        x14 = Integer.rotateLeft(x14 ^ x3, 8);
        x9 += x14;
        x4 = Integer.rotateLeft(x4 ^ x9, 7);
      }
      x0 += 0x61707865;
      x1 += 0x3320646e;
      x2 += 0x79622d32;
      x3 += 0x6b206574;
      x4 += k0;
      x5 += k1;
      x6 += k2;
      x7 += k3;
      x8 += k4;
      x9 += k5;
      x10 += k6;
      x11 += k7;
      x12 += (int) ctr;
      x13 += (int) (ctr >>> 32);
      x14 += n0;
      x15 += n1;
      if (end - pos >= BLOCK) {
        xorPair(data, pos + 0, x0, x1);
        xorPair(data, pos + 8, x2, x3);
        xorPair(data, pos + 16, x4, x5);
        xorPair(data, pos + 24, x6, x7);
        xorPair(data, pos + 32, x8, x9);
        xorPair(data, pos + 40, x10, x11);
        xorPair(data, pos + 48, x12, x13);
        xorPair(data, pos + 56, x14, x15);
        pos += BLOCK;
      } else {
        int[] words = {x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15};
        for (int i = 0; pos < end; i++, pos++) {
          data[pos] ^= (byte) (words[i >>> 2] >>> ((i & 3) << 3));
        }
      }
      ctr++;
    }
  }

  private static void xorPair(byte[] data, int at, int low, int high) {
    LE_LONG.set(
        data, at, (long) LE_LONG.get(data, at) ^ ((low & 0xffffffffL) | ((long) high << 32)));
  }
}
