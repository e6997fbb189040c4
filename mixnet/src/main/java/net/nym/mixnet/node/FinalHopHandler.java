package net.nym.mixnet.node;

import net.nym.crypto.sphinx.FinalHop;
import net.nym.mixnet.framing.Frame;

/**
 * What a node does with a packet that ends at it (already replay-checked). A mixnode drops it; a
 * gateway delivers it to its client. Called on a Sphinx worker thread; must not block for long.
 */
@FunctionalInterface
public interface FinalHopHandler {
  /**
   * @param hop the processed packet
   * @param frame the frame it arrived in (type and key rotation)
   */
  void handle(FinalHop hop, Frame frame);
}
