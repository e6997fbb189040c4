package net.nym.client.core.message;

/** Bytes that are not a valid Nym client message, fragment or payload; the message says why. */
public final class MessageFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with the reason. */
  public MessageFormatException(String message) {
    super(message);
  }

  /** An exception with the reason and its cause. */
  public MessageFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
