package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.junit.jupiter.api.Test;

class AesCtrTest {
  @Test
  void reproducesNistSp80038aF51() {
    Vector v = Vectors.load("aes-128-ctr").get(0);
    byte[] key = v.hex("key");
    byte[] data = v.hex("plaintext");
    AesCtr.xor(key, 0, 16, v.hex("counter"), data, 0, data.length, data, 0);
    assertThat(Vectors.hex(data)).isEqualTo(v.text("ciphertext"));
  }

  @Test
  void keystreamWithZeroIvIsTheEncryptionOfZeros() {
    byte[] key = new byte[16];
    key[0] = 5;
    byte[] zeros = new byte[40];
    AesCtr.xor(key, 0, 16, new byte[16], zeros, 0, zeros.length, zeros, 0);
    assertThat(AesCtr.keystream(key, 0, 40)).isEqualTo(zeros);
  }
}
