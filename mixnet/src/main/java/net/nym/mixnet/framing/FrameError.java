package net.nym.mixnet.framing;

/**
 * Why a connection's byte stream was refused. Each value is also the label under which the refusal
 * is counted ({@link #label()}).
 */
public enum FrameError {
  /** The version byte is below 7: not a Nym frame at all (garbage, or another protocol). */
  INVALID_VERSION("invalid_version"),
  /** The version byte is above 8: a newer framing than we understand. */
  UNSUPPORTED_VERSION("unsupported_version"),
  /** The size tag names no known Sphinx packet size. */
  UNKNOWN_SIZE("unknown_size"),
  /** The type tag is neither Mix (0) nor Outfox (2). */
  UNKNOWN_TYPE("unknown_type"),
  /** The key-rotation byte of a version 8 frame is not 0, 1 or 2. */
  INVALID_KEY_ROTATION("invalid_key_rotation"),
  /** The size tag names a packet larger than this node accepts. */
  FRAME_TOO_LARGE("frame_too_large");

  private final String label;

  FrameError(String label) {
    this.label = label;
  }

  /** The snake_case label used in logs and metrics. */
  public String label() {
    return label;
  }
}
