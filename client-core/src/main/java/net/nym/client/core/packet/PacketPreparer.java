package net.nym.client.core.packet;

import java.security.SecureRandom;
import java.time.Duration;
import net.nym.client.core.chunking.Fragment;
import net.nym.client.core.chunking.FragmentIdentifier;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.crypto.sphinx.ReplySurb;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.crypto.sphinx.SphinxVersion;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.framing.KeyRotation;

/**
 * Turns fragments into Sphinx packets for the client's gateway, as Nym's {@code MessagePreparer}
 * (nym-wire §4.4): a SURB-ack over {@code ackRoute}, the payload encryption for the recipient, the
 * Sphinx packet over {@code route}; reply fragments through a reply SURB; loop cover packets; and
 * reply SURBs to ourselves. Real traffic and SURBs use Sphinx version 259, cover 258, as Nym's
 * clients at this commit do. CPU-bound: call it off network event loops. Thread-safe.
 */
public final class PacketPreparer {
  private final Recipient self;
  private final AckKey ackKey;
  private final SecureRandom random;
  private final OwnCovers ownCovers;

  /**
   * A preparer for the client with this address and ack key; the ephemeral keys of its loop cover
   * packets go to {@code ownCovers}.
   */
  public PacketPreparer(Recipient self, AckKey ackKey, SecureRandom random, OwnCovers ownCovers) {
    this.self = self;
    this.ackKey = ackKey;
    this.random = random;
    this.ownCovers = ownCovers;
  }

  /** Our own address. */
  public Recipient self() {
    return self;
  }

  /** The packet size whose plaintext fits this fragment exactly. */
  static PacketSize sizeFor(Fragment f) {
    int plaintext = f.encodedLength() + Payloads.OVERHEAD;
    for (PacketSize s : PacketSize.values()) {
      if (s.plaintextSize() == plaintext && s != PacketSize.ACK) {
        return s;
      }
    }
    throw new IllegalArgumentException("a fragment of " + f.encodedLength()
        + " bytes fills no packet size; was the message padded?");
  }

  /** A plain or repliable fragment for {@code recipient} over {@code route}. */
  public PreparedPacket fragment(Fragment f, Recipient recipient, Route route, Route ackRoute) {
    PacketSize size = sizeFor(f);
    SurbAck ack = SurbAck.build(ackRoute, self, ackKey, f.identifier(),
        SphinxVersion.PAYLOAD_KEY_SEEDS, random);
    byte[] plaintext = Payloads.regular(ack, f.toBytes(), recipient.encryptionKey(), random);
    SphinxPacket packet = SphinxPacket.builder()
        .route(route.hops())
        .delays(route.delays())
        .destination(SphinxDestination.forRecipient(recipient))
        .version(SphinxVersion.PAYLOAD_KEY_SEEDS)
        .packetSize(size)
        .random(random)
        .build(plaintext);
    return new PreparedPacket(mix(route, packet), f.identifier(),
        route.expectedDelay().plus(ack.expectedDelay()));
  }

  /**
   * A reply fragment sent through {@code surb}; {@code averageDelay} estimates its unknown forward
   * delays (three hops).
   */
  public PreparedPacket reply(Fragment f, ReplySurb surb, Route ackRoute, Duration averageDelay) {
    PacketSize size = sizeFor(f);
    SurbAck ack = SurbAck.build(ackRoute, self, ackKey, f.identifier(),
        SphinxVersion.PAYLOAD_KEY_SEEDS, random);
    byte[] plaintext = Payloads.reply(ack, f.toBytes(), surb.encryptionKey());
    SphinxPacket packet = surb.surb().use(plaintext, size.payloadSize());
    MixPacket mp = MixPacket.of(PacketType.MIX, KeyRotation.UNKNOWN, surb.surb().firstHop(),
        packet.toBytes());
    return new PreparedPacket(mp, f.identifier(),
        averageDelay.multipliedBy(3).plus(ack.expectedDelay()));
  }

  /** A loop cover packet to ourselves of this size over {@code route}. */
  public PreparedPacket loopCover(Route route, Route ackRoute, PacketSize size) {
    SurbAck ack = SurbAck.build(ackRoute, self, ackKey, FragmentIdentifier.COVER,
        SphinxVersion.EXPLICIT_PAYLOAD_KEYS, random);
    byte[] content = Payloads.coverContent(size.plaintextSize() - Payloads.OVERHEAD);
    byte[] plaintext = Payloads.regular(ack, content, self.encryptionKey(), random);
    ownCovers.remember(plaintext, SurbAck.LENGTH);
    SphinxPacket packet = SphinxPacket.builder()
        .route(route.hops())
        .delays(route.delays())
        .destination(SphinxDestination.forRecipient(self))
        .version(SphinxVersion.EXPLICIT_PAYLOAD_KEYS)
        .packetSize(size)
        .random(random)
        .build(plaintext);
    return new PreparedPacket(mix(route, packet), FragmentIdentifier.COVER,
        route.expectedDelay().plus(ack.expectedDelay()));
  }

  /** A reply SURB leading to ourselves over {@code routeToSelf} (version 259). */
  public ReplySurb replySurb(Route routeToSelf) {
    return ReplySurb.create(routeToSelf.hops(), routeToSelf.delays(),
        SphinxDestination.forRecipient(self), SphinxVersion.PAYLOAD_KEY_SEEDS, random);
  }

  private static MixPacket mix(Route route, SphinxPacket packet) {
    return MixPacket.of(PacketType.MIX, KeyRotation.UNKNOWN, route.firstHop().address(),
        packet.toBytes());
  }
}
