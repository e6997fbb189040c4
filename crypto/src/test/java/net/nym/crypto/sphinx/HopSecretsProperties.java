package net.nym.crypto.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.testing.Curve25519Points;
import net.nym.crypto.testing.FixedRandom;
import net.nym.crypto.testing.TestKeys;
import net.nym.crypto.testing.TestKeys.KeyKind;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/**
 * {@link HopSecrets} gives exactly the shared secrets of Sphinx's clamped chain {@code
 * X25519(b_(i-1), … X25519(b_0, X25519(x, P_i)))}, for honest keys and for keys no honest node
 * has: a small-order component added, small order, on the twist.
 */
class HopSecretsProperties {
  record Hop(KeyKind kind, byte[] seed) {
    byte[] publicKey() {
      return TestKeys.publicKey(kind, seed);
    }

    @Override
    public String toString() {
      return kind + ":" + Curve25519Points.decode(seed).toString(16);
    }
  }

  @Provide
  Arbitrary<List<Hop>> routes() {
    return Combinators.combine(
            Arbitraries.of(KeyKind.class), Arbitraries.bytes().array(byte[].class).ofSize(32))
        .as(Hop::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5);
  }

  /** The chain as {@code sphinx-packet} computes it: i + 1 clamped multiplications for hop i. */
  private static List<byte[]> clampedChain(byte[] x, List<byte[]> keys) {
    List<byte[]> secrets = new ArrayList<>();
    List<byte[]> expanded = new ArrayList<>();
    for (byte[] key : keys) {
      byte[] s = new byte[32];
      X25519.scalarMult(x, 0, key, 0, s, 0);
      for (byte[] e : expanded) {
        X25519.scalarMult(e, ExpandedSecret.BLINDING_FACTOR, s, 0, s, 0);
      }
      secrets.add(s);
      expanded.add(ExpandedSecret.expand(s));
    }
    return secrets;
  }

  private static List<byte[]> oneMultiplicationPerHop(byte[] x, List<byte[]> keys) {
    List<byte[]> secrets = new ArrayList<>();
    HopSecrets h = new HopSecrets(x, keys.size());
    byte[] previous = null;
    for (byte[] key : keys) {
      byte[] s = h.next(X25519PublicKey.fromBytes(key), previous);
      secrets.add(s);
      previous = ExpandedSecret.expand(s);
    }
    return secrets;
  }

  @Property(tries = 300)
  void equalsTheClampedChainForAnyKeys(
      @ForAll("routes") List<Hop> route, @ForAll @Size(32) byte[] ephemeral) {
    List<byte[]> keys = route.stream().map(Hop::publicKey).toList();
    List<byte[]> expected = clampedChain(ephemeral, keys);
    List<byte[]> actual = oneMultiplicationPerHop(ephemeral, keys);
    for (int i = 0; i < keys.size(); i++) {
      assertThat(actual.get(i)).as("hop %d", i).isEqualTo(expected.get(i));
    }
  }

  @Property(tries = 200)
  void torsionKeysGiveTheHonestKeysSecret(
      @ForAll @Size(32) byte[] seed, @ForAll @Size(32) byte[] ephemeral) {
    byte[] honest = new Hop(KeyKind.HONEST, seed).publicKey();
    byte[] order8 = new Hop(KeyKind.WITH_ORDER_8_COMPONENT, seed).publicKey();
    assertThat(order8).isNotEqualTo(honest);
    assertThat(oneMultiplicationPerHop(ephemeral, List.of(honest)).get(0))
        .isEqualTo(oneMultiplicationPerHop(ephemeral, List.of(order8)).get(0));
  }

  @Property(tries = 500)
  void montgomeryMultiplicationIsModularMultiplication(
      @ForAll @Size(32) byte[] a, @ForAll @Size(32) byte[] b) {
    BigInteger order =
        BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
    BigInteger x = Curve25519Points.decode(a).mod(order);
    BigInteger y = Curve25519Points.decode(b).shiftRight(1); // any value below 2^255
    int[] r = new int[8];
    HopSecrets.montMul(HopSecrets.limbs(x), HopSecrets.limbs(y), r);
    BigInteger expected =
        x.multiply(y).multiply(BigInteger.ONE.shiftLeft(256).modInverse(order)).mod(order);
    assertThat(r).isEqualTo(HopSecrets.limbs(expected));
  }

  @Test
  void aRouteThroughASmallOrderKeyIsRefused() {
    for (BigInteger u : Curve25519Points.SMALL_ORDER_U) {
      List<SphinxNode> route = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        byte[] sk = new byte[32];
        sk[0] = (byte) (i + 1);
        route.add(
            new SphinxNode(
                NodeAddress.of(new byte[] {10, 0, 0, (byte) i}, 1789),
                X25519PublicKey.fromBytes(Curve25519Points.encode(Curve25519Points.publicKey(sk)))));
      }
      route.set(1, new SphinxNode(route.get(1).address(),
          X25519PublicKey.fromBytes(Curve25519Points.encode(u))));
      assertThatThrownBy(
              () ->
                  SphinxPacket.builder()
                      .route(route)
                      .delays(Collections.nCopies(3, Duration.ZERO))
                      .destination(SphinxDestination.of(new byte[32]))
                      .random(FixedRandom.ofByte(7))
                      .build(new byte[10]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("hop 1 has a low-order public key");
    }
  }
}
