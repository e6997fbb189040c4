package net.nym.crypto.sphinx;

/**
 * A packet whose header MAC has been verified at this node but which has not been processed
 * further (Nym's {@code PartiallyUnwrappedPacket}): enough to look up the replay tag before paying
 * for the blinding multiplication and the payload layer. Obtain it from {@link
 * SphinxProcessor#unwrap(byte[])}; single-threaded use.
 */
public final class PartiallyUnwrappedPacket {
  private final byte[] packet;
  private final byte[] expanded;

  PartiallyUnwrappedPacket(byte[] packet, byte[] expanded) {
    this.packet = packet;
    this.expanded = expanded;
  }

  /** A copy of the 32-byte replay tag (the same as the processed packet's). */
  public byte[] replayTag() {
    return SphinxProcessor.replayTag(expanded);
  }

  /**
   * Completes processing.
   *
   * @throws SphinxException with {@link SphinxException.Reason#UNSUPPORTED_VERSION}, {@link
   *     SphinxException.Reason#UNKNOWN_ROUTING_FLAG}, {@link
   *     SphinxException.Reason#MALFORMED_NEXT_HOP_ADDRESS}, {@link
   *     SphinxException.Reason#PAYLOAD_CORRUPTED} or {@link
   *     SphinxException.Reason#PAYLOAD_MARKER_MISSING}
   */
  public ProcessedPacket finish() throws SphinxException {
    return SphinxProcessor.finish(packet, expanded);
  }

  @Override
  public String toString() {
    return "PartiallyUnwrappedPacket[" + packet.length + " bytes]";
  }
}
