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
 * rounds are simple counted loops over the lanes. On AVX-512 this is more than twice as fast as the
 * scalar code, which still handles short inputs and the remaining blocks of long ones. Both paths
 * give the same keystream; {@code ChaCha20Test} compares them. The input may be XORed into a
 * separate output, which saves Sphinx a copy of the payload.
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
    xor(key, keyOffset, nonce, counter, data, offset, data, offset, length);
  }

  /**
   * Writes {@code in[inOffset, inOffset + length)} XOR the keystream of {@code key[keyOffset,
   * keyOffset + 32)}, {@code nonce} (8 bytes, {@code null} means zero) from block {@code counter}
   * to {@code out[outOffset..]}. The two ranges may be the same but must not overlap otherwise.
   */
  public static void xor(
      byte[] key,
      int keyOffset,
      byte[] nonce,
      long counter,
      byte[] in,
      int inOffset,
      byte[] out,
      int outOffset,
      int length) {
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
    if (inOffset < 0
        || outOffset < 0
        || length < 0
        || length > in.length - inOffset
        || length > out.length - outOffset) {
      throw new ArrayIndexOutOfBoundsException("chacha20: data range out of bounds");
    }
    long ctr = counter;
    int done = 0;
    if (length >= LANE_MIN_BLOCKS * BLOCK) {
      Lanes lanes = LANES.get();
      while (length - done >= LANE_MIN_BLOCKS * BLOCK) {
        lanes.keystream(k0, k1, k2, k3, k4, k5, k6, k7, n0, n1, ctr);
        done += lanes.xor(in, inOffset + done, out, outOffset + done, length - done);
        ctr += Lanes.N;
      }
    }
    scalar(
        k0, k1, k2, k3, k4, k5, k6, k7, n0, n1, ctr, in, inOffset + done, out, outOffset + done,
        length - done);
  }

  /**
   * The one-block-at-a-time code: writes {@code in[inPos, inPos + length)} XOR the keystream from
   * block {@code ctr} on to {@code out[outPos..]}.
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
      byte[] in,
      int inPos,
      byte[] out,
      int outPos,
      int length) {
    for (int done = 0; done < length; done += BLOCK) {
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
      int i = inPos + done;
      int o = outPos + done;
      if (length - done >= BLOCK) {
        xorPair(in, i, out, o, x0, x1);
        xorPair(in, i + 8, out, o + 8, x2, x3);
        xorPair(in, i + 16, out, o + 16, x4, x5);
        xorPair(in, i + 24, out, o + 24, x6, x7);
        xorPair(in, i + 32, out, o + 32, x8, x9);
        xorPair(in, i + 40, out, o + 40, x10, x11);
        xorPair(in, i + 48, out, o + 48, x12, x13);
        xorPair(in, i + 56, out, o + 56, x14, x15);
      } else {
        int[] words = {x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15};
        for (int b = 0; b < length - done; b++) {
          out[o + b] = (byte) (in[i + b] ^ (words[b >>> 2] >>> ((b & 3) << 3)));
        }
      }
      ctr++;
    }
  }

  /** {@code out[o, o + 8) = in[i, i + 8) ^ (low | high << 32)}, little-endian. */
  private static void xorPair(byte[] in, int i, byte[] out, int o, int low, int high) {
    LE_LONG.set(out, o, (long) LE_LONG.get(in, i) ^ ((low & 0xffffffffL) | ((long) high << 32)));
  }

  /**
   * Scratch state for {@link #N} blocks side by side, one instance per thread: word {@code w} of
   * block {@code l} is at index {@code w N + l} of one array. A column round is then one
   * quarter-round loop over the {@code 4 N} entries of words 0-3, 4-7, 8-11 and 12-15 at once, and
   * a diagonal round four loops of {@code N}. Every array index is the loop variable plus a
   * constant, so C2 proves the four rows of a loop disjoint and packs its iterations into vectors;
   * with the rows in four arrays, or offsets that are not constants at compile time, it cannot.
   */
  static final class Lanes {
    /** Blocks per batch: 2 KB, one Lioness half of a regular Sphinx payload. */
    static final int N = 32;

    private final int[] s = new int[16 * N];

    /** Computes the keystream of blocks {@code ctr .. ctr + N - 1} into the lanes. */
    void keystream(
        int k0, int k1, int k2, int k3, int k4, int k5, int k6, int k7, int n0, int n1, long ctr) {
      final int[] s = this.s;
      int lo = (int) ctr;
      int hi = (int) (ctr >>> 32);
      // One loop sets (and, after the rounds, adds) all 16 words: one loop's overhead instead of
      // sixteen. Block l's counter is (lo + l, hi) unless the low word wraps within the batch.
      boolean carry = Integer.compareUnsigned(lo, -N) > 0;
      for (int l = 0; l < N; l++) {
        s[l] = SIGMA0;
        s[N + l] = SIGMA1;
        s[2 * N + l] = SIGMA2;
        s[3 * N + l] = SIGMA3;
        s[4 * N + l] = k0;
        s[5 * N + l] = k1;
        s[6 * N + l] = k2;
        s[7 * N + l] = k3;
        s[8 * N + l] = k4;
        s[9 * N + l] = k5;
        s[10 * N + l] = k6;
        s[11 * N + l] = k7;
        s[12 * N + l] = lo + l;
        s[13 * N + l] = hi;
        s[14 * N + l] = n0;
        s[15 * N + l] = n1;
      }
      if (carry) {
        carryCounters(s, ctr);
      }
      for (int r = 0; r < 10; r++) {
        columnRound(s);
        diagonalQuarterRound(s, 0, 5 * N, 10 * N, 15 * N);
        diagonalQuarterRound(s, N, 6 * N, 11 * N, 12 * N);
        diagonalQuarterRound(s, 2 * N, 7 * N, 8 * N, 13 * N);
        diagonalQuarterRound(s, 3 * N, 4 * N, 9 * N, 14 * N);
      }
      for (int l = 0; l < N; l++) {
        s[l] += SIGMA0;
        s[N + l] += SIGMA1;
        s[2 * N + l] += SIGMA2;
        s[3 * N + l] += SIGMA3;
        s[4 * N + l] += k0;
        s[5 * N + l] += k1;
        s[6 * N + l] += k2;
        s[7 * N + l] += k3;
        s[8 * N + l] += k4;
        s[9 * N + l] += k5;
        s[10 * N + l] += k6;
        s[11 * N + l] += k7;
        s[12 * N + l] += lo + l;
        s[13 * N + l] += hi;
        s[14 * N + l] += n0;
        s[15 * N + l] += n1;
      }
      if (carry) {
        carryCounters(s, ctr);
      }
    }

    /**
     * Writes {@code in[inPos, inPos + min(length, 64 N))} XOR the batch's keystream to {@code
     * out[outPos..]} and returns the number of bytes done. The caller has checked the bounds.
     */
    int xor(byte[] in, int inPos, byte[] out, int outPos, int length) {
      final int[] s = this.s;
      int full = Math.min(N, length >>> 6);
      for (int l = 0; l < full; l++) {
        int i = inPos + l * BLOCK;
        int o = outPos + l * BLOCK;
        xorPair(in, i, out, o, s[l], s[N + l]);
        xorPair(in, i + 8, out, o + 8, s[2 * N + l], s[3 * N + l]);
        xorPair(in, i + 16, out, o + 16, s[4 * N + l], s[5 * N + l]);
        xorPair(in, i + 24, out, o + 24, s[6 * N + l], s[7 * N + l]);
        xorPair(in, i + 32, out, o + 32, s[8 * N + l], s[9 * N + l]);
        xorPair(in, i + 40, out, o + 40, s[10 * N + l], s[11 * N + l]);
        xorPair(in, i + 48, out, o + 48, s[12 * N + l], s[13 * N + l]);
        xorPair(in, i + 56, out, o + 56, s[14 * N + l], s[15 * N + l]);
      }
      int done = full * BLOCK;
      if (full < N) {
        for (int b = 0; done < length; b++, done++) {
          int word = s[(b >>> 2) * N + full];
          out[outPos + done] = (byte) (in[inPos + done] ^ (word >>> ((b & 3) << 3)));
        }
      }
      return done;
    }

    /**
     * The column round: one quarter round on words (0, 4, 8, 12), (1, 5, 9, 13), (2, 6, 10, 14)
     * and (3, 7, 11, 15) of every block, as one loop of {@code 4 N} lanes. Kept apart from {@link
     * #diagonalQuarterRound}: sharing one method (and so one loop profile) with the loops of
     * {@code N} lanes, C2 vectorizes this loop only 4 ints wide instead of 8.
     */
    private static void columnRound(int[] s) {
      for (int l = 0; l < 4 * N; l++) {
        int a = s[l];
        int b = s[4 * N + l];
        int c = s[8 * N + l];
        int d = s[12 * N + l];
        a += b;
        d = Integer.rotateLeft(d ^ a, 16);
        c += d;
        b = Integer.rotateLeft(b ^ c, 12);
        a += b;
        d = Integer.rotateLeft(d ^ a, 8);
        c += d;
        b = Integer.rotateLeft(b ^ c, 7);
        s[l] = a;
        s[4 * N + l] = b;
        s[8 * N + l] = c;
        s[12 * N + l] = d;
      }
    }

    /**
     * One quarter round of the diagonal round on the words at {@code oa, ob, oc, od} (each {@code
     * word * N}) of every block; inlined with constant offsets.
     */
    private static void diagonalQuarterRound(int[] s, int oa, int ob, int oc, int od) {
      for (int l = 0; l < N; l++) {
        int a = s[oa + l];
        int b = s[ob + l];
        int c = s[oc + l];
        int d = s[od + l];
        a += b;
        d = Integer.rotateLeft(d ^ a, 16);
        c += d;
        b = Integer.rotateLeft(b ^ c, 12);
        a += b;
        d = Integer.rotateLeft(d ^ a, 8);
        c += d;
        b = Integer.rotateLeft(b ^ c, 7);
        s[oa + l] = a;
        s[ob + l] = b;
        s[oc + l] = c;
        s[od + l] = d;
      }
    }

    /**
     * Adds the carries of a batch in which the low counter word wraps to the high words: block
     * {@code l}'s counter is {@code ctr + l}, whose low word {@code lo + l} is right anyway, and
     * whose high word is {@code hi} plus one for the blocks past the wrap. Used both on the
     * initial state and on the feed-forward, which set or added {@code hi} for every block.
     */
    private static void carryCounters(int[] s, long ctr) {
      int hi = (int) (ctr >>> 32);
      for (int l = 0; l < N; l++) {
        s[13 * N + l] += (int) ((ctr + l) >>> 32) - hi;
      }
    }
  }
}
