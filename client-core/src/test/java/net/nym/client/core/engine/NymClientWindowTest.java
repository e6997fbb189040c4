package net.nym.client.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.nym.client.core.gateway.StandInGateway;
import net.nym.client.core.packet.AckKey;
import net.nym.client.core.topology.Topology;
import net.nym.client.core.topology.TopologyNode;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.gateway.CurrentSharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;
import org.junit.jupiter.api.Test;

/**
 * The bound on unacknowledged packets: against a gateway that never brings an ack back, a client
 * without Poisson pacing ({@code --no-cover}) sends {@link NymClient#MAX_UNACKNOWLEDGED} packets
 * of a long message and then waits, instead of flooding the mixnet.
 */
class NymClientWindowTest {
  private final SecureRandom random = new SecureRandom();

  private TopologyNode node(int i, int layer, int wsPort) {
    return new TopologyNode(i, Ed25519KeyPair.generate(random).publicKey(),
        X25519KeyPair.generate(random).publicKey(),
        NodeAddress.of(new byte[] {127, 0, 0, 1}, 1789 + i), "127.0.0.1", wsPort, layer, 1.0);
  }

  @Test
  void sendsAtMostTheWindowWhileNoAckComesBack() throws Exception {
    byte[] k = new byte[32];
    random.nextBytes(k);
    CurrentSharedKey shared = new CurrentSharedKey(k);
    try (StandInGateway gw = new StandInGateway(shared);
        ReplyStorage storage = new ReplyStorage(null)) {
      TopologyNode g = node(0, 0, gw.port());
      Topology topology = new Topology(1, 0,
          List.of(List.of(node(1, 1, 0)), List.of(node(2, 2, 0)), List.of(node(3, 3, 0))),
          Map.of(g.identity(), g));
      ClientKeys keys = new ClientKeys(Ed25519KeyPair.generate(random),
          X25519KeyPair.generate(random), AckKey.generate(random), g.identity(), shared);
      // No ack timeout within the test: only acks could reopen the window.
      TrafficSettings s = new TrafficSettings(Duration.ofMillis(10), Duration.ofMillis(10),
          Duration.ofMillis(4), Duration.ofSeconds(2000), true, true, 1.5,
          Duration.ofMinutes(10), 10);
      try (NymClient client = new NymClient(keys, () -> topology, s, storage,
          new NymClient.Events() {
            @Override
            public void onMessage(ReceivedMessage m) {}

            @Override
            public void onError(String m) {}
          })) {
        client.start();
        // 400 fragments of 1,604 bytes.
        client.send(client.address(), new byte[400 * 1600]);
        await().atMost(Duration.ofSeconds(60))
            .until(() -> gw.fromClient.size() >= NymClient.MAX_UNACKNOWLEDGED);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
            .until(() -> gw.fromClient.size() == NymClient.MAX_UNACKNOWLEDGED);
        assertThat(client.unacknowledged()).isEqualTo(NymClient.MAX_UNACKNOWLEDGED);
        assertThat(client.queued()).isPositive();
      }
    }
  }
}
