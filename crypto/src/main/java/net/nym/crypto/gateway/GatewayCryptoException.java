package net.nym.crypto.gateway;

/** A ciphertext that does not decrypt or authenticate, or a nonce/IV of the wrong length. */
public final class GatewayCryptoException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public GatewayCryptoException(String message) {
    super(message);
  }
}
