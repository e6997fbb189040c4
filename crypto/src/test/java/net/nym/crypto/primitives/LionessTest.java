package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.junit.jupiter.api.Test;

class LionessTest {
  @Test
  void reproducesTheLionessCrateVector() {
    Vector v = Vectors.load("lioness").get(0);
    Lioness cipher = Lioness.of(v.hex("key"));
    byte[] block = v.hex("plaintext");
    cipher.encrypt(block, 0, block.length);
    assertThat(Vectors.hex(block)).isEqualTo(v.text("ciphertext"));
    cipher.decrypt(block, 0, block.length);
    assertThat(block).isEqualTo(v.hex("plaintext"));
  }

  @Test
  void rejectsBlocksOfThirtyTwoBytesOrLess() {
    Lioness cipher = Lioness.of(new byte[Lioness.KEY_LENGTH]);
    assertThatThrownBy(() -> cipher.encrypt(new byte[32], 0, 32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 30)
  void decryptInvertsEncrypt(
      @ForAll @Size(192) byte[] key, @ForAll @Size(min = 33, max = 400) byte[] block) {
    Lioness cipher = Lioness.of(key);
    byte[] copy = block.clone();
    cipher.encrypt(copy, 0, copy.length);
    assertThat(copy).isNotEqualTo(block);
    cipher.decrypt(copy, 0, copy.length);
    assertThat(copy).isEqualTo(block);
  }
}
