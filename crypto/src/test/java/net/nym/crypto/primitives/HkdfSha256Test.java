package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.junit.jupiter.api.Test;

class HkdfSha256Test {
  @Test
  void reproducesRfc5869TestCases1To3() {
    var vectors = Vectors.load("hkdf-sha256");
    assertThat(vectors).hasSize(3);
    for (Vector v : vectors) {
      HkdfSha256 hkdf = new HkdfSha256(v.hex("salt"));
      byte[] ikm = v.hex("ikm");
      assertThat(Vectors.hex(hkdf.extract(ikm, 0, ikm.length))).isEqualTo(v.text("prk"));
      byte[] okm =
          HkdfSha256.derive(v.hex("salt"), ikm, v.hex("info"), Integer.parseInt(v.text("length")));
      assertThat(Vectors.hex(okm)).isEqualTo(v.text("okm"));
    }
  }

  @Test
  void nullSaltEqualsEmptySalt() {
    byte[] ikm = {1, 2, 3};
    assertThat(HkdfSha256.derive(null, ikm, new byte[0], 50))
        .isEqualTo(HkdfSha256.derive(new byte[0], ikm, new byte[0], 50));
  }
}
