package net.nym.mixnet.forward;

import java.util.Objects;
import net.nym.crypto.address.NodeAddress;
import net.nym.mixnet.framing.Frame;

/**
 * A framed packet on its way to a next hop.
 *
 * @param nextHop where it goes
 * @param frame what is written
 * @param releaseNanos {@link System#nanoTime()} when the packet is due to leave (its arrival plus
 *     its delay); how late it actually leaves is counted in {@link
 *     net.nym.mixnet.metrics.PacketCounters#lateness()}
 */
public record Outgoing(NodeAddress nextHop, Frame frame, long releaseNanos) {
  /** Checks that the parts are present. */
  public Outgoing {
    Objects.requireNonNull(nextHop, "nextHop");
    Objects.requireNonNull(frame, "frame");
  }
}
