package net.nym.mixnet.topology;

/** Too few of the known validators signed the same topology. */
public final class TopologyRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message naming the counts. */
  public TopologyRejectedException(String message) {
    super(message);
  }
}
