package net.nym.client.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.sphinx.ReplySurb;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxVersion;
import net.nym.mixnet.framing.KeyRotation;
import org.junit.jupiter.api.Test;

class NymMessageTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  static Recipient recipient(int seed) {
    byte[] b = new byte[32];
    b[0] = (byte) seed;
    return new Recipient(Ed25519KeyPair.fromPrivateKey(b).publicKey(),
        X25519KeyPair.fromPrivateKey(b).publicKey(), Ed25519KeyPair.fromPrivateKey(
            new byte[] {(byte) (seed + 1), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).publicKey());
  }

  static List<ReplySurb> surbs(int n) {
    List<SphinxNode> route = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      route.add(new SphinxNode(net.nym.crypto.address.NodeAddress.of(
          new byte[] {127, 0, 0, 1}, 2000 + i), X25519KeyPair.generate(RANDOM).publicKey()));
    }
    List<ReplySurb> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ReplySurb.create(route, List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO,
          Duration.ZERO), SphinxDestination.forRecipient(recipient(1)),
          SphinxVersion.PAYLOAD_KEY_SEEDS, RANDOM));
    }
    return out;
  }

  @Test
  void plainVector() throws Exception {
    NymMessage m = new NymMessage.Plain(new byte[] {1, 2, 3});
    assertThat(HEX.formatHex(m.toBytes())).isEqualTo("00010203");
    assertThat(NymMessage.fromBytes(m.toBytes())).isEqualTo(m);
  }

  @Test
  void replyVectors() throws Exception {
    NymMessage data = new NymMessage.Reply(ReplyMessage.data(new byte[] {9}));
    assertThat(HEX.formatHex(data.toBytes())).isEqualTo("020009");
    Recipient r = recipient(7);
    NymMessage req = new NymMessage.Reply(ReplyMessage.surbRequest(r, 300));
    byte[] b = req.toBytes();
    assertThat(b).hasSize(1 + 1 + 96 + 4);
    assertThat(HEX.formatHex(b, 0, 2)).isEqualTo("0201");
    assertThat(HEX.formatHex(b, 98, 102)).isEqualTo("0000012c");
    assertThat(NymMessage.fromBytes(b)).isEqualTo(req);
  }

  @Test
  void repliableV2Layout() throws Exception {
    AnonymousSenderTag tag = AnonymousSenderTag.of(HEX.parseHex(
        "000102030405060708090a0b0c0d0e0f"));
    List<ReplySurb> s = surbs(2);
    RepliableMessage body = RepliableMessage.data(tag, new byte[] {(byte) 0xee},
        new SurbList(s, KeyRotation.EVEN));
    byte[] b = new NymMessage.Repliable(body).toBytes();
    // type 1, tag, content tag 3 (DataV2), count 2, 4 hops, rotation 2, 2 × 460-byte SURBs, data.
    assertThat(HEX.formatHex(b, 0, 22))
        .isEqualTo("01000102030405060708090a0b0c0d0e0f03000204" + "02");
    assertThat(b).hasSize(1 + 16 + 1 + 4 + 2 * 460 + 1);
    assertThat(b[b.length - 1]).isEqualTo((byte) 0xee);
    NymMessage back = NymMessage.fromBytes(b);
    assertThat(back).isInstanceOf(NymMessage.Repliable.class);
    assertThat(((NymMessage.Repliable) back).body()).isEqualTo(body);
  }

  @Test
  void additionalSurbsHaveNoData() throws Exception {
    RepliableMessage m = RepliableMessage.additionalSurbs(AnonymousSenderTag.random(RANDOM),
        new SurbList(surbs(1), KeyRotation.UNKNOWN));
    byte[] b = m.toBytes();
    assertThat(b[16]).isEqualTo((byte) 4);
    assertThat(RepliableMessage.fromBytes(b)).isEqualTo(m);
  }

  @Test
  void v1SurbListsAreRead() throws Exception {
    // A v1 list with zero SURBs followed by data, content tag 0.
    byte[] b = HEX.parseHex("0f0e0d0c0b0a09080706050403020100" + "00" + "00000000" + "abcd");
    RepliableMessage m = RepliableMessage.fromBytes(b);
    assertThat(m.kind()).isEqualTo(RepliableMessage.Kind.DATA);
    assertThat(m.data()).containsExactly(0xab, 0xcd);
    assertThat(SurbList.readV1(ByteBuffer.wrap(HEX.parseHex("00000000"))).surbs()).isEmpty();
  }

  @Test
  void refusesMalformedMessages() {
    assertThatThrownBy(() -> NymMessage.fromBytes(new byte[0])).hasMessageContaining("empty");
    assertThatThrownBy(() -> NymMessage.fromBytes(new byte[] {3}))
        .hasMessageContaining("unknown message type 3");
    assertThatThrownBy(() -> NymMessage.fromBytes(HEX.parseHex("01" + "00".repeat(16) + "03"
        + "0005040000"))).isInstanceOf(MessageFormatException.class);
    assertThatThrownBy(() -> NymMessage.fromBytes(HEX.parseHex("0207")))
        .hasMessageContaining("unknown reply content tag 7");
    assertThatThrownBy(() -> Padding.unpad(new byte[] {0, 0, 0}))
        .hasMessageContaining("0x01");
  }

  @Test
  void paddingCutsAtTheLastOne() throws Exception {
    assertThat(Padding.unpad(HEX.parseHex("0001020100"))).containsExactly(0, 1, 2);
    assertThat(Padding.pad(new byte[] {5}, 3)).containsExactly(5, 1, 0, 0, 0);
  }

  @Test
  void senderTagBase58() throws Exception {
    AnonymousSenderTag t = AnonymousSenderTag.random(RANDOM);
    assertThat(AnonymousSenderTag.fromBase58(t.toBase58())).isEqualTo(t);
    assertThatThrownBy(() -> AnonymousSenderTag.fromBase58("abc"))
        .isInstanceOf(MessageFormatException.class);
  }
}
