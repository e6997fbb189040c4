package net.nym.plugin.validator.ledger;

/**
 * What applying a transaction did.
 *
 * @param accepted whether it changed the state
 * @param txId the transaction id (hex SHA-256 of its encoding)
 * @param reason why it was refused (absent when accepted)
 * @param nodeId the node id a bond was given (absent otherwise)
 * @param epochId the epoch the ledger is in afterwards
 */
public record Result(boolean accepted, String txId, String reason, Long nodeId, long epochId) {

  /** A refusal. */
  public static Result refused(String txId, String reason, long epochId) {
    return new Result(false, txId, reason, null, epochId);
  }
}
