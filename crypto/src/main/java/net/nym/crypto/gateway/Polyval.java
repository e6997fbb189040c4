package net.nym.crypto.gateway;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * POLYVAL (RFC 8452 section 3), constant time: the carry-less 64×64 products are built from
 * ordinary integer multiplications with holes in the operands (the technique of BearSSL's {@code
 * ghash_ctmul64}), so no table is indexed by secret data. Field elements are little-endian (low
 * 64 bits first), as POLYVAL defines them; no bit reversal of the blocks is needed.
 *
 * <p>One instance per thread; {@link #init} starts a new hash under a new key.
 */
final class Polyval {
  private static final VarHandle LE64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // H and the values Karatsuba needs from it, computed once per key.
  private long h0;
  private long h1;
  private long h2;
  private long h0r;
  private long h1r;
  private long h2r;
  // The accumulator S.
  private long s0;
  private long s1;
  private final byte[] pad = new byte[16];

  /** Starts a hash under the 16-byte key at {@code key[off..off+16)}. */
  void init(byte[] key, int off) {
    h0 = (long) LE64.get(key, off);
    h1 = (long) LE64.get(key, off + 8);
    h2 = h0 ^ h1;
    h0r = Long.reverse(h0);
    h1r = Long.reverse(h1);
    h2r = h0r ^ h1r;
    s0 = 0;
    s1 = 0;
  }

  /** Absorbs {@code len} bytes, zero-padded to a multiple of 16. */
  void update(byte[] in, int off, int len) {
    int full = off + (len & ~15);
    for (int i = off; i < full; i += 16) {
      block((long) LE64.get(in, i), (long) LE64.get(in, i + 8));
    }
    int rest = len & 15;
    if (rest != 0) {
      java.util.Arrays.fill(pad, (byte) 0);
      System.arraycopy(in, full, pad, 0, rest);
      block((long) LE64.get(pad, 0), (long) LE64.get(pad, 8));
    }
  }

  /** Absorbs one block given as its two little-endian halves. */
  void block(long x0, long x1) {
    mulH(s0 ^ x0, s1 ^ x1);
  }

  /** The low half of S. */
  long low() {
    return s0;
  }

  /** The high half of S. */
  long high() {
    return s1;
  }

  /** S = (y0, y1) · H · x^-128 in POLYVAL's field. */
  private void mulH(long y0, long y1) {
    long y2 = y0 ^ y1;
    long y0r = Long.reverse(y0);
    long y1r = Long.reverse(y1);
    long y2r = y0r ^ y1r;
    // Karatsuba: low halves of the three products directly, high halves through the
    // bit-reversed operands (rev(a) * rev(b) = rev(a * b) >> 1 for the upper 64 bits).
    long z0 = bmul64(y0, h0);
    long z1 = bmul64(y1, h1);
    long z2 = bmul64(y2, h2);
    long z0h = bmul64(y0r, h0r);
    long z1h = bmul64(y1r, h1r);
    long z2h = bmul64(y2r, h2r);
    z2 ^= z0 ^ z1;
    z2h ^= z0h ^ z1h;
    z0h = Long.reverse(z0h) >>> 1;
    z1h = Long.reverse(z1h) >>> 1;
    z2h = Long.reverse(z2h) >>> 1;
    long v0 = z0;
    long v1 = z0h ^ z2;
    long v2 = z1 ^ z2h;
    long v3 = z1h;
    // Montgomery reduction by x^128 + x^127 + x^126 + x^121 + 1.
    v2 ^= v0 ^ (v0 >>> 1) ^ (v0 >>> 2) ^ (v0 >>> 7);
    v1 ^= (v0 << 63) ^ (v0 << 62) ^ (v0 << 57);
    v3 ^= v1 ^ (v1 >>> 1) ^ (v1 >>> 2) ^ (v1 >>> 7);
    v2 ^= (v1 << 63) ^ (v1 << 62) ^ (v1 << 57);
    s0 = v2;
    s1 = v3;
  }

  /** The low 64 bits of the carry-less product of {@code x} and {@code y}, in constant time. */
  private static long bmul64(long x, long y) {
    long x0 = x & 0x1111111111111111L;
    long x1 = x & 0x2222222222222222L;
    long x2 = x & 0x4444444444444444L;
    long x3 = x & 0x8888888888888888L;
    long y0 = y & 0x1111111111111111L;
    long y1 = y & 0x2222222222222222L;
    long y2 = y & 0x4444444444444444L;
    long y3 = y & 0x8888888888888888L;
    long z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
    long z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
    long z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
    long z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
    return (z0 & 0x1111111111111111L) | (z1 & 0x2222222222222222L)
        | (z2 & 0x4444444444444444L) | (z3 & 0x8888888888888888L);
  }
}
