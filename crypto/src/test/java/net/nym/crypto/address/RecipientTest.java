package net.nym.crypto.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.nym.crypto.testing.Vectors;
import org.junit.jupiter.api.Test;

class RecipientTest {
  /** The 96 bytes of {@code mock_recipient()} in Nym's clients.rs tests. */
  private static final byte[] NYM_MOCK =
      Vectors.hex(
          "43058492"
              + "03ec7459fe39839f45b537d00c6c88533a4cabc31f625c4044359cb8"
              + "64bd4903ee679c6c7cc72a4fac6251b1b664a7a44ab7c7d5a2ad66701e9f9442"
              + "2c4be6b68a72aaa3d152cc64765b3996d49397879410d5dfb6a4f225284989e4");

  @Test
  void bytesAndTextRoundTrip() throws Exception {
    Recipient r = Recipient.fromBytes(NYM_MOCK);
    assertThat(r.toBytes()).isEqualTo(NYM_MOCK);
    String text = r.toString();
    assertThat(text).matches("[1-9A-HJ-NP-Za-km-z]+\\.[1-9A-HJ-NP-Za-km-z]+@[1-9A-HJ-NP-Za-km-z]+");
    assertThat(Recipient.parse(text)).isEqualTo(r);
    assertThat(text).startsWith(r.identity().toBase58() + "." + r.encryptionKey().toBase58() + "@");
  }

  @Test
  void malformedTextNamesTheProblem() throws Exception {
    String good = Recipient.fromBytes(NYM_MOCK).toString();
    String client = good.substring(0, good.indexOf('@'));
    String gateway = good.substring(good.indexOf('@') + 1);
    assertThatThrownBy(() -> Recipient.parse(client))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("exactly one '@'");
    assertThatThrownBy(() -> Recipient.parse(good + "@x"))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("exactly one '@'");
    assertThatThrownBy(() -> Recipient.parse(client.replace(".", "") + "@" + gateway))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("exactly one '.'");
    assertThatThrownBy(() -> Recipient.parse("0" + good))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("identity key");
    assertThatThrownBy(() -> Recipient.parse(client.replace(".", ".1") + "@" + gateway))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("encryption key");
    assertThatThrownBy(() -> Recipient.parse(client + "@" + gateway + "l"))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("gateway");
    assertThatThrownBy(() -> Recipient.fromBytes(new byte[95]))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("96 bytes");
  }
}
