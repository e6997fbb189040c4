package net.nym.client.core.packet;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.FinalHop;
import net.nym.crypto.sphinx.ForwardHop;
import net.nym.crypto.sphinx.ProcessedPacket;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxProcessor;

/**
 * Three mixnodes and a gateway as Sphinx keys only: packets are processed hop by hop as the real
 * nodes do, and the gateway's final-hop split (nym-wire §2.5) yields what it would push.
 */
final class TestNet {
  final SecureRandom random = new SecureRandom();
  final Map<NodeAddress, SphinxProcessor> nodes = new HashMap<>();
  final List<SphinxNode> mixes = new ArrayList<>();
  final SphinxNode gateway;
  final Ed25519KeyPair gatewayIdentity = Ed25519KeyPair.generate(random);

  TestNet() {
    for (int i = 0; i < 3; i++) {
      mixes.add(node(1789 + i));
    }
    gateway = node(1800);
  }

  private SphinxNode node(int port) {
    X25519KeyPair k = X25519KeyPair.generate(random);
    NodeAddress a = NodeAddress.of(new byte[] {127, 0, 0, 1}, port);
    nodes.put(a, new SphinxProcessor(k));
    return new SphinxNode(a, k.publicKey());
  }

  Route route() {
    List<SphinxNode> hops = new ArrayList<>(mixes);
    hops.add(gateway);
    return new Route(hops, List.of(Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(3), Duration.ofMillis(4)));
  }

  /** A client of this net's gateway. */
  Client client() {
    return new Client(this);
  }

  /** What the gateway pushes for a packet sent to {@code firstHop}; ack bytes are returned too. */
  Delivered deliver(NodeAddress firstHop, byte[] packet) throws Exception {
    NodeAddress at = firstHop;
    byte[] p = packet;
    while (true) {
      ProcessedPacket out = nodes.get(at).process(p);
      if (out instanceof ForwardHop f) {
        at = f.nextHop();
        p = f.nextPacket().toBytes();
      } else {
        FinalHop fin = (FinalHop) out;
        byte[] plain = fin.message();
        if (p.length == PacketSize.ACK.size()) {
          return new Delivered(fin.destination().address(), plain, null, null);
        }
        NodeAddress ackHop = NodeAddress.fromBytes(plain, 0, SurbAck.FIRST_HOP_LENGTH);
        byte[] ack = Arrays.copyOfRange(plain, SurbAck.FIRST_HOP_LENGTH, SurbAck.LENGTH);
        return new Delivered(fin.destination().address(),
            Arrays.copyOfRange(plain, SurbAck.LENGTH, plain.length), ackHop, ack);
      }
    }
  }

  record Delivered(byte[] client, byte[] pushed, NodeAddress ackFirstHop, byte[] ackPacket) {}

  static final class Client {
    final Ed25519KeyPair identity;
    final X25519KeyPair encryption;
    final AckKey ackKey;
    final Recipient address;
    final Map<String, byte[]> replyKeys = new HashMap<>();
    final PacketPreparer preparer;
    final PacketReceiver receiver;
    final OwnCovers covers = new OwnCovers();

    Client(TestNet net) {
      identity = Ed25519KeyPair.generate(net.random);
      encryption = X25519KeyPair.generate(net.random);
      ackKey = AckKey.generate(net.random);
      address = new Recipient(identity.publicKey(), encryption.publicKey(),
          net.gatewayIdentity.publicKey());
      preparer = new PacketPreparer(address, ackKey, net.random, covers);
      receiver = new PacketReceiver(encryption, ackKey,
          d -> java.util.Optional.ofNullable(replyKeys.remove(java.util.HexFormat.of()
              .formatHex(d))), covers);
    }
  }
}
