package net.nym.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Ed25519PublicKeyTest {

  private static byte[] encodedY(int y) {
    byte[] b = new byte[Ed25519PublicKey.LENGTH];
    b[0] = (byte) y;
    return b;
  }

  @Test
  void acceptsEveryCurvePointAsDalekDoesEvenOutsideThePrimeOrderSubgroup() {
    // y = 3 decodes to a point on the curve that is not in the prime-order subgroup: Nym's
    // ed25519-dalek parses it, so a Recipient carrying it must parse here too.
    Ed25519PublicKey key = Ed25519PublicKey.fromBytes(encodedY(3));
    assertThat(key.toBytes()).isEqualTo(encodedY(3));
    assertThat(key.verify(new byte[] {1}, new byte[Ed25519KeyPair.SIGNATURE_LENGTH])).isFalse();
  }

  @Test
  void refusesBytesThatAreNoCurvePointAndWrongLengths() {
    assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(encodedY(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid curve point");
    assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 32 bytes, got 31");
  }

  @Test
  void base58RoundTripAndSignatureCheck() {
    Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
    Ed25519PublicKey key = Ed25519PublicKey.fromBase58(pair.publicKey().toBase58());
    assertThat(key).isEqualTo(pair.publicKey());
    byte[] sig = pair.sign(new byte[] {1, 2, 3});
    assertThat(key.verify(new byte[] {1, 2, 3}, sig)).isTrue();
    assertThat(key.verify(new byte[] {1, 2, 4}, sig)).isFalse();
    sig[0] ^= 1;
    assertThat(key.verify(new byte[] {1, 2, 3}, sig)).isFalse();
  }
}
