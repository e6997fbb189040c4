package net.nym.plugin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import net.nym.cli.keys.PemKeyStore;
import net.nym.client.core.engine.ClientKeys;
import net.nym.client.core.engine.NymClient;
import net.nym.client.core.engine.ReceivedMessage;
import net.nym.client.core.engine.ReplyStorage;
import net.nym.client.core.engine.TrafficSettings;
import net.nym.client.core.topology.Topology;
import net.nym.client.core.topology.TopologyNode;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.FinalHop;
import net.nym.crypto.sphinx.ForwardHop;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxProcessor;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.testing.ApiTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client through a real network (validator, six mixnodes, two gateways in this JVM): the
 * engine's text and 1 MiB messages between clients on different gateways, the anonymous round
 * trip (with a SURB request when the replier runs short), offline delivery, cover traffic of
 * regular size and route shape seen on the wire; {@code nym client init | address} and two client
 * services exchanging text and 1 MiB through their websocket APIs; and a mixnode lost
 * mid-transfer (last, since it changes the network).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientNetworkTest {
  @TempDir static Path dir;
  static TestNetwork net;
  static final TrafficSettings FAST = TrafficSettings.defaults().fastmode().noCover();

  /** A started client and what it received. */
  static final class Peer implements AutoCloseable {
    final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final NymClient client;
    final ReplyStorage storage;

    Peer(ClientKeys keys, TrafficSettings settings, Path db) throws Exception {
      this(keys, settings, db, net.topologyProvider::fetch);
    }

    Peer(ClientKeys keys, TrafficSettings settings, Path db, NymClient.TopologySource topology)
        throws Exception {
      storage = new ReplyStorage(db);
      client = new NymClient(keys, topology, settings, storage,
          new NymClient.Events() {
            @Override
            public void onMessage(ReceivedMessage message) {
              received.add(message);
            }

            @Override
            public void onError(String message) {
              errors.add(message);
            }
          }).reconnection(Duration.ofMillis(200), 5);
      client.start();
    }

    @Override
    public void close() throws java.sql.SQLException {
      client.close();
      storage.close();
    }
  }

  static ClientKeys aliceKeys;
  static ClientKeys bobKeys;
  static Peer alice;
  static Peer bob;

  @BeforeAll
  static void network() throws Exception {
    net = new TestNetwork(dir);
    aliceKeys = net.register(0);
    bobKeys = net.register(1);
    assertThat(aliceKeys.gateway()).isNotEqualTo(bobKeys.gateway());
    alice = new Peer(aliceKeys, FAST, dir.resolve("alice.sqlite"));
    bob = new Peer(bobKeys, FAST, dir.resolve("bob.sqlite"));
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {alice, bob}) {
      if (c != null) {
        c.close();
      }
    }
    if (net != null) {
      net.close();
    }
  }

  @Test
  @Order(1)
  void textAndAMebibyteBetweenClientsOnDifferentGateways() {
    alice.client.send(bob.client.address(), "hello bob".getBytes(StandardCharsets.UTF_8));
    await().atMost(Duration.ofSeconds(20)).until(() -> bob.received.size() == 1);
    assertThat(new String(bob.received.get(0).data(), StandardCharsets.UTF_8))
        .isEqualTo("hello bob");
    assertThat(bob.received.get(0).senderTag()).isEmpty();

    byte[] big = new byte[1 << 20];
    new Random(7).nextBytes(big);
    bob.client.send(alice.client.address(), big);
    await().atMost(Duration.ofSeconds(60)).until(() -> alice.received.size() == 1);
    assertThat(alice.received.get(0).data()).isEqualTo(big);
    await().atMost(Duration.ofSeconds(20)).until(() -> bob.client.unacknowledged() == 0);
  }

  @Test
  @Order(2)
  void anonymousRoundTrip() throws Exception {
    int before = bob.received.size();
    alice.client.sendAnonymous(bob.client.address(),
        "who am I?".getBytes(StandardCharsets.UTF_8), 5);
    await().atMost(Duration.ofSeconds(20)).until(() -> bob.received.size() == before + 1);
    ReceivedMessage q = bob.received.get(before);
    assertThat(q.senderTag()).isPresent();
    // Bob holds SURBs and a tag, never Alice's address.
    assertThat(new String(q.data(), StandardCharsets.UTF_8)).isEqualTo("who am I?");
    int aliceBefore = alice.received.size();
    // 1 SURB short of the two-fragment reply: Bob asks for more first.
    byte[] answer = new byte[8000];
    new Random(3).nextBytes(answer);
    bob.client.reply(q.senderTag().get(), "anonymous".getBytes(StandardCharsets.UTF_8));
    bob.client.reply(q.senderTag().get(), answer);
    await().atMost(Duration.ofSeconds(30)).until(() -> alice.received.size() == aliceBefore + 2);
    assertThat(alice.received.subList(aliceBefore, aliceBefore + 2))
        .anySatisfy(m -> assertThat(m.data()).isEqualTo(
            "anonymous".getBytes(StandardCharsets.UTF_8)))
        .anySatisfy(m -> assertThat(m.data()).isEqualTo(answer))
        .allSatisfy(m -> assertThat(m.senderTag()).isEmpty());
  }

  @Test
  @Order(3)
  void offlineDelivery() throws Exception {
    bob.close();
    int before = bob.received.size();
    alice.client.send(bobKeys.address(), "while you were away".getBytes(StandardCharsets.UTF_8));
    // The gateway stores it; Bob comes back with the same keys.
    await().atMost(Duration.ofSeconds(20)).until(() -> alice.client.unacknowledged() == 0);
    Peer back = new Peer(bobKeys, FAST, dir.resolve("bob.sqlite"));
    bob = back;
    await().atMost(Duration.ofSeconds(20)).until(() -> back.received.size() == 1);
    assertThat(new String(back.received.get(0).data(), StandardCharsets.UTF_8))
        .isEqualTo("while you were away");
    assertThat(before).isPositive();
  }

  @Test
  @Order(4)
  void coverTrafficRunsWhenIdleAndEveryPacketOnTheWireHasTheRegularSizeAndRouteShape()
      throws Exception {
    ClientKeys keys = net.register(0);
    Topology topology = net.topology();
    TopologyNode gw = topology.gateway(keys.gateway()).orElseThrow();
    TrafficSettings quick = new TrafficSettings(Duration.ofMillis(5), Duration.ofMillis(5),
        Duration.ofMillis(20), Duration.ofMillis(50), false, false, 1.5, Duration.ofMillis(1500),
        10);
    try (WireTap tap = new WireTap(new InetSocketAddress(gw.host(), gw.wsPort()));
        Peer idle = new Peer(keys, quick, null,
            () -> throughTap(net.topologyProvider.fetch(), keys.gateway(), tap.port()))) {
      // Idle: only cover traffic, from both streams.
      await().atMost(Duration.ofSeconds(30)).until(() -> tap.clientBinary.size() >= 30);
      assertThat(idle.client.realPacketsSent()).isZero();
      // Then a real message of a few fragments among the cover.
      byte[] data = new byte[4000];
      new Random(7).nextBytes(data);
      int before = bob.received.size();
      idle.client.send(bob.client.address(), data);
      await().atMost(Duration.ofSeconds(30)).until(() -> bob.received.size() > before);
      long sent = idle.client.realPacketsSent() + idle.client.coverPacketsSent();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> tap.clientBinary.size() >= sent);
      List<byte[]> frames = List.copyOf(tap.clientBinary);

      Map<NodeAddress, SphinxProcessor> nodes = sphinxProcessors(topology);
      Set<Integer> frameSizes = new HashSet<>();
      Set<Integer> finalSizes = new HashSet<>();
      int cover = 0;
      int real = 0;
      for (byte[] frame : frames) {
        frameSizes.add(frame.length);
        BinaryMessages.Decoded d = BinaryMessages.decrypt(keys.gatewayKey(), frame);
        assertThat(d.kind()).isEqualTo(BinaryMessages.FORWARD_SPHINX);
        MixPacket mp = MixPacket.parseV1(d.plaintext());
        assertThat(mp.packet()).hasSize(PacketSize.REGULAR.size());
        // The route: one mixnode of each layer in order, then a gateway.
        NodeAddress hop = mp.nextHop();
        byte[] packet = mp.packet();
        for (List<TopologyNode> layer : topology.layers()) {
          NodeAddress at = hop;
          assertThat(layer).anyMatch(n -> n.mixAddress().equals(at));
          ForwardHop f = (ForwardHop) nodes.get(hop).process(packet);
          hop = f.nextHop();
          packet = f.nextPacket().toBytes();
        }
        NodeAddress last = hop;
        assertThat(topology.gateways().values()).anyMatch(g -> g.mixAddress().equals(last));
        FinalHop fin = (FinalHop) nodes.get(hop).process(packet);
        finalSizes.add(fin.message().length);
        if (fin.destination().equals(SphinxDestination.forRecipient(idle.client.address()))) {
          cover++;
        } else {
          assertThat(fin.destination())
              .isEqualTo(SphinxDestination.forRecipient(bob.client.address()));
          real++;
        }
      }
      assertThat(frameSizes).as("websocket message sizes").hasSize(1);
      assertThat(finalSizes).as("payload sizes at the last hop").hasSize(1);
      assertThat(real).isEqualTo(idle.client.realPacketsSent()).isPositive();
      assertThat(cover).isGreaterThanOrEqualTo(30);
      assertThat(idle.received).isEmpty();
    }
  }

  /** The topology with our gateway's websocket port replaced by the tap's. */
  private static Topology throughTap(Topology t, Ed25519PublicKey gateway, int port) {
    Map<Ed25519PublicKey, TopologyNode> gws = new HashMap<>(t.gateways());
    TopologyNode g = gws.get(gateway);
    gws.put(gateway, new TopologyNode(g.nodeId(), g.identity(), g.sphinxKey(), g.mixAddress(),
        "127.0.0.1", port, g.layer(), g.performance()));
    return new Topology(t.epoch(), t.rotationId(), t.layers(), gws);
  }

  /** Every node's Sphinx processor, from the private keys in the nodes' homes. */
  private static Map<NodeAddress, SphinxProcessor> sphinxProcessors(Topology t)
      throws Exception {
    Map<NodeAddress, SphinxProcessor> out = new HashMap<>();
    List<TopologyNode> all = new ArrayList<>(t.gateways().values());
    t.layers().forEach(all::addAll);
    PemKeyStore store = new PemKeyStore();
    for (int i = 0; i < TestNetwork.MIXNODES + TestNetwork.GATEWAYS; i++) {
      boolean mix = i < TestNetwork.MIXNODES;
      String id = mix ? "m" + i : "g" + (i - TestNetwork.MIXNODES);
      X25519KeyPair k = store.loadX25519(net.home(mix ? "mixnode" : "gateway", id), "sphinx");
      all.stream().filter(n -> n.sphinxKey().equals(k.publicKey()))
          .forEach(n -> out.put(n.mixAddress(), new SphinxProcessor(k)));
    }
    assertThat(out).hasSize(all.size());
    return out;
  }

  @Test
  @Order(5)
  void nativeClientsThroughTheirWebsocketApis() throws Exception {
    List<String> gws = net.gatewayIdentities();
    int[] ports = new int[2];
    for (int i = 0; i < 2; i++) {
      ports[i] = TestNetwork.freePort();
      TestNetwork.Result r = net.ok("client", "init", "--id", "app" + i, "--validators",
          net.validatorUrl, "--gateway", gws.get(i), "--port", String.valueOf(ports[i]));
      assertThat(r.out()).contains("registered with gateway " + gws.get(i));
    }
    assertThat(net.run("client", "init", "--id", "app0", "--validators", net.validatorUrl)
        .err()).contains("already exists");
    String addr0 = net.ok("client", "address", "--id", "app0").out().strip();
    String addr1 = net.ok("client", "address", "--id", "app1").out().strip();
    assertThat(addr0).endsWith("@" + gws.get(0));
    net.start("client", "app0");
    net.start("client", "app1");
    try (ApiTestClient a = new ApiTestClient(uri(ports[0]));
        ApiTestClient b = new ApiTestClient(uri(ports[1]))) {
      // selfAddress, in text.
      a.text("{\"type\":\"selfAddress\"}");
      assertThat(a.next(10)).isEqualTo("{\"type\":\"selfAddress\",\"address\":\"" + addr0
          + "\"}");
      // A malformed request gets the protocol's error; the socket stays open.
      a.text("{\"type\":\"send\",\"message\":\"x\",\"recipient\":\"nonsense\"}");
      assertThat((String) a.next(10)).startsWith("{\"type\":\"error\"");
      a.binary(new byte[] {(byte) 0x42});
      assertThat((byte[]) a.next(10)).startsWith(0x00, 0x03);
      assertThat(a.isOpen()).isTrue();

      // Text: b asks in text, so it receives in text.
      b.text("{\"type\":\"selfAddress\"}");
      assertThat((String) b.next(10)).contains(addr1);
      a.text("{\"type\":\"send\",\"message\":\"hello over the API\",\"recipient\":\""
          + addr1 + "\",\"connectionId\":null}");
      assertThat(b.next(30)).isEqualTo(
          "{\"type\":\"received\",\"message\":\"hello over the API\",\"senderTag\":null}");

      // Binary: 1 MiB; b switches to binary by asking in binary.
      b.binary(new byte[] {0x03});
      assertThat((byte[]) b.next(10)).hasSize(97).startsWith(0x02);
      byte[] big = new byte[1 << 20];
      new Random(5).nextBytes(big);
      java.nio.ByteBuffer req = java.nio.ByteBuffer.allocate(1 + 96 + 8 + 8 + big.length);
      req.put((byte) 0x00).put(Recipient.parse(addr1).toBytes())
          .putLong(0).putLong(big.length).put(big);
      a.binary(req.array());
      byte[] got = (byte[]) b.next(120);
      assertThat(got).isNotNull();
      java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(got);
      assertThat(in.get()).isEqualTo((byte) 0x01);
      assertThat(in.get()).isEqualTo((byte) 0);
      assertThat(in.getLong()).isEqualTo(big.length);
      byte[] data = new byte[in.remaining()];
      in.get(data);
      assertThat(data).isEqualTo(big);
    } finally {
      net.stop("client/app0");
      net.stop("client/app1");
    }
  }

  private static java.net.URI uri(int port) {
    return java.net.URI.create("ws://127.0.0.1:" + port);
  }

  @Test
  @Order(6)
  void gatewayLostThenBackReconnectsAndTellsTheApplication() throws Exception {
    String gw = null;
    for (int i = 0; i < TestNetwork.GATEWAYS; i++) {
      if (net.identity("gateway", "g" + i).equals(aliceKeys.gateway())) {
        gw = "g" + i;
      }
    }
    assertThat(gw).isNotNull();
    net.stop("gateway/" + gw);
    // Five attempts 200 ms apart fail: the application is told.
    await().atMost(Duration.ofSeconds(20)).until(() -> !alice.errors.isEmpty());
    assertThat(alice.errors.get(0)).contains("gateway is unreachable");
    net.start("gateway", gw);
    int before = alice.received.size();
    bob.client.send(alice.client.address(), "welcome back".getBytes(StandardCharsets.UTF_8));
    await().atMost(Duration.ofSeconds(40)).until(() -> alice.received.size() == before + 1);
    assertThat(new String(alice.received.get(before).data(), StandardCharsets.UTF_8))
        .isEqualTo("welcome back");
  }

  @Test
  @Order(9)
  void aMixnodeLostMidTransferStillDeliversExactlyOnce() throws Exception {
    int before = bob.received.size();
    byte[] big = new byte[1 << 20];
    new Random(11).nextBytes(big);
    alice.client.send(bob.client.address(), big);
    await().atMost(Duration.ofSeconds(20)).until(() -> alice.client.realPacketsSent() > 0
        && alice.client.unacknowledged() > 0);
    net.stop("mixnode/m0");
    await().atMost(Duration.ofSeconds(120)).until(() -> bob.received.size() == before + 1);
    assertThat(bob.received.get(before).data()).isEqualTo(big);
    // Every fragment is eventually acknowledged over routes that avoid the dead node, and the
    // retransmitted duplicates never deliver the message a second time.
    await().atMost(Duration.ofSeconds(60)).until(() -> alice.client.unacknowledged() == 0
        && alice.client.queued() == 0);
    assertThat(alice.client.retransmissions()).isPositive();
    assertThat(bob.received).hasSize(before + 1);
  }
}
