package net.nym.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;

import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.junit.jupiter.api.Test;

class Ed25519KeyPairTest {
  @Test
  void reproducesRfc8032Section71Tests1To3() {
    var vectors = Vectors.load("ed25519");
    assertThat(vectors).hasSize(3);
    for (Vector v : vectors) {
      Ed25519KeyPair pair = Ed25519KeyPair.fromPrivateKey(v.hex("secret"));
      assertThat(pair.publicKey().toBytes()).isEqualTo(v.hex("public"));
      byte[] message = v.hex("message");
      byte[] signature = pair.sign(message);
      assertThat(Vectors.hex(signature)).isEqualTo(v.text("signature"));
      Ed25519PublicKey pub = Ed25519PublicKey.fromBytes(v.hex("public"));
      assertThat(pub.verify(message, signature)).isTrue();
      signature[0] ^= 1;
      assertThat(pub.verify(message, signature)).isFalse();
    }
  }
}
