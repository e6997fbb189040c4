package net.nym.crypto.primitives;

import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Montgomery-ladder scalar multiplication on Curve25519 for an arbitrary 256-bit scalar: the
 * RFC 7748 §5 ladder without clamping, on Bouncy Castle's field arithmetic ({@link X25519Field},
 * the same as its {@code X25519.scalarMult}). With a clamped scalar it returns exactly what
 * X25519 returns. The Sphinx sender's reduced scalar products (see {@code
 * net.nym.crypto.sphinx.HopSecrets}) are multiplied with a key's {@link X25519KeyTable}, which
 * returns exactly this ladder's result and runs it for keys on the twist and when tables are off.
 *
 * <p>Constant time in the scalar: 256 identical ladder steps with branch-free conditional swaps.
 * The u-coordinate's top bit is ignored, as in RFC 7748. A point of small order (or a scalar that
 * sends the point to the identity) gives 32 zero bytes. Stateless and thread-safe.
 */
public final class X25519Ladder {
  /** Length of scalars, inputs and outputs in bytes. */
  public static final int LENGTH = 32;

  private static final int A24 = (486662 + 2) / 4;

  private X25519Ladder() {}

  /**
   * RFC 7748's {@code decodeScalar25519} bit operations: a copy of the 32 bytes at {@code
   * k[kOff..]} with the three low bits and the top bit cleared and bit 254 set, so that {@link
   * #scalarMult} of the result is X25519 of {@code k}.
   */
  public static byte[] clamp(byte[] k, int kOff) {
    byte[] c = Arrays.copyOfRange(k, kOff, kOff + LENGTH);
    c[0] &= (byte) 0xf8;
    c[31] &= 0x7f;
    c[31] |= 0x40;
    return c;
  }

  /**
   * Writes the u-coordinate of {@code k · P} to {@code r[rOff..]}, where {@code k} is the
   * little-endian 256-bit integer at {@code k[kOff..]} (used as is, not clamped) and {@code P} a
   * point with u-coordinate {@code u[uOff..]}.
   */
  public static void scalarMult(byte[] k, int kOff, byte[] u, int uOff, byte[] r, int rOff) {
    int[] n = new int[8];
    for (int i = 0; i < 8; i++) {
      int at = kOff + 4 * i;
      n[i] =
          (k[at] & 0xff)
              | (k[at + 1] & 0xff) << 8
              | (k[at + 2] & 0xff) << 16
              | (k[at + 3] & 0xff) << 24;
    }
    int[] x1 = X25519Field.create();
    X25519Field.decode255(u, uOff, x1, 0);
    int[] x2 = X25519Field.create();
    x2[0] = 1;
    int[] z2 = X25519Field.create();
    int[] x3 = X25519Field.create();
    X25519Field.copy(x1, 0, x3, 0);
    int[] z3 = X25519Field.create();
    z3[0] = 1;
    int[] t1 = X25519Field.create();
    int[] t2 = X25519Field.create();
    int swap = 0;
    for (int bit = 255; bit >= 0; bit--) {
      int kt = (n[bit >>> 5] >>> (bit & 31)) & 1;
      swap ^= kt;
      X25519Field.cswap(swap, x2, x3);
      X25519Field.cswap(swap, z2, z3);
      swap = kt;
      // (x2 : z2) <- 2 (x2 : z2), (x3 : z3) <- (x2 : z2) + (x3 : z3); their difference is x1.
      X25519Field.apm(x3, z3, t1, x3);
      X25519Field.apm(x2, z2, z3, x2);
      X25519Field.mul(t1, x2, t1);
      X25519Field.mul(x3, z3, x3);
      X25519Field.sqr(z3, z3);
      X25519Field.sqr(x2, x2);
      X25519Field.sub(z3, x2, t2);
      X25519Field.mul(t2, A24, z2);
      X25519Field.add(z2, x2, z2);
      X25519Field.mul(z2, t2, z2);
      X25519Field.mul(x2, z3, x2);
      X25519Field.apm(t1, x3, x3, z3);
      X25519Field.sqr(x3, x3);
      X25519Field.sqr(z3, z3);
      X25519Field.mul(z3, x1, z3);
    }
    X25519Field.cswap(swap, x2, x3);
    X25519Field.cswap(swap, z2, z3);
    X25519Field.inv(z2, z2);
    X25519Field.mul(x2, z2, x2);
    X25519Field.normalize(x2);
    X25519Field.encode(x2, r, rOff);
  }

  /**
   * Whether {@code u[uOff..]} (top bit ignored) is the u-coordinate of a point on Curve25519
   * rather than on its quadratic twist, i.e. whether {@code u³ + 486662 u² + u} is a square.
   * Variable time: for public keys only.
   */
  public static boolean isOnCurve(byte[] u, int uOff) {
    int[] x = X25519Field.create();
    X25519Field.decode255(u, uOff, x, 0);
    int[] w = X25519Field.create();
    X25519Field.sqr(x, w);
    int[] t = X25519Field.create();
    t[0] = 486662;
    X25519Field.mul(x, t, t);
    X25519Field.add(w, t, w);
    X25519Field.addOne(w);
    X25519Field.mul(w, x, w);
    int[] one = X25519Field.create();
    one[0] = 1;
    return X25519Field.sqrtRatioVar(w, one, t);
  }
}
