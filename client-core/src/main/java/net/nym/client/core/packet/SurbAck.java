package net.nym.client.core.packet;

import java.time.Duration;
import java.util.random.RandomGenerator;
import net.nym.client.core.chunking.FragmentIdentifier;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.crypto.sphinx.SphinxVersion;

/**
 * A SURB-ack (nym-wire §4.6): an ack-size Sphinx packet addressed to the sender itself, carrying
 * its encrypted fragment id, prefixed by its first hop; {@code first_hop (19, zero-padded) ||
 * packet (386)} = {@value #LENGTH} bytes, placed at the start of every data packet's plaintext. The
 * recipient's gateway sends it into the mixnet; the sender's gateway pushes the 21-byte ack back.
 *
 * @param bytes the 405 bytes
 * @param expectedDelay the sum of the ack route's mix delays
 */
public record SurbAck(byte[] bytes, Duration expectedDelay) {
  /** Length of the first-hop address field. */
  public static final int FIRST_HOP_LENGTH = NodeAddress.MAX_UNPADDED_LENGTH;
  /** Length of a SURB-ack. */
  public static final int LENGTH = FIRST_HOP_LENGTH + PacketSize.ACK.size();

  /**
   * Builds the SURB-ack for a fragment.
   *
   * @param route route back to the sender: mixnodes, then the sender's own gateway
   * @param sender the sender's own address (the ack's destination)
   * @param key the sender's ack key
   * @param id the fragment's id ({@link FragmentIdentifier#COVER} for cover)
   * @param version the Sphinx version (259 for real traffic, 258 for cover in Nym)
   */
  public static SurbAck build(Route route, Recipient sender, AckKey key, FragmentIdentifier id,
      SphinxVersion version, RandomGenerator random) {
    byte[] payload = key.seal(id, random);
    SphinxPacket packet = SphinxPacket.builder()
        .route(route.hops())
        .delays(route.delays())
        .destination(SphinxDestination.forRecipient(sender))
        .version(version)
        .packetSize(PacketSize.ACK)
        .random(random)
        .build(payload);
    byte[] out = new byte[LENGTH];
    byte[] hop = route.firstHop().address().toPaddedBytes(FIRST_HOP_LENGTH);
    System.arraycopy(hop, 0, out, 0, FIRST_HOP_LENGTH);
    byte[] p = packet.toBytes();
    System.arraycopy(p, 0, out, FIRST_HOP_LENGTH, p.length);
    return new SurbAck(out, route.expectedDelay());
  }
}
