package net.nym.crypto.primitives;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Scalar multiplication of one fixed Curve25519 point (a long-lived public key) by many scalars,
 * with a table of its multiples precomputed once: the same result as {@link
 * X25519Ladder#scalarMult} for every 256-bit scalar and every 32-byte key, at about a third of the
 * ladder's cost. {@link X25519KeyTables} keeps them per key.
 *
 * <p>How: the u-coordinate is mapped to the birationally equivalent twisted Edwards curve
 * (edwards25519), {@code y = (u - 1) / (u + 1)}, with {@code x} recovered by a square root (its
 * sign does not matter: {@code [k](-P) = -[k]P} has the same {@code y}, and u depends on {@code y}
 * only). The table holds {@code j · 256^i · P} for {@code j = 1..8}, {@code i = 0..31} as affine
 * Niels points {@code ((y + x)/2, (y - x)/2, d·x·y)} (as ref10's {@code ge_precomp}, halved as in
 * Bouncy Castle's Ed25519), plus {@code 2^256 · P}. The scalar is recoded into 64 signed radix-16
 * digits in {@code [-8, 8)} and a final carry; the odd digits are added, the sum multiplied by 16
 * (four doublings), the even digits and the carry added: 65 mixed additions and 4 doublings, then
 * one inversion for {@code u = (1 + y) / (1 - y)}. The group is the whole curve (order 8ℓ), so keys
 * with a small-order component and small-order keys are multiplied exactly, without any reduction
 * of the scalar.
 *
 * <p>Constant time in the scalar: the digits are computed without branches, every lookup reads all
 * eight entries of its block and keeps one with masks, a digit's sign is applied by a masked swap
 * and negation, and the number of field operations is fixed. Building the table (variable time, on
 * the public key) costs about as much as four ladder multiplications.
 *
 * <p>A key on the quadratic twist (and {@code u = -1}, which the map sends nowhere) has no Edwards
 * point: it has no table and {@link #scalarMult} runs {@link X25519Ladder}, so the result is the
 * ladder's for every key. {@link #onCurve()} says which.
 *
 * <p>Memory: {@value #TABLE_INTS} ints (30,840 bytes) per key on the curve, 32 bytes otherwise.
 * Immutable once built; thread-safe.
 */
public final class X25519KeyTable {
  /** Ints in one precomputed table: 257 points of three field elements of ten limbs. */
  public static final int TABLE_INTS = (32 * 8 + 1) * 3 * X25519Field.SIZE;

  private static final int SIZE = X25519Field.SIZE;
  private static final int ENTRY = 3 * SIZE;
  private static final int BLOCK = 8 * ENTRY;
  private static final int CARRY_ENTRY = 32 * BLOCK;

  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  /** Edwards d = -121665/121666. */
  private static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

  private static final int[] C_D = constant(D);
  private static final int[] C_D2 = constant(D.shiftLeft(1).mod(P));
  private static final int[] C_D4 = constant(D.shiftLeft(2).mod(P));

  /** The identity as a halved affine Niels point: (1/2, 1/2, 0). */
  private static final int[] IDENTITY = new int[ENTRY];

  static {
    int[] half = constant(P.add(BigInteger.ONE).shiftRight(1));
    X25519Field.copy(half, 0, IDENTITY, 0);
    X25519Field.copy(half, 0, IDENTITY, SIZE);
  }

  private final byte[] u;
  private final boolean onCurve;
  private final int[] table;

  private X25519KeyTable(byte[] u, boolean onCurve, int[] table) {
    this.u = u;
    this.onCurve = onCurve;
    this.table = table;
  }

  /**
   * Builds the table of the point with u-coordinate {@code u[uOff..uOff+32)} (top bit ignored, as
   * in RFC 7748). Variable time: for public keys only.
   */
  public static X25519KeyTable of(byte[] u, int uOff) {
    byte[] key = Arrays.copyOfRange(u, uOff, uOff + X25519Ladder.LENGTH);
    int[] table = precompute(key);
    return new X25519KeyTable(key, table != null, table);
  }

  /**
   * A table-less instance for {@code u[uOff..uOff+32)}: {@link #scalarMult} runs the ladder, {@link
   * #onCurve()} is still known. What {@link X25519KeyTables} holds when tables are turned off.
   */
  static X25519KeyTable ladderOnly(byte[] u, int uOff) {
    byte[] key = Arrays.copyOfRange(u, uOff, uOff + X25519Ladder.LENGTH);
    return new X25519KeyTable(key, X25519Ladder.isOnCurve(key, 0), null);
  }

  /**
   * Whether the key is the u-coordinate of a point on Curve25519 rather than on its quadratic twist
   * (no private key has a twist point as public key).
   */
  public boolean onCurve() {
    return onCurve;
  }

  /**
   * Writes the u-coordinate of {@code k · P} to {@code r[rOff..]}, where {@code k} is the
   * little-endian 256-bit integer at {@code k[kOff..]}, used as is (clamp it first for RFC 7748's
   * X25519). Exactly {@link X25519Ladder#scalarMult}{@code (k, kOff, key, 0, r, rOff)}; 32 zero
   * bytes when {@code k · P} is the identity or the point of order 2.
   */
  public void scalarMult(byte[] k, int kOff, byte[] r, int rOff) {
    if (table == null) {
      X25519Ladder.scalarMult(k, kOff, u, 0, r, rOff);
      return;
    }
    byte[] e = digits(k, kOff);
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    int[] z = X25519Field.create();
    int[] tu = X25519Field.create();
    int[] tv = X25519Field.create();
    // The identity (0, 1, 1), T = tu · tv = 0.
    y[0] = 1;
    z[0] = 1;
    tv[0] = 1;
    int[] selected = new int[ENTRY];
    int[] ypx = X25519Field.create();
    int[] ymx = X25519Field.create();
    int[] xyd = X25519Field.create();
    int[][] scratch = new int[5][SIZE];
    for (int i = 1; i < 64; i += 2) {
      select((i >>> 1) * BLOCK, e[i], selected, ypx, ymx, xyd);
      addPrecomputed(ypx, ymx, xyd, x, y, z, tu, tv, scratch);
    }
    for (int i = 0; i < 4; i++) {
      doubleInPlace(x, y, z, tu, tv, scratch);
    }
    for (int i = 0; i < 64; i += 2) {
      select((i >>> 1) * BLOCK, e[i], selected, ypx, ymx, xyd);
      addPrecomputed(ypx, ymx, xyd, x, y, z, tu, tv, scratch);
    }
    selectCarry(e[64], ypx, ymx, xyd);
    addPrecomputed(ypx, ymx, xyd, x, y, z, tu, tv, scratch);
    // u = (Z + Y) / (Z - Y); the identity (Z = Y) gives 0 as the ladder does.
    X25519Field.apm(z, y, x, tu);
    X25519Field.inv(tu, tu);
    X25519Field.mul(x, tu, x);
    X25519Field.normalize(x);
    X25519Field.encode(x, r, rOff);
  }

  /**
   * The 256-bit scalar as 64 signed radix-16 digits in {@code [-8, 8)} and a carry digit in {@code
   * {0, 1}}: {@code k = Σ e[i] 16^i}. No branches.
   */
  private static byte[] digits(byte[] k, int kOff) {
    byte[] e = new byte[65];
    for (int i = 0; i < 32; i++) {
      int b = k[kOff + i] & 0xff;
      e[2 * i] = (byte) (b & 15);
      e[2 * i + 1] = (byte) (b >>> 4);
    }
    int carry = 0;
    for (int i = 0; i < 64; i++) {
      int d = e[i] + carry;
      carry = (d + 8) >> 4;
      e[i] = (byte) (d - (carry << 4));
    }
    e[64] = (byte) carry;
    return e;
  }

  /**
   * Loads {@code digit · 256^block · P} ({@code digit} in {@code [-8, 8]}) from the block at {@code
   * off}: the identity for 0, otherwise entry {@code |digit|}, negated for a negative digit. Reads
   * every entry of the block and keeps one with masks.
   */
  private void select(int off, int digit, int[] selected, int[] ypx, int[] ymx, int[] xyd) {
    int sign = digit >>> 31;
    int abs = (digit ^ -sign) + sign;
    int m0 = ((abs ^ 1) - 1) >> 31;
    int m1 = ((abs ^ 2) - 1) >> 31;
    int m2 = ((abs ^ 3) - 1) >> 31;
    int m3 = ((abs ^ 4) - 1) >> 31;
    int m4 = ((abs ^ 5) - 1) >> 31;
    int m5 = ((abs ^ 6) - 1) >> 31;
    int m6 = ((abs ^ 7) - 1) >> 31;
    int m7 = ((abs ^ 8) - 1) >> 31;
    int none = (abs - 1) >> 31;
    int[] tab = table;
    for (int i = 0; i < ENTRY; i++) {
      int at = off + i;
      selected[i] =
          (IDENTITY[i] & none)
              | (tab[at] & m0)
              | (tab[at + ENTRY] & m1)
              | (tab[at + 2 * ENTRY] & m2)
              | (tab[at + 3 * ENTRY] & m3)
              | (tab[at + 4 * ENTRY] & m4)
              | (tab[at + 5 * ENTRY] & m5)
              | (tab[at + 6 * ENTRY] & m6)
              | (tab[at + 7 * ENTRY] & m7);
    }
    System.arraycopy(selected, 0, ypx, 0, SIZE);
    System.arraycopy(selected, SIZE, ymx, 0, SIZE);
    System.arraycopy(selected, 2 * SIZE, xyd, 0, SIZE);
    X25519Field.cswap(sign, ypx, ymx);
    X25519Field.cnegate(sign, xyd);
  }

  /** Loads {@code 2^256 · P} if {@code carry} is 1, the identity if it is 0. */
  private void selectCarry(int carry, int[] ypx, int[] ymx, int[] xyd) {
    X25519Field.copy(IDENTITY, 0, ypx, 0);
    X25519Field.copy(IDENTITY, SIZE, ymx, 0);
    X25519Field.copy(IDENTITY, 2 * SIZE, xyd, 0);
    int mask = -carry;
    X25519Field.cmov(mask, table, CARRY_ENTRY, ypx, 0);
    X25519Field.cmov(mask, table, CARRY_ENTRY + SIZE, ymx, 0);
    X25519Field.cmov(mask, table, CARRY_ENTRY + 2 * SIZE, xyd, 0);
  }

  /**
   * {@code (X, Y, Z, T = tu·tv) += (ypx, ymx, xyd)}, the mixed addition of a halved affine Niels
   * point (complete on edwards25519); as Bouncy Castle's Ed25519 {@code pointAddPrecomp}.
   */
  private static void addPrecomputed(
      int[] ypx,
      int[] ymx,
      int[] xyd,
      int[] x,
      int[] y,
      int[] z,
      int[] tu,
      int[] tv,
      int[][] scratch) {
    int[] a = scratch[0];
    int[] b = scratch[1];
    int[] c = scratch[2];
    int[] f = scratch[3];
    int[] g = scratch[4];
    X25519Field.apm(y, x, b, a);
    X25519Field.mul(a, ymx, a);
    X25519Field.mul(b, ypx, b);
    X25519Field.mul(tu, tv, c);
    X25519Field.mul(c, xyd, c);
    X25519Field.apm(b, a, tv, tu);
    X25519Field.apm(z, c, g, f);
    X25519Field.carry(g);
    X25519Field.mul(tu, f, x);
    X25519Field.mul(g, tv, y);
    X25519Field.mul(f, g, z);
  }

  /** {@code (X, Y, Z, T = tu·tv) *= 2}; as Bouncy Castle's Ed25519 {@code pointDouble}. */
  private static void doubleInPlace(
      int[] x, int[] y, int[] z, int[] tu, int[] tv, int[][] scratch) {
    int[] a = scratch[0];
    int[] b = scratch[1];
    int[] c = scratch[2];
    int[] f = scratch[3];
    int[] g = scratch[4];
    X25519Field.sqr(x, a);
    X25519Field.sqr(y, b);
    X25519Field.sqr(z, c);
    X25519Field.add(c, c, c);
    X25519Field.apm(a, b, tv, g);
    X25519Field.add(x, y, tu);
    X25519Field.sqr(tu, tu);
    X25519Field.sub(tv, tu, tu);
    X25519Field.add(c, g, f);
    X25519Field.carry(f);
    X25519Field.mul(tu, f, x);
    X25519Field.mul(g, tv, y);
    X25519Field.mul(f, g, z);
  }

  /**
   * The table of the point with u-coordinate {@code key}, or null if it has no Edwards point (the
   * twist, and {@code u = -1}).
   */
  private static int[] precompute(byte[] key) {
    int[] uu = X25519Field.create();
    X25519Field.decode255(key, 0, uu, 0);
    int[] den = X25519Field.create();
    X25519Field.copy(uu, 0, den, 0);
    X25519Field.addOne(den);
    X25519Field.normalize(den);
    if (X25519Field.isZeroVar(den)) {
      return null; // u = -1: on the twist, and the map's pole
    }
    // y = (u - 1) / (u + 1); x² = (y² - 1) / (d y² + 1).
    int[] num = X25519Field.create();
    X25519Field.copy(uu, 0, num, 0);
    X25519Field.subOne(num);
    int[] ey = X25519Field.create();
    X25519Field.inv(den, ey);
    X25519Field.mul(ey, num, ey);
    int[] ex = X25519Field.create();
    int[] y2 = X25519Field.create();
    int[] dy2 = X25519Field.create();
    X25519Field.sqr(ey, y2);
    X25519Field.mul(C_D, y2, dy2);
    X25519Field.subOne(y2);
    X25519Field.addOne(dy2);
    if (!X25519Field.sqrtRatioVar(y2, dy2, ex)) {
      return null; // on the twist
    }

    // Extended points j · 256^i · P (j = 1..8, i = 0..31), then 2^256 · P.
    int count = 32 * 8 + 1;
    int[][] px = new int[count][];
    int[][] py = new int[count][];
    int[][] pz = new int[count][];
    int[][] pt = new int[count][];
    int[] bx = ex.clone();
    int[] by = ey.clone();
    int[] bz = X25519Field.create();
    bz[0] = 1;
    int[] bt = X25519Field.create();
    X25519Field.mul(bx, by, bt);
    int[][] scratch = new int[8][SIZE];
    for (int i = 0; i <= 32; i++) {
      int base = i * 8;
      px[base] = bx;
      py[base] = by;
      pz[base] = bz;
      pt[base] = bt;
      if (i == 32) {
        break;
      }
      for (int j = 1; j < 8; j++) {
        int n = base + j;
        px[n] = X25519Field.create();
        py[n] = X25519Field.create();
        pz[n] = X25519Field.create();
        pt[n] = X25519Field.create();
        add(
            px[n - 1], py[n - 1], pz[n - 1], pt[n - 1], bx, by, bz, bt, px[n], py[n], pz[n], pt[n],
            scratch);
      }
      // 256 · base = 2^5 · (8 · base)
      bx = px[base + 7].clone();
      by = py[base + 7].clone();
      bz = pz[base + 7].clone();
      int[] tu = X25519Field.create();
      int[] tv = X25519Field.create();
      for (int d = 0; d < 5; d++) {
        doubleInPlace(bx, by, bz, tu, tv, scratch);
      }
      bt = X25519Field.create();
      X25519Field.mul(tu, tv, bt);
    }

    // Batch inversion of 2Z (Montgomery's trick), then the halved affine Niels form.
    int[][] prefix = new int[count][];
    int[] acc = X25519Field.create();
    acc[0] = 1;
    for (int n = 0; n < count; n++) {
      int[] twoZ = X25519Field.create();
      X25519Field.add(pz[n], pz[n], twoZ);
      X25519Field.carry(twoZ);
      pz[n] = twoZ;
      prefix[n] = acc.clone();
      X25519Field.mul(acc, twoZ, acc);
    }
    int[] inv = X25519Field.create();
    X25519Field.inv(acc, inv);
    int[] table = new int[TABLE_INTS];
    int[] zi = X25519Field.create();
    int[] hx = X25519Field.create();
    int[] hy = X25519Field.create();
    int[] e = X25519Field.create();
    int[] f = X25519Field.create();
    for (int n = count - 1; n >= 0; n--) {
      X25519Field.mul(inv, prefix[n], zi); // 1 / (2 Z_n)
      X25519Field.mul(inv, pz[n], inv); // 1 / (2 Z_0 ⋯ 2 Z_(n-1))
      X25519Field.mul(px[n], zi, hx);
      X25519Field.mul(py[n], zi, hy);
      int at = n * ENTRY;
      X25519Field.apm(hy, hx, e, f);
      X25519Field.normalize(e);
      X25519Field.normalize(f);
      X25519Field.copy(e, 0, table, at);
      X25519Field.copy(f, 0, table, at + SIZE);
      X25519Field.mul(hx, hy, e);
      X25519Field.mul(e, C_D4, e);
      X25519Field.normalize(e);
      X25519Field.copy(e, 0, table, at + 2 * SIZE);
    }
    return table;
  }

  /**
   * {@code (x3, y3, z3, t3) = (x1, y1, z1, t1) + (x2, y2, z2, t2)} in extended coordinates
   * (complete; as Bouncy Castle's Ed25519 {@code pointAddVar}), for building tables.
   */
  private static void add(
      int[] x1,
      int[] y1,
      int[] z1,
      int[] t1,
      int[] x2,
      int[] y2,
      int[] z2,
      int[] t2,
      int[] x3,
      int[] y3,
      int[] z3,
      int[] t3,
      int[][] scratch) {
    int[] a = scratch[0];
    int[] b = scratch[1];
    int[] c = scratch[2];
    int[] d = scratch[3];
    int[] e = scratch[4];
    int[] f = scratch[5];
    int[] g = scratch[6];
    int[] h = scratch[7];
    X25519Field.apm(y1, x1, b, a);
    X25519Field.apm(y2, x2, d, c);
    X25519Field.mul(a, c, a);
    X25519Field.mul(b, d, b);
    X25519Field.mul(t1, t2, c);
    X25519Field.mul(c, C_D2, c);
    X25519Field.mul(z1, z2, d);
    X25519Field.add(d, d, d);
    X25519Field.apm(b, a, h, e);
    X25519Field.apm(d, c, g, f);
    X25519Field.carry(g);
    X25519Field.mul(e, f, x3);
    X25519Field.mul(g, h, y3);
    X25519Field.mul(f, g, z3);
    X25519Field.mul(e, h, t3);
  }

  private static int[] constant(BigInteger value) {
    byte[] le = new byte[32];
    for (int i = 0; i < 32; i++) {
      le[i] = (byte) value.shiftRight(8 * i).intValue();
    }
    int[] z = X25519Field.create();
    X25519Field.decode255(le, 0, z, 0);
    return z;
  }
}
