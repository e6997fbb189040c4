package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

class Blake2bTest {
  @Test
  void reproducesRfc7693AndReferenceVectors() {
    var vectors = Vectors.load("blake2b");
    assertThat(vectors).hasSize(4);
    for (Vector v : vectors) {
      byte[] digest =
          Blake2b.digest(Integer.parseInt(v.text("digest_length")), v.hex("key"), v.hex("message"));
      assertThat(Vectors.hex(digest)).isEqualTo(v.text("digest"));
    }
  }

  @Property(tries = 60)
  void matchesBouncyCastle(
      @ForAll @Size(max = 64) byte[] key,
      @ForAll @Size(max = 600) byte[] data,
      @ForAll @IntRange(min = 1, max = 64) int digestLength) {
    byte[] ours = Blake2b.digest(digestLength, key, data);
    Blake2bDigest bc = new Blake2bDigest(key.length == 0 ? null : key, digestLength, null, null);
    bc.update(data, 0, data.length);
    byte[] theirs = new byte[digestLength];
    bc.doFinal(theirs, 0);
    assertThat(ours).isEqualTo(theirs);
  }
}
