package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
  @Test
  void reproducesRfc4231TestCases() {
    var vectors = Vectors.load("hmac-sha256");
    assertThat(vectors).hasSize(7);
    for (Vector v : vectors) {
      byte[] expected = v.hex("mac");
      byte[] data = v.hex("data");
      byte[] mac = new HmacSha256(v.hex("key")).mac(data);
      assertThat(Arrays.copyOf(mac, expected.length)).isEqualTo(expected);
      assertThat(
              new HmacSha256(v.hex("key"))
                  .verifyTruncated(data, 0, data.length, expected, 0, expected.length))
          .isTrue();
    }
  }

  @Test
  void truncatedVerificationRejectsAChangedTag() {
    HmacSha256 mac = new HmacSha256(new byte[] {1});
    byte[] data = {9, 9, 9};
    byte[] tag = Arrays.copyOf(mac.mac(data), 16);
    tag[15] ^= 1;
    assertThat(mac.verifyTruncated(data, 0, data.length, tag, 0, 16)).isFalse();
  }

  @Property(tries = 40)
  void matchesTheJdkMac(
      @ForAll @Size(min = 1, max = 200) byte[] key, @ForAll @Size(max = 400) byte[] data)
      throws Exception {
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(key, "HmacSHA256"));
    assertThat(new HmacSha256(key).mac(data)).isEqualTo(jdk.doFinal(data));
  }
}
