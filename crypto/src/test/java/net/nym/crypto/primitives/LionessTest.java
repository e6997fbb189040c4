package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
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

  /** Decrypting into a separate array gives the in-place result and leaves the input alone. */
  @Property(tries = 60)
  void decryptIntoSeparateOutputMatchesInPlace(
      @ForAll @Size(192) byte[] key,
      @ForAll @Size(min = 33, max = 5000) byte[] block,
      @ForAll @IntRange(max = 3) int inOffset,
      @ForAll @IntRange(max = 3) int outOffset) {
    byte[] in = new byte[inOffset + block.length];
    System.arraycopy(block, 0, in, inOffset, block.length);
    byte[] out = new byte[outOffset + block.length + 2];
    byte[] inPlace = block.clone();
    Lioness.decrypt(key, 0, inPlace, 0, inPlace.length);
    Lioness.decrypt(key, 0, in, inOffset, out, outOffset, block.length);
    assertThat(Arrays.copyOfRange(in, inOffset, in.length)).isEqualTo(block);
    assertThat(Arrays.copyOfRange(out, outOffset, outOffset + block.length)).isEqualTo(inPlace);
    assertThat(Arrays.copyOfRange(out, outOffset + block.length, out.length)).containsOnly(0);
  }
}
