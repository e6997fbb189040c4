package net.nym.crypto.sphinx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import net.nym.crypto.packet.PacketSize;

/**
 * Builds a {@link SphinxPacket}: set the route, delays, destination, version, payload size and
 * randomness, then call {@link #build(byte[])}. Defaults: version {@link
 * SphinxVersion#PAYLOAD_KEY_SEEDS}, payload size of {@link PacketSize#REGULAR}. The builder is
 * reusable; each {@code build} uses fresh randomness.
 *
 * <p>Misuse (no route, 0 or more than 5 hops, delays not matching the route, a message too long for
 * the payload) throws {@link IllegalArgumentException} or {@link NullPointerException}.
 */
public final class SphinxPacketBuilder {
  private List<SphinxNode> route;
  private List<Duration> delays;
  private SphinxDestination destination;
  private SphinxVersion version = SphinxVersion.PAYLOAD_KEY_SEEDS;
  private int payloadSize = PacketSize.REGULAR.payloadSize();
  private RandomGenerator random;

  SphinxPacketBuilder() {}

  /** The hops, first to last (1 to 5); the last is the destination's gateway. */
  public SphinxPacketBuilder route(List<SphinxNode> route) {
    this.route = List.copyOf(route);
    return this;
  }

  /**
   * One delay per hop: delay {@code i} is what hop {@code i} waits before forwarding; the last one
   * is encoded nowhere (as in Nym).
   */
  public SphinxPacketBuilder delays(List<Duration> delays) {
    this.delays = List.copyOf(delays);
    return this;
  }

  /** The final hop's destination. */
  public SphinxPacketBuilder destination(SphinxDestination destination) {
    this.destination = Objects.requireNonNull(destination, "destination");
    return this;
  }

  /** The header version (default 259). */
  public SphinxPacketBuilder version(SphinxVersion version) {
    this.version = Objects.requireNonNull(version, "version");
    return this;
  }

  /** The payload length in bytes (packet length minus 348). */
  public SphinxPacketBuilder payloadSize(int payloadSize) {
    this.payloadSize = payloadSize;
    return this;
  }

  /** The payload length of Nym's size class {@code size}. */
  public SphinxPacketBuilder packetSize(PacketSize size) {
    return payloadSize(size.payloadSize());
  }

  /**
   * The randomness for the ephemeral key and padding; pass a {@code SecureRandom} in production.
   */
  public SphinxPacketBuilder random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** Builds a packet carrying {@code message}. */
  public SphinxPacket build(byte[] message) {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(delays, "delays");
    HeaderConstruction.checkPayloadSize(message.length, payloadSize);
    HeaderConstruction h = HeaderConstruction.build(route, delays, destination, version, random);
    byte[] payload = HeaderConstruction.encapsulate(message, h.payloadKeys(version), payloadSize);
    byte[] packet = new byte[SphinxHeader.LENGTH + payloadSize];
    System.arraycopy(h.header, 0, packet, 0, SphinxHeader.LENGTH);
    System.arraycopy(payload, 0, packet, SphinxHeader.LENGTH, payloadSize);
    return SphinxPacket.wrap(packet);
  }
}
