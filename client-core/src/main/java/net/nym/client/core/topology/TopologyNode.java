package net.nym.client.core.topology;

import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.sphinx.SphinxNode;

/**
 * A node of the topology (Nym's {@code RoutingNode} from a {@code SkimmedNode}).
 *
 * @param nodeId the ledger's node id
 * @param identity the ed25519 identity
 * @param sphinxKey the x25519 Sphinx key of the current rotation
 * @param mixAddress {@code ip_addresses[0]:mix_port}
 * @param host {@code ip_addresses[0]}
 * @param wsPort the clients' websocket port (gateways), else 0
 * @param layer 1..3 for active mixnodes, else 0
 * @param performance 0..1
 */
public record TopologyNode(long nodeId, Ed25519PublicKey identity, X25519PublicKey sphinxKey,
    NodeAddress mixAddress, String host, int wsPort, int layer, double performance) {

  /** The node as a Sphinx hop. */
  public SphinxNode sphinx() {
    return new SphinxNode(mixAddress, sphinxKey);
  }

  /** The gateway's client websocket URI. */
  public java.net.URI websocketUri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return java.net.URI.create("ws://" + h + ":" + wsPort);
  }
}
