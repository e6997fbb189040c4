package net.nym.crypto.address;

/** Raised when bytes or text do not form a valid node address or recipient. */
public final class AddressFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what is malformed. */
  public AddressFormatException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public AddressFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
