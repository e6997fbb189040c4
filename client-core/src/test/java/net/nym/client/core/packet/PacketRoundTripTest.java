package net.nym.client.core.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.nym.client.core.chunking.Chunker;
import net.nym.client.core.chunking.Fragment;
import net.nym.client.core.chunking.FragmentIdentifier;
import net.nym.client.core.chunking.MessageReconstructor;
import net.nym.client.core.message.AnonymousSenderTag;
import net.nym.client.core.message.NymMessage;
import net.nym.client.core.message.ReplyMessage;
import net.nym.client.core.message.RepliableMessage;
import net.nym.client.core.message.SurbList;
import net.nym.crypto.gateway.Blake3;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.ReplySurb;
import net.nym.mixnet.framing.KeyRotation;
import org.junit.jupiter.api.Test;

class PacketRoundTripTest {
  private final TestNet net = new TestNet();
  private final TestNet.Client alice = net.client();
  private final TestNet.Client bob = net.client();

  @Test
  void aMessageTravelsAndItsAckComesBack() throws Exception {
    byte[] text = "hello through the mixnet".getBytes(StandardCharsets.UTF_8);
    List<Fragment> fs = Chunker.fragments(new NymMessage.Plain(text), PacketSize.REGULAR,
        net.random);
    assertThat(fs).hasSize(1);
    PreparedPacket p = alice.preparer.fragment(fs.get(0), bob.address, net.route(), net.route());
    assertThat(p.mixPacket().packet()).hasSize(PacketSize.REGULAR.size());
    assertThat(p.mixPacket().nextHop()).isEqualTo(net.mixes.get(0).address());
    // forward 1+2+3 ms, ack 1+2+3 ms
    assertThat(p.expectedDelay().toMillis()).isEqualTo(12);

    TestNet.Delivered d = net.deliver(p.mixPacket().nextHop(), p.mixPacket().packet());
    assertThat(d.client()).isEqualTo(bob.address.identity().toBytes());
    assertThat(d.pushed()).hasSize(2048 - 405);
    Received r = bob.receiver.classify(d.pushed());
    assertThat(r).isInstanceOf(Received.Data.class);
    Received.Data data = (Received.Data) r;
    assertThat(data.viaReplySurb()).isFalse();
    byte[] padded = new MessageReconstructor().insert(data.fragment()).orElseThrow();
    assertThat(Chunker.decode(padded)).isEqualTo(new NymMessage.Plain(text));

    // The gateway sends the SURB-ack; it comes back to Alice with her fragment id.
    TestNet.Delivered ack = net.deliver(d.ackFirstHop(), d.ackPacket());
    assertThat(ack.client()).isEqualTo(alice.address.identity().toBytes());
    assertThat(ack.pushed()).hasSize(21);
    assertThat(alice.receiver.classify(ack.pushed()))
        .isEqualTo(new Received.Ack(fs.get(0).identifier()));
    // Bob cannot read Alice's ack.
    assertThat(bob.receiver.classify(ack.pushed()))
        .isNotEqualTo(new Received.Ack(fs.get(0).identifier()));
  }

  @Test
  void anonymousRoundTripThroughAReplySurb() throws Exception {
    // Alice makes a SURB to herself and keeps its key by digest.
    ReplySurb surb = alice.preparer.replySurb(net.route());
    alice.replyKeys.put(HexFormat.of().formatHex(Blake3.hash(surb.encryptionKey())),
        surb.encryptionKey());
    AnonymousSenderTag tag = AnonymousSenderTag.random(net.random);
    NymMessage repliable = new NymMessage.Repliable(RepliableMessage.data(tag,
        "question".getBytes(StandardCharsets.UTF_8), new SurbList(List.of(surb),
            KeyRotation.UNKNOWN)));
    List<Fragment> fs = Chunker.fragments(repliable, PacketSize.REGULAR, net.random);
    PreparedPacket p = alice.preparer.fragment(fs.get(0), bob.address, net.route(), net.route());
    Received.Data got = (Received.Data) bob.receiver.classify(
        net.deliver(p.mixPacket().nextHop(), p.mixPacket().packet()).pushed());
    NymMessage.Repliable at = (NymMessage.Repliable) Chunker.decode(
        new MessageReconstructor().insert(got.fragment()).orElseThrow());
    assertThat(at.body().senderTag()).isEqualTo(tag);
    ReplySurb received = at.body().surbs().surbs().get(0);

    // Bob replies through the SURB without knowing Alice's address.
    NymMessage reply = new NymMessage.Reply(ReplyMessage.data(
        "answer".getBytes(StandardCharsets.UTF_8)));
    Fragment rf = Chunker.fragments(reply, PacketSize.REGULAR, net.random).get(0);
    PreparedPacket rp = bob.preparer.reply(rf, received, net.route(),
        java.time.Duration.ofMillis(15));
    TestNet.Delivered d = net.deliver(rp.mixPacket().nextHop(), rp.mixPacket().packet());
    assertThat(d.client()).isEqualTo(alice.address.identity().toBytes());
    Received r = alice.receiver.classify(d.pushed());
    assertThat(r).isInstanceOf(Received.Data.class);
    assertThat(((Received.Data) r).viaReplySurb()).isTrue();
    NymMessage back = Chunker.decode(new MessageReconstructor()
        .insert(((Received.Data) r).fragment()).orElseThrow());
    assertThat(back.data()).isEqualTo("answer".getBytes(StandardCharsets.UTF_8));
    // The key was used once.
    assertThat(alice.replyKeys).isEmpty();
    // Bob's SURB-ack goes back to Bob.
    TestNet.Delivered ack = net.deliver(d.ackFirstHop(), d.ackPacket());
    assertThat(bob.receiver.classify(ack.pushed())).isEqualTo(new Received.Ack(rf.identifier()));
  }

