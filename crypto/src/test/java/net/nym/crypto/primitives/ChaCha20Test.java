package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

class ChaCha20Test {
  @Test
  void reproducesRfc8439Vectors() {
    var vectors = Vectors.load("chacha20");
    assertThat(vectors).hasSize(3);
    for (Vector v : vectors) {
      byte[] data = v.hex("plaintext");
      ChaCha20.xor(
          v.hex("key"), 0, v.hex("nonce"), Long.parseLong(v.text("counter")), data, 0, data.length);
      assertThat(Vectors.hex(data)).isEqualTo(v.text("ciphertext"));
    }
  }

  @Test
  void nullNonceMeansZeroNonce() {
    byte[] key = new byte[32];
    key[3] = 7;
    byte[] a = new byte[100];
    byte[] b = new byte[100];
    ChaCha20.xor(key, 0, null, 0, a, 0, a.length);
    ChaCha20.xor(key, 0, new byte[8], 0, b, 0, b.length);
    assertThat(a).isEqualTo(b);
  }

  @Property(tries = 50)
  void matchesBouncyCastleOriginalChaCha(
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(8) byte[] nonce,
      @ForAll @Size(max = 300) byte[] data,
      @ForAll @IntRange(max = 3) int offset) {
    byte[] ours = new byte[data.length + offset];
    System.arraycopy(data, 0, ours, offset, data.length);
    ChaCha20.xor(key, 0, nonce, 0, ours, offset, data.length);
    ChaChaEngine bc = new ChaChaEngine(20);
    bc.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] theirs = new byte[data.length];
    bc.processBytes(data, 0, data.length, theirs, 0);
    assertThat(java.util.Arrays.copyOfRange(ours, offset, ours.length)).isEqualTo(theirs);
  }
}
