package net.nym.crypto.primitives;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The original ChaCha20 stream cipher (Bernstein 2008): 256-bit key, 64-bit nonce, 64-bit block
 * counter, 20 rounds. With an all-zero nonce and a counter below 2<sup>32</sup> its keystream
 * equals RFC 8439's (whose first nonce word then is zero too); Lioness in Nym's sphinx uses it with
 * a zero nonce. Stateless and thread-safe.
 *
 * <p>Long inputs (Lioness encrypts about 2 KB per Sphinx hop) are processed {@value Lanes#N} blocks
 * at a time in a lane-parallel layout that C2 auto-vectorizes (SuperWord): each of the 16 state
 * words is an {@code int[N]} holding that word of {@code N} consecutive blocks, and each quarter
 * round is one simple counted loop over the lanes. With AVX2/AVX-512 this is about twice as fast as
 * the scalar code, which still handles short inputs and the remaining blocks of long ones. Both
 * paths give the same keystream; {@code ChaCha20Test} compares them.
 */
public final class ChaCha20 {
  /** Key length in bytes. */
  public static final int KEY_LENGTH = 32;

  /** Nonce length in bytes (original variant). */
  public static final int NONCE_LENGTH = 8;

  private static final int BLOCK = 64;
  private static final int SIGMA0 = 0x61707865;
  private static final int SIGMA1 = 0x3320646e;
  private static final int SIGMA2 = 0x79622d32;
  private static final int SIGMA3 = 0x6b206574;

  /**
   * Fewest remaining blocks for which a lane batch (whose cost does not depend on how many of its
   * {@value Lanes#N} blocks are used) is cheaper than the scalar code.
   */
  static final int LANE_MIN_BLOCKS = 18;

  private static final ThreadLocal<Lanes> LANES = ThreadLocal.withInitial(Lanes::new);
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
    if (length >= LANE_MIN_BLOCKS * BLOCK) {
      if (offset < 0 || length > data.length - offset) {
        throw new ArrayIndexOutOfBoundsException("chacha20: data range out of bounds");
      }
      Lanes lanes = LANES.get();
      while (end - pos >= LANE_MIN_BLOCKS * BLOCK) {
        lanes.keystream(k0, k1, k2, k3, k4, k5, k6, k7, n0, n1, ctr);
        pos = lanes.xor(data, pos, end);
        ctr += Lanes.N;
      }
    }
    scalar(k0, k1, k2, k3, k4, k5, k6, k7, n0, n1, ctr, data, pos, end);
  }

  /**
   * The one-block-at-a-time code: XORs {@code data[pos, end)} with the keystream from block {@code
   * ctr} on.
   */
  static void scalar(
      int k0,
      int k1,
      int k2,
      int k3,
      int k4,
      int k5,
      int k6,
      int k7,
      int n0,
      int n1,
      long ctr,
      byte[] data,
      int pos,
      int end) {
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

  /**
   * Scratch state for {@link #N} blocks side by side: {@code sW[l]} is word {@code W} of block
   * {@code l} of the batch. One instance per thread.
   */
  static final class Lanes {
    /** Blocks per batch: 2 KB, one Lioness half of a regular Sphinx payload. */
    static final int N = 32;

    private final int[] s0 = new int[N];
    private final int[] s1 = new int[N];
    private final int[] s2 = new int[N];
    private final int[] s3 = new int[N];
    private final int[] s4 = new int[N];
    private final int[] s5 = new int[N];
    private final int[] s6 = new int[N];
    private final int[] s7 = new int[N];
    private final int[] s8 = new int[N];
    private final int[] s9 = new int[N];
    private final int[] s10 = new int[N];
    private final int[] s11 = new int[N];
    private final int[] s12 = new int[N];
    private final int[] s13 = new int[N];
    private final int[] s14 = new int[N];
    private final int[] s15 = new int[N];

    /** Computes the keystream of blocks {@code ctr .. ctr + N - 1} into the lanes. */
    void keystream(
        int k0, int k1, int k2, int k3, int k4, int k5, int k6, int k7, int n0, int n1, long ctr) {
      final int[] s0 = this.s0;
      final int[] s1 = this.s1;
      final int[] s2 = this.s2;
      final int[] s3 = this.s3;
      final int[] s4 = this.s4;
      final int[] s5 = this.s5;
      final int[] s6 = this.s6;
      final int[] s7 = this.s7;
      final int[] s8 = this.s8;
      final int[] s9 = this.s9;
      final int[] s10 = this.s10;
      final int[] s11 = this.s11;
      final int[] s12 = this.s12;
      final int[] s13 = this.s13;
      final int[] s14 = this.s14;
      final int[] s15 = this.s15;
      fill(s0, SIGMA0);
      fill(s1, SIGMA1);
      fill(s2, SIGMA2);
      fill(s3, SIGMA3);
      fill(s4, k0);
      fill(s5, k1);
      fill(s6, k2);
      fill(s7, k3);
      fill(s8, k4);
      fill(s9, k5);
      fill(s10, k6);
      fill(s11, k7);
      counters(s12, s13, ctr, false);
      fill(s14, n0);
      fill(s15, n1);
      for (int r = 0; r < 10; r++) {
        quarterRound(s0, s4, s8, s12);
        quarterRound(s1, s5, s9, s13);
        quarterRound(s2, s6, s10, s14);
        quarterRound(s3, s7, s11, s15);
        quarterRound(s0, s5, s10, s15);
        quarterRound(s1, s6, s11, s12);
        quarterRound(s2, s7, s8, s13);
        quarterRound(s3, s4, s9, s14);
      }
      add(s0, SIGMA0);
      add(s1, SIGMA1);
      add(s2, SIGMA2);
      add(s3, SIGMA3);
      add(s4, k0);
      add(s5, k1);
      add(s6, k2);
      add(s7, k3);
      add(s8, k4);
      add(s9, k5);
      add(s10, k6);
      add(s11, k7);
      counters(s12, s13, ctr, true);
      add(s14, n0);
      add(s15, n1);
    }

    /**
     * XORs {@code data[pos, min(end, pos + 64 N))} with the batch's keystream and returns where it
     * stopped. The caller has checked that {@code data[pos, end)} is in bounds.
     */
    int xor(byte[] data, int pos, int end) {
      final int[] s0 = this.s0;
      final int[] s1 = this.s1;
      final int[] s2 = this.s2;
      final int[] s3 = this.s3;
      final int[] s4 = this.s4;
      final int[] s5 = this.s5;
      final int[] s6 = this.s6;
      final int[] s7 = this.s7;
      final int[] s8 = this.s8;
      final int[] s9 = this.s9;
      final int[] s10 = this.s10;
      final int[] s11 = this.s11;
      final int[] s12 = this.s12;
      final int[] s13 = this.s13;
      final int[] s14 = this.s14;
      final int[] s15 = this.s15;
      int full = Math.min(N, (end - pos) >>> 6);
      for (int l = 0; l < full; l++, pos += BLOCK) {
        xorPair(data, pos + 0, s0[l], s1[l]);
        xorPair(data, pos + 8, s2[l], s3[l]);
        xorPair(data, pos + 16, s4[l], s5[l]);
        xorPair(data, pos + 24, s6[l], s7[l]);
        xorPair(data, pos + 32, s8[l], s9[l]);
        xorPair(data, pos + 40, s10[l], s11[l]);
        xorPair(data, pos + 48, s12[l], s13[l]);
        xorPair(data, pos + 56, s14[l], s15[l]);
      }
      if (full < N && pos < end) {
        int[][] words = {s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15};
        for (int i = 0; pos < end; i++, pos++) {
          data[pos] ^= (byte) (words[i >>> 2][full] >>> ((i & 3) << 3));
        }
      }
      return pos;
    }

    /**
     * One quarter round on every lane: a simple counted loop over arrays, which SuperWord turns
     * into vector adds, xors and rotates.
     */
    private static void quarterRound(int[] sa, int[] sb, int[] sc, int[] sd) {
      for (int l = 0; l < N; l++) {
        int a = sa[l];
        int b = sb[l];
        int c = sc[l];
        int d = sd[l];
        a += b;
        d = Integer.rotateLeft(d ^ a, 16);
        c += d;
        b = Integer.rotateLeft(b ^ c, 12);
        a += b;
        d = Integer.rotateLeft(d ^ a, 8);
        c += d;
        b = Integer.rotateLeft(b ^ c, 7);
        sa[l] = a;
        sb[l] = b;
        sc[l] = c;
        sd[l] = d;
      }
    }

    private static void fill(int[] s, int value) {
      for (int l = 0; l < N; l++) {
        s[l] = value;
      }
    }

    private static void add(int[] s, int value) {
      for (int l = 0; l < N; l++) {
        s[l] += value;
      }
    }

    /** Sets ({@code add} false) or adds the 64-bit block counters {@code ctr + l} of the lanes. */
    private static void counters(int[] low, int[] high, long ctr, boolean add) {
      int lo = (int) ctr;
      int hi = (int) (ctr >>> 32);
      if (Integer.compareUnsigned(lo, -N) <= 0) {
        // no carry into the high word within the batch: two vectorizable loops
        if (add) {
          for (int l = 0; l < N; l++) {
            low[l] += lo + l;
          }
          add(high, hi);
        } else {
          for (int l = 0; l < N; l++) {
            low[l] = lo + l;
          }
          fill(high, hi);
        }
      } else {
        for (int l = 0; l < N; l++) {
          long c = ctr + l;
          low[l] = (add ? low[l] : 0) + (int) c;
          high[l] = (add ? high[l] : 0) + (int) (c >>> 32);
        }
      }
    }
  }
}
