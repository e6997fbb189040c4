package net.nym.plugin.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the client side of a gateway, by event name (snake_case; served by the HTTP API
 * under {@code /api/v1/gateway/stats} and as {@code nym_gateway_events_total{event=...}}).
 * Thread-safe and cheap.
 */
final class GatewayCounters {
  /** Event names. */
  static final String SESSIONS_OPENED = "sessions_opened";
  static final String SESSIONS_REFUSED = "sessions_refused_too_many";
  static final String REGISTRATIONS = "registrations";
  static final String AUTHENTICATIONS = "authentications";
  static final String AUTH_FAILED = "authentication_failed";
  static final String HANDSHAKE_FAILED = "handshake_failed";
  static final String TIMEOUTS = "timeouts";
  static final String IDLE_CLOSED = "idle_closed";
  static final String BAD_REQUESTS = "bad_requests";
  static final String FRAME_TOO_LARGE = "frame_too_large";
  static final String DUPLICATE_REFUSED = "duplicate_session_refused";
  static final String DUPLICATE_REPLACED = "duplicate_session_replaced";
  static final String PACKETS_FORWARDED = "packets_forwarded";
  static final String OUT_OF_BANDWIDTH = "packets_refused_out_of_bandwidth";
  static final String RATE_LIMITED = "packets_refused_rate_limited";
  static final String MESSAGES_PUSHED = "messages_pushed";
  static final String MESSAGES_STORED = "messages_stored";
  static final String MAILBOX_DELIVERED = "mailbox_messages_delivered";
  static final String MAILBOX_FULL = "mailbox_full_dropped";
  static final String MAILBOX_EXPIRED = "mailbox_expired_deleted";
  static final String ACKS_FORWARDED = "surb_acks_forwarded";
  static final String FINAL_HOP_MALFORMED = "final_hop_malformed";
  static final String STORAGE_ERRORS = "storage_errors";
  static final String SESSION_OVERLOADED = "session_queue_overflow";

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(String event) {
    add(event, 1);
  }

  void add(String event, long n) {
    counter(event).add(n);
  }

  /** The adder of {@code event}, for a hot path to keep. */
  LongAdder counter(String event) {
    return counts.computeIfAbsent(event, k -> new LongAdder());
  }

  long get(String event) {
    LongAdder a = counts.get(event);
    return a == null ? 0 : a.sum();
  }

  /** All non-zero counters, sorted by name. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> {
      long n = v.sum();
      if (n != 0) {
        out.put(k, n);
      }
    });
    return out;
  }
}
