package net.nym.client.core.engine;

import java.time.Duration;

/**
 * Loopix and reliability parameters (nym-wire §8), with Nym's names and defaults
 * ({@code common/client-core/config-types}: {@code Traffic}, {@code CoverTraffic},
 * {@code Acknowledgements}).
 *
 * @param averagePacketDelay mean per-hop delay of real packets and of the real stream's cover
 *     packets (15 ms)
 * @param averageAckDelay mean per-hop delay of SURB-acks (15 ms)
 * @param messageSendingAverageDelay mean of the Poisson real-traffic stream (20 ms)
 * @param loopCoverAverageDelay mean of the separate loop cover stream (200 ms); also the per-hop
 *     delay of that stream's packets, as in Nym's {@code LoopCoverTrafficStream}
 * @param disableMainPoissonPacketDistribution real packets leave as soon as they are prepared,
 *     and the real stream sends no cover in between
 * @param disableLoopCoverTrafficStream no separate loop cover stream
 * @param ackWaitMultiplier multiplier of the expected round trip (1.5)
 * @param ackWaitAddition added to it (1.5 s)
 * @param replySurbs reply SURBs attached to an anonymous message by default (10)
 */
public record TrafficSettings(Duration averagePacketDelay, Duration averageAckDelay,
    Duration messageSendingAverageDelay, Duration loopCoverAverageDelay,
    boolean disableMainPoissonPacketDistribution, boolean disableLoopCoverTrafficStream,
    double ackWaitMultiplier, Duration ackWaitAddition, int replySurbs) {

  /** Nym's defaults. */
  public static TrafficSettings defaults() {
    return new TrafficSettings(Duration.ofMillis(15), Duration.ofMillis(15),
        Duration.ofMillis(20), Duration.ofMillis(200), false, false, 1.5,
        Duration.ofMillis(1500), 10);
  }

  /**
   * Nym's {@code --fastmode} ({@code set_high_default_traffic_volume}): 10 ms per-hop delay of
   * packets (acks keep theirs), 4 ms Poisson sending, loop cover every 2,000 s on average.
   */
  public TrafficSettings fastmode() {
    return new TrafficSettings(Duration.ofMillis(10), averageAckDelay, Duration.ofMillis(4),
        Duration.ofSeconds(2000), disableMainPoissonPacketDistribution,
        disableLoopCoverTrafficStream, ackWaitMultiplier, ackWaitAddition, replySurbs);
  }

  /**
   * Nym's {@code --no-cover} ({@code set_no_cover_traffic}): no loop cover stream, and no main
   * Poisson distribution, so real packets go out as fast as they are prepared.
   */
  public TrafficSettings noCover() {
    return new TrafficSettings(averagePacketDelay, averageAckDelay, messageSendingAverageDelay,
        loopCoverAverageDelay, true, true, ackWaitMultiplier, ackWaitAddition, replySurbs);
  }

  /** The same with these per-hop delays (packets and acks). */
  public TrafficSettings withHopDelay(Duration d) {
    return new TrafficSettings(d, d, messageSendingAverageDelay, loopCoverAverageDelay,
        disableMainPoissonPacketDistribution, disableLoopCoverTrafficStream, ackWaitMultiplier,
        ackWaitAddition, replySurbs);
  }

  /** How long to wait for the SURB-ack of a packet with this expected round trip. */
  public Duration ackTimeout(Duration expected) {
    return Duration.ofNanos((long) (expected.toNanos() * ackWaitMultiplier))
        .plus(ackWaitAddition);
  }
}
