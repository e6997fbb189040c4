package net.nym.client.core.packet;

import java.time.Duration;
import java.util.List;
import net.nym.crypto.sphinx.SphinxNode;

/**
 * A Sphinx route: the mixnodes, one per layer, then the egress gateway; and one delay per hop (the
 * gateway's is ignored by the network). The client sends the packet to its own gateway with the
 * first hop as the MixPacket's next hop.
 *
 * @param hops the nodes, gateway last
 * @param delays one delay per hop
 */
public record Route(List<SphinxNode> hops, List<Duration> delays) {
  /** Copies and checks the lists. */
  public Route {
    hops = List.copyOf(hops);
    delays = List.copyOf(delays);
    if (hops.isEmpty() || hops.size() != delays.size()) {
      throw new IllegalArgumentException("a route needs one delay per hop");
    }
  }

  /** The first hop (a layer-1 mixnode, or the gateway if mix hops are disabled). */
  public SphinxNode firstHop() {
    return hops.get(0);
  }

  /** The sum of the delays of all hops but the last (the gateway does not delay). */
  public Duration expectedDelay() {
    Duration d = Duration.ZERO;
    for (int i = 0; i < delays.size() - 1; i++) {
      d = d.plus(delays.get(i));
    }
    return d;
  }
}
