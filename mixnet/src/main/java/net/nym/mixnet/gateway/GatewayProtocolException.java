package net.nym.mixnet.gateway;

/** Input that is not a valid protocol message; the message is fit for an error response. */
public final class GatewayProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public GatewayProtocolException(String message) {
    super(message);
  }
}
