package net.nym.crypto.sphinx;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import net.nym.crypto.address.NodeAddress;

/** A packet to forward: the re-encrypted packet, where to send it and how long to hold it. */
public final class ForwardHop implements ProcessedPacket {
  private final SphinxPacket nextPacket;
  private final NodeAddress nextHop;
  private final Duration delay;
  private final byte[] replayTag;
  private final SphinxVersion version;

  ForwardHop(
      SphinxPacket nextPacket,
      NodeAddress nextHop,
      Duration delay,
      byte[] replayTag,
      SphinxVersion version) {
    this.nextPacket = nextPacket;
    this.nextHop = nextHop;
    this.delay = delay;
    this.replayTag = replayTag;
    this.version = version;
  }

  /** The packet for the next hop (same length as the input). */
  public SphinxPacket nextPacket() {
    return nextPacket;
  }

  /** The next hop's routing address. */
  public NodeAddress nextHop() {
    return nextHop;
  }

  /** How long to delay the packet before forwarding it. */
  public Duration delay() {
    return delay;
  }

  @Override
  public byte[] replayTag() {
    return replayTag.clone();
  }

  @Override
  public SphinxVersion version() {
    return version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForwardHop other
        && nextPacket.equals(other.nextPacket)
        && nextHop.equals(other.nextHop)
        && delay.equals(other.delay)
        && Arrays.equals(replayTag, other.replayTag)
        && version == other.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(nextPacket, nextHop, delay, version);
  }

  @Override
  public String toString() {
    return "ForwardHop[next=" + nextHop + ", delay=" + delay + ", version=" + version.value() + "]";
  }
}
