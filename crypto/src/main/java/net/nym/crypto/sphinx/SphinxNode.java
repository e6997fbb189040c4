package net.nym.crypto.sphinx;

import java.util.Objects;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519PublicKey;

/**
 * One hop of a route: the node's routing address and its Sphinx (X25519) public key.
 *
 * @param address where the previous hop forwards the packet
 * @param publicKey the node's current Sphinx key
 */
public record SphinxNode(NodeAddress address, X25519PublicKey publicKey) {
  /** Checks that both parts are present. */
  public SphinxNode {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(publicKey, "publicKey");
  }
}
