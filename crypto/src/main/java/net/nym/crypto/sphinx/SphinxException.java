package net.nym.crypto.sphinx;

/**
 * A packet, header or SURB that cannot be processed. {@link #reason()} tells the cases apart so
 * that nodes can count and log them; processing never throws anything else for bad input.
 */
public final class SphinxException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why processing failed. */
  public enum Reason {
    /** Shorter than the smallest Nym packet size (the ack packet, 386 bytes). */
    TRUNCATED,
    /** Longer than the largest Nym packet size (extended32, 33133 bytes). */
    OVERSIZED,
    /** Between the smallest and largest size but not one of Nym's packet sizes. */
    UNKNOWN_PACKET_SIZE,
    /** The header's ephemeral key gives an all-zero shared secret (a low-order point). */
    INVALID_EPHEMERAL_KEY,
    /** The header MAC does not verify: a key that is not ours, or a modified header. */
    HEADER_MAC_MISMATCH,
    /** The routing flag is neither forward hop (1) nor final hop (2). */
    UNKNOWN_ROUTING_FLAG,
    /** The version field is not 1, 257, 258 or 259. */
    UNSUPPORTED_VERSION,
    /** The next hop's routing address cannot be parsed. */
    MALFORMED_NEXT_HOP_ADDRESS,
    /** At the final hop the payload does not start with 16 zero bytes (it was modified). */
    PAYLOAD_CORRUPTED,
    /** At the final hop the payload holds no 0x01 end-of-message marker. */
    PAYLOAD_MARKER_MISSING,
    /** SURB bytes of a wrong length or with an unparsable first-hop address. */
    MALFORMED_SURB
  }

  private final Reason reason;

  /** Creates an exception for {@code reason} with a human-readable detail message. */
  public SphinxException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  /** Why processing failed. */
  public Reason reason() {
    return reason;
  }
}
