package net.nym.client.core.engine;

import java.time.Duration;

/**
 * Loopix and reliability parameters (nym-wire §8).
 *
 * @param averagePacketDelay mean per-hop delay of real packets (15 ms)
 * @param averageAckDelay mean per-hop delay of SURB-acks (15 ms)
 * @param messageSendingAverageDelay mean of the Poisson real-traffic stream (20 ms)
 * @param loopCoverAverageDelay mean of the separate loop cover stream (200 ms)
 * @param cover whether cover traffic runs (loop cover stream and cover filler)
 * @param ackWaitMultiplier multiplier of the expected round trip (1.5)
 * @param ackWaitAddition added to it (1.5 s)
 * @param replySurbs reply SURBs attached to an anonymous message by default (10)
 */
public record TrafficSettings(Duration averagePacketDelay, Duration averageAckDelay,
    Duration messageSendingAverageDelay, Duration loopCoverAverageDelay, boolean cover,
    double ackWaitMultiplier, Duration ackWaitAddition, int replySurbs) {

  /** Nym's defaults. */
  public static TrafficSettings defaults() {
    return new TrafficSettings(Duration.ofMillis(15), Duration.ofMillis(15),
        Duration.ofMillis(20), Duration.ofMillis(200), true, 1.5, Duration.ofMillis(1500), 10);
  }

  /** Nym's {@code --fastmode}: 10 ms hops, 4 ms sending, loop cover every 2000 s. */
  public TrafficSettings fastmode() {
    return new TrafficSettings(Duration.ofMillis(10), Duration.ofMillis(10),
        Duration.ofMillis(4), Duration.ofSeconds(2000), cover, ackWaitMultiplier,
        ackWaitAddition, replySurbs);
  }

  /** Nym's {@code --no-cover}: no loop cover stream and no Poisson cover filler. */
  public TrafficSettings noCover() {
    return new TrafficSettings(averagePacketDelay, averageAckDelay, messageSendingAverageDelay,
        loopCoverAverageDelay, false, ackWaitMultiplier, ackWaitAddition, replySurbs);
  }

  /** The same with these per-hop delays (packets and acks). */
  public TrafficSettings withHopDelay(Duration d) {
    return new TrafficSettings(d, d, messageSendingAverageDelay, loopCoverAverageDelay, cover,
        ackWaitMultiplier, ackWaitAddition, replySurbs);
  }

  /** How long to wait for the SURB-ack of a packet with this expected round trip. */
  public Duration ackTimeout(Duration expected) {
    return Duration.ofNanos((long) (expected.toNanos() * ackWaitMultiplier))
        .plus(ackWaitAddition);
  }
}