  @Test
  void loopCoverIsRecognisedAndRegularSized() throws Exception {
    PreparedPacket c = alice.preparer.loopCover(net.route(), net.route(), PacketSize.REGULAR);
    assertThat(c.mixPacket().packet()).hasSize(PacketSize.REGULAR.size());
    assertThat(c.id()).isEqualTo(FragmentIdentifier.COVER);
    TestNet.Delivered d = net.deliver(c.mixPacket().nextHop(), c.mixPacket().packet());
    assertThat(d.client()).isEqualTo(alice.address.identity().toBytes());
    assertThat(alice.covers.size()).isEqualTo(1);
    assertThat(alice.receiver.classify(d.pushed())).isEqualTo(new Received.Cover());
    assertThat(alice.covers.size()).isZero();
    Received ack = alice.receiver.classify(net.deliver(d.ackFirstHop(), d.ackPacket()).pushed());
    assertThat(PacketReceiver.isCoverAck(ack)).isTrue();
  }

  @Test
  void aLoopCoverWhoseKeyWasForgottenIsStillRecognisedByItsContent() throws Exception {
    PreparedPacket c = alice.preparer.loopCover(net.route(), net.route(), PacketSize.REGULAR);
    TestNet.Delivered d = net.deliver(c.mixPacket().nextHop(), c.mixPacket().packet());
    PacketReceiver afterRestart = new PacketReceiver(alice.encryption, alice.ackKey,
        k -> Optional.empty(), new OwnCovers());
    assertThat(afterRestart.classify(d.pushed())).isEqualTo(new Received.Cover());
    // A key is taken once: the same message again is decrypted, and is still cover.
    assertThat(alice.receiver.classify(d.pushed())).isEqualTo(new Received.Cover());
    assertThat(alice.receiver.classify(d.pushed())).isEqualTo(new Received.Cover());
  }

  @Test
  void aFragmentIsNotMistakenForCoverWhileCoversAreInFlight() throws Exception {
    alice.preparer.loopCover(net.route(), net.route(), PacketSize.REGULAR);
    NymMessage m = new NymMessage.Plain("hi".getBytes(StandardCharsets.UTF_8));
    Fragment f = Chunker.fragments(m, PacketSize.REGULAR, net.random).get(0);
    PreparedPacket p = bob.preparer.fragment(f, alice.address, net.route(), net.route());
    TestNet.Delivered d = net.deliver(p.mixPacket().nextHop(), p.mixPacket().packet());
    assertThat(alice.receiver.classify(d.pushed())).isInstanceOf(Received.Data.class);
    assertThat(alice.covers.size()).isEqualTo(1);
  }

  @Test
  void garbageIsUnreadable() {
    assertThat(bob.receiver.classify(new byte[5])).isInstanceOf(Received.Unreadable.class);
    byte[] junk = new byte[1643];
    net.random.nextBytes(junk);
    assertThat(bob.receiver.classify(junk)).isInstanceOf(Received.Unreadable.class);
  }

  @Test
  void ackKeyVector() {
    // docs/protocol/client-message.md, vector A1: key 00..0f, IV 10..1f, id (0x12345678, 2).
    AckKey key = AckKey.of(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
    byte[] iv = HexFormat.of().parseHex("101112131415161718191a1b1c1d1e1f");
    byte[] sealed = key.seal(new FragmentIdentifier(0x12345678, 2),
        new java.util.Random() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(iv, 0, bytes, 0, bytes.length);
          }
        });
    assertThat(HexFormat.of().formatHex(sealed, 0, 16)).isEqualTo(HexFormat.of().formatHex(iv));
    assertThat(key.open(sealed)).isEqualTo(Optional.of(new FragmentIdentifier(0x12345678, 2)));
    System.out.println("A1 " + HexFormat.of().formatHex(sealed));
  }
}
