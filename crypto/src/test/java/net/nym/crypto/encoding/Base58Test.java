package net.nym.crypto.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.junit.jupiter.api.Test;

class Base58Test {
  @Test
  void reproducesBitcoinVectors() {
    var vectors = Vectors.load("base58");
    assertThat(vectors).hasSize(12);
    for (Vector v : vectors) {
      assertThat(Base58.encode(v.hex("hex"))).isEqualTo(v.text("text"));
      assertThat(Base58.decode(v.text("text"))).isEqualTo(v.hex("hex"));
    }
  }

  @Test
  void rejectsCharactersOutsideTheAlphabet() {
    assertThatThrownBy(() -> Base58.decode("abc0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0'");
  }
}
