package net.nym.client.core.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.nym.client.core.message.MessageFormatException;
import org.junit.jupiter.api.Test;

class FragmentTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void unlinkedHeaderVector() {
    // docs/protocol/client-message.md, vector F1.
    Fragment f = new Fragment(0x12345678, 3, 2, 0, 0, new byte[] {(byte) 0xaa, (byte) 0xbb});
    assertThat(HEX.formatHex(f.toBytes())).isEqualTo("92345678030200aabb");
  }

  @Test
  void linkedHeaderVectors() throws Exception {
    // F2: first fragment of a set that follows set 0x01020304.
    Fragment first = new Fragment(0x00000005, 10, 1, 0x01020304, 0, new byte[] {7});
    assertThat(HEX.formatHex(first.toBytes())).isEqualTo("800000050a018102030407");
    // F3: last fragment of a full set, linking forward to set 9.
    Fragment last = new Fragment(5, 255, 255, 0, 9, new byte[0]);
    assertThat(HEX.formatHex(last.toBytes())).isEqualTo("80000005ffff80000009");
    assertThat(Fragment.fromBytes(first.toBytes())).isEqualTo(first);
    assertThat(Fragment.fromBytes(last.toBytes())).isEqualTo(last);
  }

  @Test
  void identifierVector() {
    assertThat(HEX.formatHex(new FragmentIdentifier(0x12345678, 2).toBytes()))
        .isEqualTo("1234567802");
    assertThat(FragmentIdentifier.fromBytes(new byte[5]).isCover()).isTrue();
  }

  @Test
  void refusesMalformedHeaders() {
    assertThatThrownBy(() -> Fragment.fromBytes(HEX.parseHex("123456780302")))
        .isInstanceOf(MessageFormatException.class).hasMessageContaining("7 bytes");
    assertThatThrownBy(() -> Fragment.fromBytes(HEX.parseHex("12345678030200")))
        .hasMessageContaining("flag bit");
    assertThatThrownBy(() -> Fragment.fromBytes(HEX.parseHex("92345678030400")))
        .hasMessageContaining("4 of 3");
    // A link on a middle fragment.
    assertThatThrownBy(() -> Fragment.fromBytes(HEX.parseHex("923456780302" + "80000009")))
        .hasMessageContaining("may not carry a link");
    // A link without its flag bit (byte 6 non-zero marks a link).
    assertThatThrownBy(() -> Fragment.fromBytes(HEX.parseHex("923456780301" + "01000009")))
        .isInstanceOf(MessageFormatException.class);
  }
}
