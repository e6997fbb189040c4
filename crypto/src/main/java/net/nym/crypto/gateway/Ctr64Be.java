package net.nym.crypto.gateway;

import net.nym.crypto.primitives.AesCtr;

/**
 * AES-128 in the {@code ctr::Ctr64BE} mode Nym uses for its own layers: the upper 8 bytes of the
 * 16-byte IV stay fixed and the lower 8 bytes are a big-endian counter that wraps modulo 2^64.
 * Equal to ordinary 128-bit CTR unless the low half overflows inside the message, which this class
 * handles by restarting the keystream at the wrap.
 */
final class Ctr64Be {
  static final int IV_LENGTH = 16;

  private Ctr64Be() {}

  /** {@code data} XORed with the keystream of {@code key} (16 bytes) and {@code iv}. */
  static byte[] apply(byte[] key, byte[] iv, byte[] data) {
    byte[] out = new byte[data.length];
    long low = 0;
    for (int i = 8; i < 16; i++) {
      low = (low << 8) | (iv[i] & 0xff);
    }
    // Blocks until the counter wraps: 2^64 - low (unsigned); never for low == 0.
    long untilWrap = -low;
    long blocks = (data.length + 15L) / 16;
    if (low == 0 || Long.compareUnsigned(blocks, untilWrap) <= 0) {
      AesCtr.xor(key, 0, key.length, iv, data, 0, data.length, out, 0);
      return out;
    }
    int first = (int) (untilWrap * 16);
    AesCtr.xor(key, 0, key.length, iv, data, 0, first, out, 0);
    byte[] wrapped = iv.clone();
    for (int i = 8; i < 16; i++) {
      wrapped[i] = 0;
    }
    AesCtr.xor(key, 0, key.length, wrapped, data, first, data.length - first, out, first);
    return out;
  }
}
