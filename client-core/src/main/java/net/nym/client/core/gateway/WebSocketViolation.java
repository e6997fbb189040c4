package net.nym.client.core.gateway;

import java.io.IOException;

/**
 * The gateway broke RFC 6455 (or our limits): a frame a server may not send, an oversized message,
 * text that is not UTF-8, or a refused upgrade. The session cannot continue.
 */
final class WebSocketViolation extends IOException {
  private static final long serialVersionUID = 1L;

  WebSocketViolation(String message) {
    super(message);
  }
}
