package net.nym.plugin.validator.raft;

/** A write could not be committed: no leader, or no majority of validators answered in time. */
public final class NoQuorumException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With an operator-readable message. */
  public NoQuorumException(String message, Throwable cause) {
    super(message, cause);
  }
}
