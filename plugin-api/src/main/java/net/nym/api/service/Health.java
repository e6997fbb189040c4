package net.nym.api.service;

import java.util.Map;
import java.util.Objects;

/**
 * A service's health at one moment.
 *
 * @param status the overall state
 * @param detail a one-line explanation for an operator (empty when {@code UP})
 * @param metrics named numbers worth showing (ports, counters); may be empty
 */
public record Health(Status status, String detail, Map<String, Object> metrics) {

  /** The overall state of a service. */
  public enum Status {
    /** Created or starting; not serving yet. */
    STARTING,
    /** Serving. */
    UP,
    /** Serving, but something is wrong (e.g. a next hop unreachable). */
    DEGRADED,
    /** Stopped, or failed. */
    DOWN
  }

  public Health {
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
    metrics = Map.copyOf(metrics);
  }

  /** A healthy state with no detail. */
  public static Health up(Map<String, Object> metrics) {
    return new Health(Status.UP, "", metrics);
  }
}
