package net.nym.crypto.sphinx;

import java.math.BigInteger;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.primitives.X25519KeyTable;
import net.nym.crypto.primitives.X25519KeyTables;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The sender's shared secret with each hop, one variable-base scalar multiplication per hop.
 *
 * <p>Sphinx defines hop i's secret as the chain {@code s_i = X25519(b_(i-1), … X25519(b_0,
 * X25519(x, P_i)))} of clamped multiplications ({@code sphinx-packet} {@code header/keys.rs}), i + 1
 * multiplications for hop i. All of them multiply the same point, so {@code s_i = K_i · P_i} with
 * the integer {@code K_i = clamp(x) · clamp(b_0) ⋯ clamp(b_(i-1))}. Every clamped scalar is a
 * multiple of 8 (killing any small-order component of {@code P_i}), so for any point of the curve,
 * whose group has order 8ℓ, {@code K_i · P_i = k_i · P_i} with {@code k_i = 8 m_i}, {@code m_i =
 * (K_i / 8) mod ℓ}: {@code k_i ≡ K_i} both mod 8 and mod ℓ. The running product {@code m_i} is kept
 * mod ℓ in constant time (Montgomery multiplication over 32-bit limbs) and {@code k_i < 2^256} is
 * multiplied in with the key's precomputed table ({@link X25519KeyTables}: a node's key is
 * long-lived, so its table is built once and serves every packet through that node; the same
 * result as the unclamped ladder, {@code X25519Ladder}, at about a third of its cost).
 *
 * <p>A key on the quadratic twist (no private key has it as public key, but it is 32 bytes like
 * any other) has a group of order 4ℓ', where the reduction mod ℓ does not hold; for such a key the
 * secret is computed by the clamped chain itself, so the result is that of the chain for every
 * 32-byte key. Whether a key lies on the curve is known from its cached table.
 */
final class HopSecrets {
  private static final long M = 0xffffffffL;
  private static final BigInteger ORDER =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  private static final int[] L = limbs(ORDER);
  private static final int[] R2 = limbs(BigInteger.ONE.shiftLeft(512).mod(ORDER));
  private static final int L_INV =
      ORDER.negate().modInverse(BigInteger.ONE.shiftLeft(32)).intValue();

  private final byte[] ephemeral;
  private final byte[][] blindingSources;
  private final int[] m = new int[8];
  private int hop;

  /**
   * Starts with the ephemeral secret {@code x} (32 bytes, clamped when used), for the first hop.
   */
  HopSecrets(byte[] ephemeral, int hops) {
    this.ephemeral = ephemeral;
    this.blindingSources = new byte[hops][];
    int[] k = clampedScalar(ephemeral, 0);
    for (int i = 0; i < 8; i++) {
      m[i] = k[i] >>> 3 | (i < 7 ? k[i + 1] << 29 : 0);
    }
  }

  /**
   * The shared secret with the next hop, whose public key is {@code key}; {@code expanded} is the
   * caller's expansion of the previous hop's secret (ignored for the first hop), whose blinding
   * factor enters this hop's scalar.
   */
  byte[] next(X25519PublicKey key, byte[] expanded) {
    if (hop > 0) {
      blindingSources[hop - 1] = expanded;
      int[] t = new int[8];
      montMul(m, clampedScalar(expanded, ExpandedSecret.BLINDING_FACTOR), t);
      montMul(t, R2, m);
    }
    byte[] point = key.toBytes();
    byte[] s = new byte[32];
    X25519KeyTable table = X25519KeyTables.forKey(point, 0);
    if (table.onCurve()) {
      byte[] k = new byte[32];
      for (int i = 0; i < 8; i++) {
        int w = m[i] << 3 | (i > 0 ? m[i - 1] >>> 29 : 0);
        k[4 * i] = (byte) w;
        k[4 * i + 1] = (byte) (w >>> 8);
        k[4 * i + 2] = (byte) (w >>> 16);
        k[4 * i + 3] = (byte) (w >>> 24);
      }
      table.scalarMult(k, 0, s, 0);
    } else {
      X25519.scalarMult(ephemeral, 0, point, 0, s, 0);
      for (int j = 0; j < hop; j++) {
        X25519.scalarMult(blindingSources[j], ExpandedSecret.BLINDING_FACTOR, s, 0, s, 0);
      }
    }
    hop++;
    return s;
  }

  /** The X25519-clamped scalar at {@code b[off..]} as eight little-endian 32-bit limbs. */
  private static int[] clampedScalar(byte[] b, int off) {
    int[] k = new int[8];
    for (int i = 0; i < 8; i++) {
      int at = off + 4 * i;
      k[i] =
          (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
    }
    k[0] &= 0xfffffff8;
    k[7] &= 0x7fffffff;
    k[7] |= 0x40000000;
    return k;
  }

  /**
   * {@code r = a · b · 2^-256 mod ℓ} for {@code a · b < ℓ · 2^256}, with {@code r < ℓ}; constant
   * time (CIOS Montgomery multiplication and a masked final subtraction).
   */
  static void montMul(int[] a, int[] b, int[] r) {
    int[] t = new int[10];
    for (int i = 0; i < 8; i++) {
      long bi = b[i] & M;
      long c = 0;
      for (int j = 0; j < 8; j++) {
        c += (t[j] & M) + (a[j] & M) * bi;
        t[j] = (int) c;
        c >>>= 32;
      }
      c += t[8] & M;
      t[8] = (int) c;
      t[9] = (int) (c >>> 32);
      long q = (t[0] * L_INV) & M;
      c = ((t[0] & M) + q * (L[0] & M)) >>> 32;
      for (int j = 1; j < 8; j++) {
        c += (t[j] & M) + q * (L[j] & M);
        t[j - 1] = (int) c;
        c >>>= 32;
      }
      c += t[8] & M;
      t[7] = (int) c;
      t[8] = t[9] + (int) (c >>> 32);
    }
    // t < 2ℓ: subtract ℓ unless that borrows.
    int[] d = new int[8];
    long borrow = 0;
    for (int j = 0; j < 8; j++) {
      long x = (t[j] & M) - (L[j] & M) - borrow;
      d[j] = (int) x;
      borrow = (x >>> 63);
    }
    long top = (t[8] & M) - borrow;
    int keep = (int) (top >> 63); // -1 if t < ℓ
    for (int j = 0; j < 8; j++) {
      r[j] = (t[j] & keep) | (d[j] & ~keep);
    }
  }

  /** Little-endian 32-bit limbs of {@code value} (less than 2^256). */
  static int[] limbs(BigInteger value) {
    int[] out = new int[8];
    for (int i = 0; i < 8; i++) {
      out[i] = value.shiftRight(32 * i).intValue();
    }
    return out;
  }
}
