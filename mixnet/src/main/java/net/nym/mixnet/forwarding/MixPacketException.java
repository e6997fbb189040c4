package net.nym.mixnet.forwarding;

/** Bytes that are not a mix packet; the message says why (as Nym's gateway words it). */
public final class MixPacketException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public MixPacketException(String message) {
    super(message);
  }
}
