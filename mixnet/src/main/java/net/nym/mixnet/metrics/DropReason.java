package net.nym.mixnet.metrics;

/** Why a packet was dropped. {@link #label()} is the name in logs, JSON and Prometheus. */
public enum DropReason {
  /** Sphinx processing failed (wrong key, modified header, bad payload, ...). */
  MALFORMED_PACKET("malformed_packet"),
  /** The packet's replay tag was seen before. */
  REPLAYED("replayed"),
  /** A final-hop packet reached a mixnode, which has no clients to deliver to. */
  FINAL_HOP("final_hop"),
  /** An Outfox packet: not processed by this implementation. */
  UNSUPPORTED_TYPE("unsupported_type"),
  /** All Sphinx workers were busy and their queue was full (overload). */
  OVERLOADED("overloaded"),
  /** The delay scheduler held as many packets as it may. */
  SCHEDULER_FULL("scheduler_full"),
  /** The next hop's outbound queue was full (next hop slow or down). */
  QUEUE_FULL("queue_full"),
  /** The next hop is a new peer and the node already talks to as many peers as it may. */
  TOO_MANY_PEERS("too_many_peers"),
  /** Writing to the next hop failed (the connection broke mid-write). */
  SEND_FAILED("send_failed"),
  /** Still held or queued when the node stopped. */
  SHUTDOWN("shutdown");

  private final String label;

  DropReason(String label) {
    this.label = label;
  }

  /** The snake_case label. */
  public String label() {
    return label;
  }
}
