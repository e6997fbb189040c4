package net.nym.plugin.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.crypto.sphinx.SphinxDestination;
import net.nym.crypto.sphinx.SphinxNode;
import net.nym.crypto.sphinx.SphinxPacket;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.mixnet.gateway.ClientRequest;
import net.nym.mixnet.gateway.ServerResponse;
import net.nym.mixnet.tools.FrameClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway and three of our mixnodes (one per layer), all made by the plugins' service factories
 * inside one host, on loopback; clients are {@link ProtocolClient}s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayNetworkTest {
  private NymWithGateway nym;
  private final List<NymService> mixnodes = new ArrayList<>();
  private final List<SphinxNode> mixRoute = new ArrayList<>();
  private GatewayHandle gateway;
  private SphinxNode gatewayNode;
  private NymWithGateway.Result gatewayInit;

  @BeforeAll
  void startNetwork(@TempDir Path dir) throws Exception {
    nym = new NymWithGateway(dir);
    for (String id : List.of("layer1", "layer2", "layer3")) {
      NymWithGateway.Result r = nym.init("mixnode", id, s -> s);
      NymService node = nym.create("mixnode", id);
      node.start();
      mixnodes.add(node);
      mixRoute.add(new SphinxNode(
          NodeAddress.of(new byte[] {127, 0, 0, 1}, r.json().get("mix_port").asInt()),
          X25519PublicKey.fromBase58(r.json().get("sphinx_key").asText())));
    }
    gatewayInit = nym.init("gateway", "gw", s -> s);
    startGateway();
  }

  private void startGateway() throws Exception {
    NymService s = nym.create("gateway", "gw");
    s.start();
    gateway = new GatewayHandle(s,
        Ed25519PublicKey.fromBase58(gatewayInit.json().get("identity_key").asText()),
        X25519PublicKey.fromBase58(gatewayInit.json().get("sphinx_key").asText()));
    gatewayNode = gateway.sphinxNode();
  }

  @AfterAll
  void stopNetwork() {
    if (gateway != null) {
      gateway.service().stop();
    }
    for (NymService n : mixnodes) {
      n.stop();
    }
    nym.close();
  }

  private URI ws() {
    return gateway.ws();
  }

  private List<SphinxNode> route() {
    List<SphinxNode> r = new ArrayList<>(mixRoute);
    r.add(gatewayNode);
    return r;
  }

  private static List<Duration> zeroDelays(int n) {
    return new ArrayList<>(java.util.Collections.nCopies(n, Duration.ZERO));
  }

  /** A SURB-ack for {@code client}: first hop (19 bytes, zero-padded) || ack packet (386). */
  private byte[] surbAck(Ed25519KeyPair client, byte[] ackId) {
    SphinxPacket ack = SphinxPacket.builder().route(route()).delays(zeroDelays(4))
        .destination(SphinxDestination.of(client.publicKey().toBytes()))
        .packetSize(PacketSize.ACK).random(ProtocolClient.RANDOM).build(ackId);
    byte[] out = new byte[FinalHopDelivery.SURB_ACK];
    byte[] hop = mixRoute.get(0).address().toBytes();
    System.arraycopy(hop, 0, out, 0, hop.length);
    System.arraycopy(ack.toBytes(), 0, out, FinalHopDelivery.ACK_FIRST_HOP, 386);
    return out;
  }

  /** A regular packet for {@code client} through the three mixnodes with a SURB-ack inside. */
  private SphinxPacket packetFor(Ed25519KeyPair client, List<SphinxNode> path, String text,
      byte[] ackId) {
    byte[] plaintext = new byte[PacketSize.REGULAR.plaintextSize()];
    System.arraycopy(surbAck(client, ackId), 0, plaintext, 0, FinalHopDelivery.SURB_ACK);
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(body, 0, plaintext, FinalHopDelivery.SURB_ACK, body.length);
    return SphinxPacket.builder().route(path).delays(zeroDelays(path.size()))
        .destination(SphinxDestination.of(client.publicKey().toBytes()))
        .packetSize(PacketSize.REGULAR).random(ProtocolClient.RANDOM).build(plaintext);
  }

  private static String text(byte[] message) {
    int end = message.length;
    while (end > 0 && message[end - 1] == 0) {
      end--;
    }
    return new String(message, 0, end, StandardCharsets.UTF_8);
  }

  @Test
  void registersReconnectsAndAPacketGoesThroughThreeMixnodesAndComesBack() throws Exception {
    Ed25519KeyPair alice = Ed25519KeyPair.generate(ProtocolClient.RANDOM);
    var gwKey = gateway.identity();
    net.nym.crypto.gateway.GatewaySharedKey key;
    // Session 1: what a fresh Nym client does: supportedProtocol, then registration.
    try (ProtocolClient c = ProtocolClient.connect(ws(), alice)) {
      c.sendText(new ClientRequest.SupportedProtocol().toJson());
      assertThat(c.nextResponse()).isEqualTo(new ServerResponse.SupportedProtocol(5));
      assertThat(c.register(gwKey, false)).isEqualTo(new ServerResponse.Register(3, true));
      key = c.key;
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.authenticatedClients() == 0);
    // Session 2: a new connection, authenticated (v2) with the stored key.
    try (ProtocolClient c = ProtocolClient.connect(ws(), alice)) {
      c.key = key;
      c.authenticateV2(ProtocolClient.now());
      ServerResponse auth = c.nextResponse();
      assertThat(auth).isInstanceOf(ServerResponse.Authenticate.class);
      long allowance = ((ServerResponse.Authenticate) auth).bandwidthRemaining();
      assertThat(((ServerResponse.Authenticate) auth).status()).isTrue();
      assertThat(allowance).isEqualTo(1L << 30);

      byte[] ackId = "ack:000000000000000001".substring(0, 21).getBytes(StandardCharsets.UTF_8);
      SphinxPacket p = packetFor(alice, route(), "hello through three mixnodes", ackId);
      MixPacket mp = MixPacket.of(PacketType.MIX, KeyRotation.UNKNOWN, mixRoute.get(0).address(),
          p.toBytes());
      c.sendBinary(BinaryMessages.encrypt(c.key, BinaryMessages.FORWARD_SPHINX, mp.toV1Bytes(),
          ProtocolClient.RANDOM));
      assertThat(c.nextResponse()).isEqualTo(new ServerResponse.Send(allowance - 2413));

      // The message (1643 bytes) and, after its own trip through the three layers, the SURB-ack
      // (the 21-byte ack plaintext) both come back to this session.
      Set<String> got = new HashSet<>();
      for (int i = 0; i < 2; i++) {
        BinaryMessages.Decoded d = c.nextPushed();
        assertThat(d.kind()).isEqualTo(BinaryMessages.PUSHED_MIX_MESSAGE);
        if (d.plaintext().length == 21) {
          assertThat(d.plaintext()).isEqualTo(ackId);
          got.add("ack");
        } else {
          assertThat(d.plaintext()).hasSize(2048 - 405);
          assertThat(text(d.plaintext())).isEqualTo("hello through three mixnodes");
          got.add("message");
        }
      }
      assertThat(got).containsExactlyInAnyOrder("ack", "message");
    }
    for (NymService m : mixnodes) {
      assertThat(((Number) m.health().metrics().get("packets_sent")).longValue())
          .as("every mixnode forwarded the packet and its ack").isGreaterThanOrEqualTo(2);
    }
    assertThat(gateway.event(GatewayCounters.ACKS_FORWARDED)).isGreaterThanOrEqualTo(1);
    assertThat(gateway.event(GatewayCounters.PACKETS_FORWARDED)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void offlineMessagesSurviveARestartAndAreDeliveredExactlyOnce() throws Exception {
    Ed25519KeyPair bob = Ed25519KeyPair.generate(ProtocolClient.RANDOM);
    net.nym.crypto.gateway.GatewaySharedKey key;
    try (ProtocolClient c = ProtocolClient.connect(ws(), bob)) {
      c.register(gateway.identity(), false);
      key = c.key;
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.authenticatedClients() == 0);
    long before = gateway.storedMessages();
    // Three messages for offline bob, straight into the gateway's mix port (last hop only).
    try (FrameClient f = FrameClient.connect(gateway.mixAddress())) {
      for (int i = 0; i < 3; i++) {
        SphinxPacket p = packetFor(bob, List.of(gatewayNode), "stored " + i,
            ("ackid-bob-000000000-" + i).getBytes(StandardCharsets.UTF_8));
        f.send(Frame.of(FramingVersion.V8, PacketType.MIX, KeyRotation.UNKNOWN, p.toBytes()));
      }
    }
    // Each message's SURB-ack goes back out through the three mixnodes at once and returns as
    // a 21-byte ack for bob: six stored messages in all.
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.storedMessages() == before + 6);

    gateway.service().stop();
    assertThat(gateway.service().health().status()).isEqualTo(Health.Status.DOWN);
    assertThat(nym.home("gateway", "gw").dataDir().resolve(Mailbox.FILE)).exists();
    startGateway();
    assertThat(gateway.storedMessages()).isEqualTo(before + 6);

    long ts = ProtocolClient.now();
    try (ProtocolClient c = ProtocolClient.connect(ws(), bob)) {
      c.key = key;
      c.authenticateV2(ts);
      // Stored messages arrive before the authenticate response, each once.
      List<String> messages = new ArrayList<>();
      int acks = 0;
      for (int i = 0; i < 6; i++) {
        byte[] m = c.nextPushed().plaintext();
        if (m.length == 21) {
          acks++;
        } else {
          messages.add(text(m));
        }
      }
      assertThat(messages).containsExactlyInAnyOrder("stored 0", "stored 1", "stored 2");
      assertThat(acks).isEqualTo(3);
      ServerResponse.Authenticate auth = (ServerResponse.Authenticate) c.nextResponse();
      assertThat(auth.status()).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.storedMessages() == before);
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.authenticatedClients() == 0);
    try (ProtocolClient c = ProtocolClient.connect(ws(), bob)) {
      c.key = key;
      c.authenticateV2(ts + 1);
      assertThat(c.next()).as("no second delivery: the response comes first")
          .isInstanceOf(ProtocolClient.Text.class);
    }
  }

  @Test
  void theHttpApiAnnouncesTheClientInterfaces() throws Exception {
    int port = gateway.httpPort();
    JsonNode ifaces = get(port, "/api/v1/gateway/client-interfaces");
    assertThat(ifaces.get("wireguard").isNull()).isTrue();
    assertThat(ifaces.at("/mixnet_websockets/ws_port").asInt())
        .isEqualTo(gateway.metric("clients_port"));
    assertThat(ifaces.at("/mixnet_websockets/wss_port").isNull()).isTrue();
    assertThat(get(port, "/api/v1/gateway").get("enforces_zk_nyms").asBoolean()).isFalse();
    assertThat(get(port, "/api/v1/health").get("status").asText()).isEqualTo("up");
    assertThat(get(port, "/api/v1/build-information").get("binary_name").asText())
        .isEqualTo("nym-gateway");
    assertThat(get(port, "/api/v1/gateway/stats").has("events")).isTrue();
    assertThat(get(port, "/api/v1/gateway/client-interfaces/mixnet-websockets").get("ws_port")
        .asInt()).isEqualTo(gateway.metric("clients_port"));
    HttpResponse<String> prom = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/metrics/gateway")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(prom.body()).contains("nym_gateway_authenticated_clients");
  }

  private static JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

}
