package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.nym.crypto.testing.Curve25519Points;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/** The unclamped ladder against RFC 7748 and Bouncy Castle's X25519. */
class X25519LadderTest {
  @Test
  void reproducesRfc7748Section52WithTheClampedScalar() {
    for (Vector v : Vectors.load("x25519")) {
      byte[] out = new byte[32];
      X25519Ladder.scalarMult(X25519Ladder.clamp(v.hex("scalar"), 0), 0, v.hex("u"), 0, out, 0);
      assertThat(Vectors.hex(out)).isEqualTo(v.text("output"));
    }
  }

  @Property(tries = 300)
  void equalsX25519ForClampedScalars(@ForAll @Size(32) byte[] k, @ForAll @Size(32) byte[] u) {
    byte[] expected = new byte[32];
    X25519.scalarMult(k, 0, u, 0, expected, 0);
    byte[] actual = new byte[32];
    X25519Ladder.scalarMult(X25519Ladder.clamp(k, 0), 0, u, 0, actual, 0);
    assertThat(actual).isEqualTo(expected);
  }

  @Property(tries = 200)
  void anUnclampedScalarTimesEightIsEightTimesItsMultiple(
      @ForAll @Size(32) byte[] a, @ForAll @Size(32) byte[] sk) {
    // (8 m) P in one ladder equals 8 (m P) in two, for m of up to 252 bits and any clamped sk.
    byte[] u = new byte[32];
    X25519.scalarMultBase(sk, 0, u, 0);
    BigInteger m = Curve25519Points.decode(a).shiftRight(4);
    byte[] mP = new byte[32];
    X25519Ladder.scalarMult(Curve25519Points.encode(m), 0, u, 0, mP, 0);
    byte[] eightMP = new byte[32];
    X25519Ladder.scalarMult(Curve25519Points.encode(BigInteger.valueOf(8)), 0, mP, 0, eightMP, 0);
    byte[] direct = new byte[32];
    X25519Ladder.scalarMult(Curve25519Points.encode(m.shiftLeft(3)), 0, u, 0, direct, 0);
    assertThat(direct).isEqualTo(eightMP);
  }

  @Test
  void smallOrderPointsGiveZero() {
    byte[] k = new byte[32];
    k[0] = 8;
    k[20] = 77;
    for (BigInteger u : Curve25519Points.SMALL_ORDER_U) {
      byte[] out = new byte[32];
      X25519Ladder.scalarMult(k, 0, Curve25519Points.encode(u), 0, out, 0);
      assertThat(out).isEqualTo(new byte[32]);
    }
  }

  @Property(tries = 200)
  void knowsTheCurveFromItsTwist(@ForAll @Size(32) byte[] u) {
    byte[] masked = u.clone();
    masked[31] &= 0x7f;
    BigInteger value = Curve25519Points.decode(masked).mod(Curve25519Points.P);
    assertThat(X25519Ladder.isOnCurve(u, 0)).isEqualTo(Curve25519Points.onCurve(value));
  }
}
