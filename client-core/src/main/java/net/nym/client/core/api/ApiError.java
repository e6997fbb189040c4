package net.nym.client.core.api;

/**
 * A request the API refuses, with Nym's error kind ({@code error.rs ErrorKind}).
 */
public final class ApiError extends Exception {
  private static final long serialVersionUID = 1L;

  /** Nym's error kinds and their binary codes. */
  public enum Kind {
    /** 0x01. */
    EMPTY_REQUEST(0x01),
    /** 0x02. */
    TOO_SHORT_REQUEST(0x02),
    /** 0x03. */
    UNKNOWN_REQUEST(0x03),
    /** 0x04. */
    MALFORMED_REQUEST(0x04),
    /** 0x80. */
    EMPTY_RESPONSE(0x80),
    /** 0x81. */
    TOO_SHORT_RESPONSE(0x81),
    /** 0x82. */
    UNKNOWN_RESPONSE(0x82),
    /** 0x83. */
    MALFORMED_RESPONSE(0x83),
    /** 0xFF. */
    OTHER(0xff);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The byte in binary error responses. */
    public int code() {
      return code;
    }
  }

  private final Kind kind;

  /** An error of this kind. */
  public ApiError(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }
}
