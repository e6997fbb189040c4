package net.nym.crypto.testing;

import java.util.ArrayList;
import java.util.List;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.sphinx.SphinxNode;

/** Routes of test nodes with deterministic keys and addresses. */
public final class Routes {
  private Routes() {}

  /** A node's key pair and its route entry. */
  public record TestNode(X25519KeyPair keys, SphinxNode node) {}

  /**
   * {@code hops} nodes; node {@code i} has private key bytes all {@code seed + i} and address
   * 10.0.0.(i + 1):(1789 + i), alternating with IPv6 addresses on odd indexes.
   */
  public static List<TestNode> nodes(int hops, int seed) {
    List<TestNode> out = new ArrayList<>();
    for (int i = 0; i < hops; i++) {
      byte[] sk = new byte[32];
      java.util.Arrays.fill(sk, (byte) (seed + i));
      X25519KeyPair keys = X25519KeyPair.fromPrivateKey(sk);
      NodeAddress address;
      if (i % 2 == 0) {
        address = NodeAddress.of(new byte[] {10, 0, 0, (byte) (i + 1)}, 1789 + i);
      } else {
        byte[] ip = new byte[16];
        ip[0] = 0x20;
        ip[1] = 0x01;
        ip[2] = 0x0d;
        ip[3] = (byte) 0xb8;
        ip[15] = (byte) i;
        address = NodeAddress.of(ip, 1789 + i);
      }
      out.add(new TestNode(keys, new SphinxNode(address, keys.publicKey())));
    }
    return out;
  }

  /** The route entries of {@code nodes}. */
  public static List<SphinxNode> route(List<TestNode> nodes) {
    return nodes.stream().map(TestNode::node).toList();
  }
}
