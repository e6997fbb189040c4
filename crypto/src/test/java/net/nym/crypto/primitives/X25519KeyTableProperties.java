package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.testing.Curve25519Points;
import net.nym.crypto.testing.TestKeys;
import net.nym.crypto.testing.TestKeys.KeyKind;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/**
 * {@link X25519KeyTable} multiplies exactly as {@link X25519Ladder}: any 256-bit scalar, including
 * the edges of its recoding and of the group order, and keys of every kind (honest, with a
 * small-order component, of small order, on the twist, any 32 bytes); RFC 7748's vectors through
 * the clamped scalar; {@link X25519KeyTables} hands every thread the same results; a key pair's
 * agreement through the tables is its ordinary agreement.
 */
class X25519KeyTableProperties {
  private static final BigInteger ORDER =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  /** Scalars where a recoding or a reduction would go wrong first. */
  private static final List<BigInteger> EDGES =
      List.of(
          BigInteger.ZERO,
          BigInteger.ONE,
          BigInteger.TWO,
          BigInteger.valueOf(7),
          BigInteger.valueOf(8),
          BigInteger.valueOf(15),
          BigInteger.valueOf(16),
          ORDER.subtract(BigInteger.ONE),
          ORDER,
          ORDER.add(BigInteger.ONE),
          ORDER.shiftLeft(3).subtract(BigInteger.valueOf(8)),
          ORDER.shiftLeft(3),
          BigInteger.ONE.shiftLeft(252),
          BigInteger.ONE.shiftLeft(254),
          BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE),
          BigInteger.ONE.shiftLeft(255),
          TWO_256.subtract(BigInteger.valueOf(8)),
          TWO_256.subtract(BigInteger.ONE),
          // every radix-16 digit 8: a carry through all 64 digits
          new BigInteger("8".repeat(64), 16),
          new BigInteger("7".repeat(64), 16));

  @Provide
  Arbitrary<byte[]> scalars() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofSize(32);
    return Arbitraries.oneOf(
        random,
        random.map(k -> X25519Ladder.clamp(k, 0)),
        // multiples of 8 below 8ℓ: what the Sphinx sender multiplies by
        random.map(
            b -> Curve25519Points.encode(Curve25519Points.decode(b).mod(ORDER).shiftLeft(3))),
        Arbitraries.of(EDGES).map(Curve25519Points::encode));
  }

  @Provide
  Arbitrary<byte[]> keys() {
    Arbitrary<byte[]> seed = Arbitraries.bytes().array(byte[].class).ofSize(32);
    Arbitrary<byte[]> made =
        Arbitraries.of(KeyKind.class).flatMap(kind -> seed.map(s -> TestKeys.publicKey(kind, s)));
    Arbitrary<byte[]> special =
        Arbitraries.of(
                BigInteger.valueOf(9),
                Curve25519Points.P.subtract(BigInteger.ONE), // u = -1: the map's pole, on the twist
                Curve25519Points.P, // non-canonical 0
                Curve25519Points.P.add(BigInteger.ONE), // non-canonical 1
                BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE),
                TWO_256.subtract(BigInteger.ONE)) // top bit set, ignored
            .map(Curve25519Points::encode);
    return Arbitraries.frequencyOf(Tuple.of(8, made), Tuple.of(1, special));
  }

  private static byte[] ladder(byte[] k, byte[] u) {
    byte[] out = new byte[32];
    X25519Ladder.scalarMult(k, 0, u, 0, out, 0);
    return out;
  }

  private static byte[] table(X25519KeyTable table, byte[] k) {
    byte[] out = new byte[32];
    table.scalarMult(k, 0, out, 0);
    return out;
  }

  @Property(tries = 400)
  void equalsTheLadder(@ForAll("keys") byte[] u, @ForAll("scalars") byte[] k) {
    X25519KeyTable t = X25519KeyTable.of(u, 0);
    assertThat(table(t, k)).isEqualTo(ladder(k, u));
  }

  @Property(tries = 60)
  void oneTableServesManyScalars(@ForAll("keys") byte[] u, @ForAll @Size(32) byte[] seed) {
    X25519KeyTable t = X25519KeyTable.of(u, 0);
    byte[] k = seed.clone();
    for (int i = 0; i < 12; i++) {
      assertThat(table(t, k)).as("scalar %d", i).isEqualTo(ladder(k, u));
      k = ladder(X25519Ladder.clamp(k, 0), u); // the next scalar: anything
    }
  }

  @Property(tries = 200)
  void knowsTheCurveFromItsTwist(@ForAll("keys") byte[] u) {
    assertThat(X25519KeyTable.of(u, 0).onCurve()).isEqualTo(X25519Ladder.isOnCurve(u, 0));
    assertThat(X25519KeyTable.ladderOnly(u, 0).onCurve()).isEqualTo(X25519Ladder.isOnCurve(u, 0));
  }

  @Property(tries = 100)
  void aTableLessEntryAlsoEqualsTheLadder(@ForAll("keys") byte[] u, @ForAll("scalars") byte[] k) {
    assertThat(table(X25519KeyTable.ladderOnly(u, 0), k)).isEqualTo(ladder(k, u));
  }

  @Property(tries = 200)
  void clampedEqualsX25519(@ForAll("keys") byte[] u, @ForAll @Size(32) byte[] k) {
    byte[] expected = new byte[32];
    X25519.scalarMult(k, 0, u, 0, expected, 0);
    byte[] actual = new byte[32];
    X25519KeyTables.x25519(k, 0, u, 0, actual, 0);
    assertThat(actual).isEqualTo(expected);
  }

  @Property(tries = 100)
  void aKeyPairAgreesWithALongLivedKeyAsWithAnyOther(
      @ForAll @Size(32) byte[] sk, @ForAll("keys") byte[] peer) {
    X25519KeyPair own = X25519KeyPair.fromPrivateKey(sk);
    X25519PublicKey key = X25519PublicKey.fromBytes(peer);
    byte[] expected = new byte[32];
    X25519.scalarMult(sk, 0, peer, 0, expected, 0);
    if (Arrays.equals(expected, new byte[32])) {
      assertThatThrownBy(() -> own.agreeWithLongLivedKey(key))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("all-zero");
    } else {
      assertThat(own.agreeWithLongLivedKey(key)).isEqualTo(own.agree(key)).isEqualTo(expected);
    }
  }

  @Test
  void reproducesRfc7748Section52() {
    for (Vector v : Vectors.load("x25519")) {
      byte[] out = new byte[32];
      X25519KeyTables.x25519(v.hex("scalar"), 0, v.hex("u"), 0, out, 0);
      assertThat(Vectors.hex(out)).isEqualTo(v.text("output"));
    }
  }

  @Test
  void reproducesRfc7748Section61() {
    Vector v = Vectors.load("x25519-dh").get(0);
    byte[] shared = new byte[32];
    X25519KeyTables.x25519(v.hex("alice_private"), 0, v.hex("bob_public"), 0, shared, 0);
    assertThat(shared).isEqualTo(v.hex("shared"));
    X25519KeyTables.x25519(v.hex("bob_private"), 0, v.hex("alice_public"), 0, shared, 0);
    assertThat(shared).isEqualTo(v.hex("shared"));
  }

  @Test
  void reproducesRfc7748IteratedVectorsForAThousandIterations() {
    byte[] k = new byte[32];
    byte[] u = new byte[32];
    k[0] = 9;
    u[0] = 9;
    int done = 0;
    for (Vector v : Vectors.load("x25519-iterated")) {
      int target = Integer.parseInt(v.text("iterations"));
      if (target > 1000) {
        continue;
      }
      for (; done < target; done++) {
        byte[] r = new byte[32];
        X25519KeyTable.of(u, 0).scalarMult(X25519Ladder.clamp(k, 0), 0, r, 0);
        u = k;
        k = r;
      }
      assertThat(Vectors.hex(k)).isEqualTo(v.text("k"));
    }
  }

  @Test
  void theCacheKeepsOneTablePerKeyAndForgetsTheLeastRecentlyUsed() {
    byte[] first = TestKeys.publicKey(KeyKind.HONEST, new byte[32]);
    X25519KeyTable kept = X25519KeyTables.forKey(first, 0);
    assertThat(X25519KeyTables.forKey(first.clone(), 0)).isSameAs(kept);
    // A key at an offset is the same key.
    byte[] shifted = new byte[40];
    System.arraycopy(first, 0, shifted, 5, 32);
    assertThat(X25519KeyTables.forKey(shifted, 5)).isSameAs(kept);
    for (int i = 1; i <= X25519KeyTables.CAPACITY; i++) {
      byte[] u = Curve25519Points.encode(BigInteger.valueOf(1000 + i));
      X25519KeyTables.forKey(u, 0);
    }
    X25519KeyTable rebuilt = X25519KeyTables.forKey(first, 0);
    assertThat(rebuilt).isNotSameAs(kept);
    byte[] k = new byte[32];
    k[3] = 42;
    assertThat(table(rebuilt, k)).isEqualTo(table(kept, k)).isEqualTo(ladder(k, first));
  }

  @Test
  void threadsSharingTheCacheGetTheLaddersResults() throws Exception {
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) i;
      seed[9] = 77;
      keys.add(TestKeys.publicKey(KeyKind.values()[i], seed));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int id = thread;
        done.add(
            pool.submit(
                () -> {
                  byte[] k = new byte[32];
                  for (int i = 0; i < 30; i++) {
                    k[0] = (byte) i;
                    k[31] = (byte) (id * 37 + i);
                    byte[] u = keys.get((i + id) % keys.size());
                    byte[] out = new byte[32];
                    X25519KeyTables.forKey(u, 0).scalarMult(k, 0, out, 0);
                    assertThat(out).isEqualTo(ladder(k, u));
                  }
                  return null;
                }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
