package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/** RFC 7748 vectors for the X25519 we use (Bouncy Castle's low-level class, via our key types). */
class X25519Test {
  @Test
  void reproducesRfc7748Section52() {
    for (Vector v : Vectors.load("x25519")) {
      byte[] out = new byte[32];
      X25519.scalarMult(v.hex("scalar"), 0, v.hex("u"), 0, out, 0);
      assertThat(Vectors.hex(out)).isEqualTo(v.text("output"));
    }
  }

  @Test
  void reproducesRfc7748IteratedVectors() {
    byte[] k = new byte[32];
    byte[] u = new byte[32];
    k[0] = 9;
    u[0] = 9;
    int done = 0;
    for (Vector v : Vectors.load("x25519-iterated")) {
      int target = Integer.parseInt(v.text("iterations"));
      for (; done < target; done++) {
        byte[] r = new byte[32];
        X25519.scalarMult(k, 0, u, 0, r, 0);
        u = k;
        k = r;
      }
      assertThat(Vectors.hex(k)).isEqualTo(v.text("k"));
    }
  }

  @Test
  void reproducesRfc7748Section61WithOurKeyTypes() {
    Vector v = Vectors.load("x25519-dh").get(0);
    X25519KeyPair alice = X25519KeyPair.fromPrivateKey(v.hex("alice_private"));
    X25519KeyPair bob = X25519KeyPair.fromPrivateKey(v.hex("bob_private"));
    assertThat(alice.publicKey().toBytes()).isEqualTo(v.hex("alice_public"));
    assertThat(bob.publicKey().toBytes()).isEqualTo(v.hex("bob_public"));
    assertThat(alice.agree(X25519PublicKey.fromBytes(v.hex("bob_public"))))
        .isEqualTo(v.hex("shared"));
    assertThat(bob.agree(alice.publicKey())).isEqualTo(v.hex("shared"));
  }
}
