package net.nym.mixnet.metrics;

import net.nym.mixnet.framing.FrameError;

/** Why an inbound connection was refused and closed. {@link #label()} names it in metrics. */
public enum Refusal {
  /** See {@link FrameError#INVALID_VERSION}: garbage or another protocol. */
  INVALID_VERSION(FrameError.INVALID_VERSION.label()),
  /** See {@link FrameError#UNSUPPORTED_VERSION}. */
  UNSUPPORTED_VERSION(FrameError.UNSUPPORTED_VERSION.label()),
  /** See {@link FrameError#UNKNOWN_SIZE}. */
  UNKNOWN_SIZE(FrameError.UNKNOWN_SIZE.label()),
  /** See {@link FrameError#UNKNOWN_TYPE}. */
  UNKNOWN_TYPE(FrameError.UNKNOWN_TYPE.label()),
  /** See {@link FrameError#INVALID_KEY_ROTATION}. */
  INVALID_KEY_ROTATION(FrameError.INVALID_KEY_ROTATION.label()),
  /** See {@link FrameError#FRAME_TOO_LARGE}. */
  FRAME_TOO_LARGE(FrameError.FRAME_TOO_LARGE.label()),
  /** The node already had its maximum number of inbound connections. */
  TOO_MANY_CONNECTIONS("too_many_connections"),
  /** The connection sent nothing (or not a whole frame) for the idle timeout. */
  IDLE_TIMEOUT("idle_timeout");

  private final String label;

  Refusal(String label) {
    this.label = label;
  }

  /** The snake_case label. */
  public String label() {
    return label;
  }

  /** The refusal for a framing error. */
  public static Refusal of(FrameError error) {
    return valueOf(error.name());
  }
}
