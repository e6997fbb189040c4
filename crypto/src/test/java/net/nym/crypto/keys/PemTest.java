package net.nym.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemTest {

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7 + 3);
    }
    return b;
  }

  @Test
  void encodesLikeNymsPemstore() {
    byte[] key = bytes(32);

    assertThat(Pem.encode(Pem.X25519_PUBLIC_KEY, key))
        .isEqualTo(
            "-----BEGIN X25519 PUBLIC KEY-----\r\n"
                + Base64.getEncoder().encodeToString(key)
                + "\r\n-----END X25519 PUBLIC KEY-----\r\n");
  }

  @Test
  void wrapsBase64At64Characters() {
    byte[] data = bytes(100);
    String base64 = Base64.getEncoder().encodeToString(data);

    String pem = Pem.encode("DATA", data);

    assertThat(pem)
        .isEqualTo(
            "-----BEGIN DATA-----\r\n"
                + base64.substring(0, 64)
                + "\r\n"
                + base64.substring(64, 128)
                + "\r\n"
                + base64.substring(128)
                + "\r\n-----END DATA-----\r\n");
    assertThat(Pem.encodeToBytes("DATA", data)).isEqualTo(pem.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void emptyContentsHaveNoBase64Lines() {
    assertThat(Pem.encode("EMPTY", new byte[0]))
        .isEqualTo("-----BEGIN EMPTY-----\r\n-----END EMPTY-----\r\n");
    assertThat(Pem.decode(Pem.encode("EMPTY", new byte[0])).contents()).isEmpty();
  }

  @Test
  void decodeRoundTripsAndChecksTheLabel() {
    byte[] data = bytes(200);

    Pem.Block block = Pem.decode(Pem.encode(Pem.ED25519_PRIVATE_KEY, data));

    assertThat(block.label()).isEqualTo("ED25519 PRIVATE KEY");
    assertThat(block.contents()).isEqualTo(data);
    assertThat(Pem.decode(Pem.encode(Pem.ED25519_PUBLIC_KEY, data), Pem.ED25519_PUBLIC_KEY))
        .isEqualTo(data);
  }

  @Test
  void decodeIsLenientAboutLineEndsSurroundingTextAndBlankSpace() {
    byte[] data = bytes(70);
    String base64 = Base64.getEncoder().encodeToString(data);
    String text =
        "explanatory text\n-----BEGIN X25519 PRIVATE KEY-----  \n\n  "
            + base64.substring(0, 10)
            + " \n"
            + base64.substring(10)
            + "\n-----END X25519 PRIVATE KEY-----\ntrailing text\n"
            + "-----BEGIN OTHER-----\nAAAA\n-----END OTHER-----\n";

    assertThat(Pem.decode(text, Pem.X25519_PRIVATE_KEY)).isEqualTo(data);
  }

  @Test
  void labelMismatchNamesBothLabels() {
    String pem = Pem.encode(Pem.X25519_PRIVATE_KEY, bytes(32));

    assertThatThrownBy(() -> Pem.decode(pem, Pem.ED25519_PRIVATE_KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected a PEM block labelled \"ED25519 PRIVATE KEY\", found \"X25519 PRIVATE KEY\"");
  }

  @Test
  void missingBeginLineIsRefused() {
    assertThatThrownBy(() -> Pem.decode("hello\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no PEM block: expected a line \"-----BEGIN <label>-----\"");
    assertThatThrownBy(() -> Pem.decode("x -----BEGIN A-----\n-----END A-----\n"))
        .hasMessageStartingWith("no PEM block");
  }

  @Test
  void malformedBeginLineIsRefused() {
    assertThatThrownBy(() -> Pem.decode("-----BEGIN A\nAAAA\n-----END A-----\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "malformed PEM BEGIN line \"-----BEGIN A\": expected \"-----BEGIN <label>-----\"");
  }

  @Test
  void truncatedBlockIsRefused() {
    String pem = Pem.encode("KEY", bytes(32));

    assertThatThrownBy(() -> Pem.decode(pem.substring(0, pem.length() / 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PEM block \"KEY\" has no \"-----END KEY-----\" line (file truncated?)");
  }

  @Test
  void mismatchedEndLabelIsRefused() {
    assertThatThrownBy(() -> Pem.decode("-----BEGIN A-----\nAAAA\n-----END B-----\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PEM block \"A\" ends with \"-----END B-----\", expected \"-----END A-----\"");
  }

  @Test
  void badBase64IsRefused() {
    assertThatThrownBy(() -> Pem.decode("-----BEGIN A-----\nAA*A\n-----END A-----\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("PEM block \"A\" is not valid base64: ");
  }

  @Test
  void invalidLabelsAreRefusedWhenEncoding() {
    for (String label : new String[] {"", " A", "A ", "A-B", "A\nB", "É"}) {
      assertThatThrownBy(() -> Pem.encode(label, new byte[1]))
          .as(label)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid PEM label");
    }
  }

  @Test
  void blocksCompareByLabelAndContents() {
    Pem.Block a = Pem.decode(Pem.encode("A", bytes(3)));

    assertThat(a).isEqualTo(Pem.decode(Pem.encode("A", bytes(3))));
    assertThat(a).isNotEqualTo(Pem.decode(Pem.encode("B", bytes(3))));
    assertThat(a.toString()).isEqualTo("Pem.Block[A, 3 bytes]");
  }
}
