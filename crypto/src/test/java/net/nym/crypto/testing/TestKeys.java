package net.nym.crypto.testing;

import java.math.BigInteger;
import net.nym.crypto.testing.Curve25519Points.Point;

/**
 * Public keys of every kind a sender may be handed, made from 32 random bytes: honest keys and the
 * ones no honest key generation gives (a small-order component added, small order, on the twist,
 * anything).
 */
public final class TestKeys {
  /** How a public key is made from its seed. */
  public enum KeyKind {
    HONEST,
    WITH_ORDER_2_COMPONENT,
    WITH_ORDER_4_COMPONENT,
    WITH_ORDER_8_COMPONENT,
    SMALL_ORDER,
    ON_THE_TWIST,
    ANY_32_BYTES
  }

  private TestKeys() {}

  /** The 32-byte public key of this kind made from {@code seed} (32 bytes). */
  public static byte[] publicKey(KeyKind kind, byte[] seed) {
    BigInteger honest = Curve25519Points.publicKey(seed);
    return switch (kind) {
      case HONEST -> Curve25519Points.encode(honest);
      case WITH_ORDER_2_COMPONENT -> withTorsion(honest, 0);
      case WITH_ORDER_4_COMPONENT -> withTorsion(honest, 1);
      case WITH_ORDER_8_COMPONENT -> withTorsion(honest, 2 + (seed[0] & 1));
      case SMALL_ORDER -> Curve25519Points.encode(Curve25519Points.SMALL_ORDER_U[seed[0] & 3]);
      case ON_THE_TWIST -> twistPoint(seed);
      case ANY_32_BYTES -> seed.clone();
    };
  }

  private static byte[] withTorsion(BigInteger honest, int which) {
    Point p = Curve25519Points.lift(honest);
    Point t = Curve25519Points.lift(Curve25519Points.SMALL_ORDER_U[which]);
    return Curve25519Points.add(p, t).encoded();
  }

  private static byte[] twistPoint(byte[] seed) {
    BigInteger u = Curve25519Points.decode(seed).mod(Curve25519Points.P);
    while (Curve25519Points.onCurve(u)) {
      u = u.add(BigInteger.ONE).mod(Curve25519Points.P);
    }
    return Curve25519Points.encode(u);
  }
}
