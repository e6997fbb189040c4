package net.nym.crypto.sphinx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.nym.crypto.testing.FixedRandom;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/** Interop: the key expansion reproduces the sphinx-packet crate's own fixed vector. */
class ExpandedSecretTest {
  @Test
  void reproducesTheSphinxCrateExpansionVector() {
    Vector v = Vectors.load("sphinx-expanded-secret").get(0);
    FixedRandom rng = new FixedRandom(v.hex("rng_seed"));
    byte[] sk1 = new byte[32];
    byte[] sk2 = new byte[32];
    rng.nextBytes(sk1);
    rng.nextBytes(sk2);
    byte[] pk1 = new byte[32];
    X25519.scalarMultBase(sk1, 0, pk1, 0);
    byte[] shared = new byte[32];
    X25519.scalarMult(sk2, 0, pk1, 0, shared, 0);

    byte[] e = ExpandedSecret.expand(shared);

    assertThat(Arrays.copyOfRange(e, 0, 16)).isEqualTo(v.hex("stream_cipher_key"));
    assertThat(Arrays.copyOfRange(e, 16, 32)).isEqualTo(v.hex("header_integrity_mac_key"));
    assertThat(Arrays.copyOfRange(e, 32, 224)).isEqualTo(v.hex("legacy_payload_key"));
    assertThat(Arrays.copyOfRange(e, 224, 256)).isEqualTo(v.hex("blinding_factor"));
  }

  @Test
  void seedVersionDerivesTheKeyFromTheFirstSixteenPayloadBytes() {
    byte[] e = new byte[ExpandedSecret.LENGTH];
    for (int i = 0; i < e.length; i++) {
      e[i] = (byte) i;
    }
    byte[] viaVersion = ExpandedSecret.payloadKey(e, SphinxVersion.PAYLOAD_KEY_SEEDS);
    byte[] viaSeed = ExpandedSecret.derivePayloadKey(Arrays.copyOfRange(e, 32, 48), 0);
    assertThat(viaVersion).isEqualTo(viaSeed).hasSize(192);
    assertThat(ExpandedSecret.payloadKey(e, SphinxVersion.EXPLICIT_PAYLOAD_KEYS))
        .isEqualTo(Arrays.copyOfRange(e, 32, 224));
  }
}
