package net.nym.mixnet.forward;

import java.util.Objects;
import net.nym.crypto.address.NodeAddress;
import net.nym.mixnet.framing.Frame;

/**
 * A framed packet on its way to a next hop.
 *
 * @param nextHop where it goes
 * @param frame what is written
 * @param arrivalNanos {@link System#nanoTime()} when the packet arrived at this node
 */
public record Outgoing(NodeAddress nextHop, Frame frame, long arrivalNanos) {
  /** Checks that the parts are present. */
  public Outgoing {
    Objects.requireNonNull(nextHop, "nextHop");
    Objects.requireNonNull(frame, "frame");
  }
}
