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
 * words holds that word of {@code N} consecutive blocks in {@code N} consecutive ints, and quarter
 * rounds are simple counted loops over the lanes. On AVX-512 this is about 2.3 times as fast as the
 * scalar code, which still handles short inputs and the remaining blocks of long ones. Both paths
 * give the same keystream; {@code ChaCha20Test} compares them.
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
   * {@value Lanes#N} blocks are used) is cheaper than the scalar code: measured on AVX-512, a batch
   * costs about as much as 11 to 12 scalar blocks.
   */
  static final int LANE_MIN_BLOCKS = 12;

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
   * Scratch state for {@link #N} blocks side by side, one instance per thread. The 16 state words
   * are four rows of four: {@code a} holds words 0-3, {@code b} 4-7, {@code c} 8-11, {@code d}
   * 12-15, and word {@code 4 r + w} of block {@code l} is at index {@code w N + l} of its row. A
   * column round is then one quarter-round loop over all {@code 4 N} entries of the rows, and a
   * diagonal round four loops of {@code N} over row segments offset by 1, 2 and 3 words.
   */
  static final class Lanes {
    /** Blocks per batch: 2 KB, one Lioness half of a regular Sphinx payload. */
    static final int N = 32;

    private final int[] a = new int[4 * N];
    private final int[] b = new int[4 * N];
    private final int[] c = new int[4 * N];
    private final int[] d = new int[4 * N];

    /** Computes the keystream of blocks {@code ctr .. ctr + N - 1} into the lanes. */
    void keystream(
        int k0, int k1, int k2, int k3, int k4, int k5, int k6, int k7, int n0, int n1, long ctr) {
      final int[] a = this.a;
      final int[] b = this.b;
      final int[] c = this.c;
      final int[] d = this.d;
      fill(a, 0, SIGMA0);
      fill(a, N, SIGMA1);
      fill(a, 2 * N, SIGMA2);
      fill(a, 3 * N, SIGMA3);
      fill(b, 0, k0);
      fill(b, N, k1);
      fill(b, 2 * N, k2);
      fill(b, 3 * N, k3);
      fill(c, 0, k4);
      fill(c, N, k5);
      fill(c, 2 * N, k6);
      fill(c, 3 * N, k7);
      counters(d, ctr, false);
      fill(d, 2 * N, n0);
      fill(d, 3 * N, n1);
      for (int r = 0; r < 10; r++) {
        quarterRound(a, 0, b, 0, c, 0, d, 0, 4 * N);
        quarterRound(a, 0, b, N, c, 2 * N, d, 3 * N, N);
        quarterRound(a, N, b, 2 * N, c, 3 * N, d, 0, N);
        quarterRound(a, 2 * N, b, 3 * N, c, 0, d, N, N);
        quarterRound(a, 3 * N, b, 0, c, N, d, 2 * N, N);
      }
      add(a, 0, SIGMA0);
      add(a, N, SIGMA1);
      add(a, 2 * N, SIGMA2);
      add(a, 3 * N, SIGMA3);
      add(b, 0, k0);
      add(b, N, k1);
      add(b, 2 * N, k2);
      add(b, 3 * N, k3);
      add(c, 0, k4);
      add(c, N, k5);
      add(c, 2 * N, k6);
      add(c, 3 * N, k7);
      counters(d, ctr, true);
      add(d, 2 * N, n0);
      add(d, 3 * N, n1);
    }

    /**
     * XORs {@code data[pos, min(end, pos + 64 N))} with the batch's keystream and returns where it
     * stopped. The caller has checked that {@code data[pos, end)} is in bounds.
     */
    int xor(byte[] data, int pos, int end) {
      final int[] a = this.a;
      final int[] b = this.b;
      final int[] c = this.c;
      final int[] d = this.d;
      int full = Math.min(N, (end - pos) >>> 6);
      for (int l = 0; l < full; l++, pos += BLOCK) {
        xorPair(data, pos + 0, a[l], a[N + l]);
        xorPair(data, pos + 8, a[2 * N + l], a[3 * N + l]);
        xorPair(data, pos + 16, b[l], b[N + l]);
        xorPair(data, pos + 24, b[2 * N + l], b[3 * N + l]);
        xorPair(data, pos + 32, c[l], c[N + l]);
        xorPair(data, pos + 40, c[2 * N + l], c[3 * N + l]);
        xorPair(data, pos + 48, d[l], d[N + l]);
        xorPair(data, pos + 56, d[2 * N + l], d[3 * N + l]);
      }
      if (full < N && pos < end) {
        int[][] rows = {a, b, c, d};
        for (int i = 0; pos < end; i++, pos++) {
          int w = i >>> 2;
          data[pos] ^= (byte) (rows[w >>> 2][(w & 3) * N + full] >>> ((i & 3) << 3));
        }
      }
      return pos;
    }

    /**
     * One quarter round on {@code n} lanes of rows {@code sa, sb, sc, sd} from the given offsets: a
     * simple counted loop, which SuperWord turns into vector adds, xors and rotates.
     */
    private static void quarterRound(
        int[] sa, int oa, int[] sb, int ob, int[] sc, int oc, int[] sd, int od, int n) {
      for (int l = 0; l < n; l++) {
        int a = sa[oa + l];
        int b = sb[ob + l];
        int c = sc[oc + l];
        int d = sd[od + l];
        a += b;
        d = Integer.rotateLeft(d ^ a, 16);
        c += d;
        b = Integer.rotateLeft(b ^ c, 12);
        a += b;
        d = Integer.rotateLeft(d ^ a, 8);
        c += d;
        b = Integer.rotateLeft(b ^ c, 7);
        sa[oa + l] = a;
        sb[ob + l] = b;
        sc[oc + l] = c;
        sd[od + l] = d;
      }
    }

    private static void fill(int[] s, int from, int value) {
      for (int l = 0; l < N; l++) {
        s[from + l] = value;
      }
    }

    private static void add(int[] s, int from, int value) {
      for (int l = 0; l < N; l++) {
        s[from + l] += value;
      }
    }

    /**
     * Sets ({@code add} false) or adds the 64-bit block counters {@code ctr + l} of the lanes: low
     * words at {@code d[l]}, high words at {@code d[N + l]}.
     */
    private static void counters(int[] d, long ctr, boolean add) {
      int lo = (int) ctr;
      int hi = (int) (ctr >>> 32);
      if (Integer.compareUnsigned(lo, -N) <= 0) {
        // no carry into the high word within the batch: vectorizable loops
        if (add) {
          for (int l = 0; l < N; l++) {
            d[l] += lo + l;
          }
          add(d, N, hi);
        } else {
          for (int l = 0; l < N; l++) {
            d[l] = lo + l;
          }
          fill(d, N, hi);
        }
      } else {
        for (int l = 0; l < N; l++) {
          long x = ctr + l;
          d[l] = (add ? d[l] : 0) + (int) x;
          d[N + l] = (add ? d[N + l] : 0) + (int) (x >>> 32);
        }
      }
    }
  }
}
