package net.nym.plugin.gateway;

/**
 * A token bucket: {@code rate} tokens per second up to {@code burst}; one token per packet. Not
 * thread-safe (one per session, used on the session's serial executor).
 */
final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long last;

  TokenBucket(int rate, int burst, long nowNanos) {
    this.ratePerNano = rate / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** Takes a token if one is available. */
  boolean tryTake(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
    last = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
