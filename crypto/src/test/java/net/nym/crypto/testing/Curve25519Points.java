package net.nym.crypto.testing;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Affine Curve25519 arithmetic in {@link BigInteger}s, slow and simple, for building test keys that
 * honest key generation never gives: points with a small-order component, points of small order,
 * points on the quadratic twist.
 */
public final class Curve25519Points {
  /** The field prime 2^255 - 19. */
  public static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  private static final BigInteger A = BigInteger.valueOf(486662);
  private static final BigInteger SQRT_MINUS_ONE =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  /**
   * The u-coordinates of the points of order 2, 4 and 8 (the identity has none): 0 (order 2), 1
   * (order 4) and the two order-8 u-coordinates.
   */
  public static final BigInteger[] SMALL_ORDER_U = {
    BigInteger.ZERO,
    BigInteger.ONE,
    new BigInteger("325606250916557431795983626356110631294008115727848805560023387167927233504"),
    new BigInteger("39382357235489614581723060781553021112529911719440698176882885853963445705823")
  };

  private Curve25519Points() {}

  /** An affine point (u, v). */
  public record Point(BigInteger u, BigInteger v) {
    /** The 32-byte little-endian u-coordinate. */
    public byte[] encoded() {
      return encode(u);
    }
  }

  /** {@code u³ + A u² + u} mod p. */
  public static BigInteger rhs(BigInteger u) {
    return u.pow(3).add(A.multiply(u.pow(2))).add(u).mod(P);
  }

  /** Whether u is the u-coordinate of a curve point (not a twist point). */
  public static boolean onCurve(BigInteger u) {
    BigInteger w = rhs(u);
    return w.signum() == 0 || w.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
  }

  /** A curve point with u-coordinate {@code u} (one of its two v). */
  public static Point lift(BigInteger u) {
    BigInteger w = rhs(u);
    BigInteger v = w.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!v.multiply(v).mod(P).equals(w)) {
      v = v.multiply(SQRT_MINUS_ONE).mod(P);
    }
    if (!v.multiply(v).mod(P).equals(w)) {
      throw new IllegalArgumentException("u is not on the curve");
    }
    return new Point(u.mod(P), v);
  }

  /** The sum of two distinct affine points with different u (the chord rule). */
  public static Point add(Point a, Point b) {
    BigInteger l =
        b.v().subtract(a.v()).multiply(b.u().subtract(a.u()).modInverse(P)).mod(P);
    BigInteger u = l.multiply(l).subtract(A).subtract(a.u()).subtract(b.u()).mod(P);
    BigInteger v = l.multiply(a.u().subtract(u)).subtract(a.v()).mod(P);
    return new Point(u, v);
  }

  /** The public key (u-coordinate) of the clamped private key {@code sk}. */
  public static BigInteger publicKey(byte[] sk) {
    byte[] pk = new byte[32];
    X25519.scalarMultBase(sk, 0, pk, 0);
    return decode(pk);
  }

  /** Little-endian decoding of 32 bytes. */
  public static BigInteger decode(byte[] le) {
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = le[i];
    }
    return new BigInteger(be);
  }

  /** Little-endian encoding of a value below 2^256. */
  public static byte[] encode(BigInteger value) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) value.shiftRight(8 * i).intValue();
    }
    return out;
  }
}
