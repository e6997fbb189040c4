package net.nym.crypto.sphinx;

/**
 * What a node gets from processing a packet: a {@link ForwardHop} to send on, or a {@link FinalHop}
 * addressed to one of its clients. Both carry the replay tag and the version.
 */
public sealed interface ProcessedPacket permits ForwardHop, FinalHop {
  /**
   * A copy of the 32-byte replay tag: equal for every copy of the same packet at this node, so a
   * node that has seen it before must drop the packet.
   */
  byte[] replayTag();

  /** The header version the sender chose. */
  SphinxVersion version();
}
