package net.nym.plugin.gateway;

import java.util.Arrays;
import net.nym.crypto.address.AddressFormatException;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.FinalHop;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.node.FinalHopHandler;

/**
 * What the gateway does with a packet whose last Sphinx hop it is (nym-wire §2.5): an ack packet's
 * whole plaintext is the client's message; any other size starts with a SURB-ack ({@code
 * first_hop (19, zero-padded) || ack packet (386)}), which is forwarded into the mixnet at once,
 * and the rest is the message. The message goes to the client named by the Sphinx destination
 * (its ed25519 identity): pushed if connected, stored otherwise. Runs on Sphinx workers.
 */
final class FinalHopDelivery implements FinalHopHandler {
  /** Length of the SURB-ack's first-hop address (zero-padded). */
  static final int ACK_FIRST_HOP = 19;
  /** Length of a SURB-ack: address + ack packet. */
  static final int SURB_ACK = ACK_FIRST_HOP + PacketSize.ACK.size();

  /** Sends a frame to a node at once. */
  @FunctionalInterface
  interface AckSender {
    void send(NodeAddress firstHop, Frame frame);
  }

  private final GatewayCore core;
  private final AckSender acks;
  private final net.nym.mixnet.framing.FramingVersion framing;

  FinalHopDelivery(GatewayCore core, AckSender acks,
      net.nym.mixnet.framing.FramingVersion framing) {
    this.core = core;
    this.acks = acks;
    this.framing = framing;
  }

  @Override
  public void handle(FinalHop hop, Frame frame) {
    byte[] client = hop.destination().address();
    byte[] plaintext = hop.message();
    if (frame.size() == PacketSize.ACK) {
      core.deliver(client, plaintext);
      return;
    }
    if (plaintext.length < SURB_ACK) {
      core.counters.add(GatewayCounters.FINAL_HOP_MALFORMED);
      core.log.debug("dropped a final-hop packet: {} bytes cannot hold a SURB-ack",
          plaintext.length);
      return;
    }
    byte[] message = Arrays.copyOfRange(plaintext, SURB_ACK, plaintext.length);
    core.deliver(client, message);
    try {
      NodeAddress firstHop = NodeAddress.fromBytes(plaintext, 0, ACK_FIRST_HOP);
      byte[] ack = Arrays.copyOfRange(plaintext, ACK_FIRST_HOP, SURB_ACK);
      acks.send(firstHop, Frame.of(framing, frame.type(), frame.rotation(), ack));
      core.counters.add(GatewayCounters.ACKS_FORWARDED);
    } catch (AddressFormatException e) {
      core.counters.add(GatewayCounters.FINAL_HOP_MALFORMED);
      core.log.debug("the SURB-ack of a final-hop packet has no valid first hop: {}",
          e.getMessage());
    }
  }
}
