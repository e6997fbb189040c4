package net.nym.plugin.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.nym.api.service.NymService;
import net.nym.crypto.gateway.Blake3;
import net.nym.crypto.gateway.Blake3Hkdf;
import net.nym.crypto.gateway.CurrentSharedKey;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.mixnet.gateway.ClientRequest;
import net.nym.mixnet.gateway.Handshake;
import net.nym.mixnet.gateway.HandshakePayload;
import net.nym.mixnet.gateway.ServerResponse;
import net.nym.mixnet.tools.FrameSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every wrong input gets the protocol's answer (an error, a typed error or a close) and the
 * gateway keeps serving others. One gateway with tight limits (1 s timeouts, 5000 bytes of free
 * bandwidth, 3-packet bursts, 16 KiB frames); packets go to a frame sink as their first hop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayAbuseTest {
  private NymWithGateway nym;
  private GatewayHandle gateway;
  private EventLoopGroup sinkLoop;
  private FrameSink sink;
  private final List<ProtocolClient> clients = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    nym = new NymWithGateway(dir);
    gateway = startGateway("strict", s -> s);
    sinkLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    sink = FrameSink.start(sinkLoop);
    // Warm up the client's crypto so that a cold JVM does not hit the 2 s initial timeout.
    X25519KeyPair a = X25519KeyPair.generate(ProtocolClient.RANDOM);
    Handshake.deriveKey(a, a.publicKey(), new byte[16]).encrypt(new byte[32], new byte[12]);
    newIdentity().sign(new byte[1]);
    assertStillServes();
  }

  private GatewayHandle startGateway(String id, java.util.function.UnaryOperator<String> more)
      throws Exception {
    NymWithGateway.Result r = nym.init("gateway", id, s -> more.apply(s
        .replaceAll("initial_message_timeout = \"[^\"]*\"", "initial_message_timeout = \"2s\"")
        .replaceAll("handshake_timeout = \"[^\"]*\"", "handshake_timeout = \"1s\"")
        .replaceAll("max_frame_size = \\d+", "max_frame_size = 16384")
        .replaceAll("max_packets_per_second = \\d+", "max_packets_per_second = 1")
        .replaceAll("packet_burst = \\d+", "packet_burst = 3")
        .replaceAll("free_allowance = \\d+", "free_allowance = 5000")));
    NymService s = nym.create("gateway", id);
    s.start();
    return new GatewayHandle(s, Ed25519PublicKey.fromBase58(r.json().get("identity_key").asText()),
        X25519PublicKey.fromBase58(r.json().get("sphinx_key").asText()));
  }

  @AfterEach
  void closeClients() {
    clients.forEach(ProtocolClient::close);
    clients.clear();
  }

  @AfterAll
  void stop() {
    gateway.service().stop();
    sink.close();
    sinkLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    nym.close();
  }

  private ProtocolClient client(Ed25519KeyPair id) throws Exception {
    return client(gateway.ws(), id);
  }

  private ProtocolClient client(URI uri, Ed25519KeyPair id) throws Exception {
    ProtocolClient c = ProtocolClient.connect(uri, id);
    clients.add(c);
    return c;
  }

  private static Ed25519KeyPair newIdentity() {
    return Ed25519KeyPair.generate(ProtocolClient.RANDOM);
  }

  /** A new client is still served: supportedProtocol is answered. */
  private void assertStillServes() throws Exception {
    try (ProtocolClient c = ProtocolClient.connect(gateway.ws(), newIdentity())) {
      c.sendText(new ClientRequest.SupportedProtocol().toJson());
      assertThat(c.nextResponse()).isEqualTo(new ServerResponse.SupportedProtocol(5));
    }
  }

  private static void assertErrorAndClose(ProtocolClient c, String message) throws Exception {
    ServerResponse r = c.nextResponse();
    assertThat(r).isInstanceOf(ServerResponse.Error.class);
    assertThat(((ServerResponse.Error) r).message()).contains(message);
    c.awaitClosed();
  }

  /** A registered, authenticated (v2) client. */
  private ProtocolClient authenticated() throws Exception {
    Ed25519KeyPair id = newIdentity();
    GatewaySharedKey key;
    try (ProtocolClient c = ProtocolClient.connect(gateway.ws(), id)) {
      c.register(gateway.identity(), false);
      key = c.key;
    }
    ProtocolClient c = client(id);
    c.key = key;
    c.authenticateV2(ProtocolClient.now());
    assertThat(((ServerResponse.Authenticate) c.nextResponse()).status()).isTrue();
    return c;
  }

  private byte[] packetFrame(GatewaySharedKey key, PacketSize size) throws Exception {
    MixPacket m = MixPacket.of(PacketType.MIX, KeyRotation.UNKNOWN, sink.address(),
        new byte[size.size()]);
    return BinaryMessages.encrypt(key, BinaryMessages.FORWARD_SPHINX, m.toV1Bytes(),
        ProtocolClient.RANDOM);
  }

  @Test
  void theUpgradeAcceptsNoExtensions() throws Exception {
    try (Socket s = new Socket("127.0.0.1", gateway.metric("clients_port"))) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      StringBuilder head = new StringBuilder();
      InputStream in = s.getInputStream();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        assertThat(b).isNotNegative();
        head.append((char) b);
      }
      assertThat(head.toString()).startsWith("HTTP/1.1 101");
      assertThat(head.toString().toLowerCase(java.util.Locale.ROOT))
          .doesNotContain("sec-websocket-extensions");
    }
  }

  @Test
  void garbageTextIsAnErrorAndAClose() throws Exception {
    ProtocolClient c = client(newIdentity());
    c.sendText("hello gateway");
    assertErrorAndClose(c, "the received request is malformed");
    ProtocolClient d = client(newIdentity());
    d.sendText("{\"type\":\"bandwidthCredential\",\"enc_credential\":[],\"iv\":[]}");
    assertErrorAndClose(d, "Only 'Register' or 'Authenticate' requests are allowed");
    assertStillServes();
  }

  @Test
  void binaryBeforeAuthenticationIsRefused() throws Exception {
    ProtocolClient c = client(newIdentity());
    c.sendBinary(new byte[] {1, 2, 3});
    assertErrorAndClose(c, "without prior authentication");
    assertStillServes();
  }

  @Test
  void anIncompatibleProtocolVersionIsRefused() throws Exception {
    ProtocolClient c = client(newIdentity());
    c.sendText(HandshakePayload.payload(6, new byte[80]));
    assertErrorAndClose(c, "incompatible protocol version");
    assertStillServes();
  }

  @Test
  void malformedHandshakesAreRefused() throws Exception {
    ProtocolClient c = client(newIdentity());
    c.sendText(HandshakePayload.payload(3, new byte[65]));
    assertErrorAndClose(c, "malformed request");

    // A client whose signature is made with another key.
    Ed25519KeyPair id = newIdentity();
    ProtocolClient d = client(id);
    X25519KeyPair eph = X25519KeyPair.generate(ProtocolClient.RANDOM);
    byte[] salt = new byte[16];
    d.sendText(HandshakePayload.payload(3,
        new Handshake.Init(id.publicKey(), eph.publicKey(), salt).toBytes()));
    byte[] data = HandshakePayload.parse(d.nextText()).data();
    X25519PublicKey gEph = X25519PublicKey.fromBytes(java.util.Arrays.copyOf(data, 32));
    GatewaySharedKey k = Handshake.deriveKey(eph, gEph, salt);
    d.sendText(HandshakePayload.payload(3,
        Handshake.material(k, newIdentity(), eph.publicKey(), gEph, ProtocolClient.RANDOM)));
    HandshakePayload err = HandshakePayload.parse(d.nextText());
    assertThat(err.error()).contains("invalid signature");
    assertErrorAndClose(d, "invalid signature");

    // Nothing was registered for it.
    ProtocolClient e = client(id);
    e.sendText(e.authV2Json(k, ProtocolClient.now()));
    assertErrorAndClose(e, "the client is not registered");
    assertStillServes();
  }

  @Test
  void silentClientsTimeOut() throws Exception {
    ProtocolClient c = client(newIdentity());
    assertErrorAndClose(c, "timed out while waiting for initial data");

    Ed25519KeyPair id = newIdentity();
    ProtocolClient d = client(id);
    d.sendText(HandshakePayload.payload(3, new Handshake.Init(id.publicKey(),
        X25519KeyPair.generate(ProtocolClient.RANDOM).publicKey(), new byte[16]).toBytes()));
    assertThat(HandshakePayload.parse(d.nextText()).data()).hasSize(124);
    assertThat(HandshakePayload.parse(d.nextText()).error()).contains("timed out");
    assertErrorAndClose(d, "timed out");
    assertThat(gateway.event(GatewayCounters.TIMEOUTS)).isGreaterThanOrEqualTo(2);
    assertStillServes();
  }

  @Test
  void aWrongSharedKeyIsRefused() throws Exception {
    ProtocolClient ok = authenticated();
    Ed25519KeyPair id = ok.identity;
    ok.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.authenticatedClients() == 0);
    GatewaySharedKey wrong = new CurrentSharedKey(Blake3.hash(new byte[] {1}));
    ProtocolClient c = client(id);
    c.sendText(c.authV2Json(wrong, ProtocolClient.now() + 1));
    assertErrorAndClose(c, "failed to verify provided address ciphertext");
    ProtocolClient d = client(id);
    d.key = wrong;
    d.authenticateV1(3);
    assertThat(d.nextResponse()).isEqualTo(new ServerResponse.Authenticate(3, false, 0));
    assertErrorAndClose(d, "could not establish client details");
    assertStillServes();
  }

  @Test
  void replayedStaleAndFutureAuthenticationsAreRefused() throws Exception {
    ProtocolClient first = authenticated();
    Ed25519KeyPair id = first.identity;
    GatewaySharedKey key = first.key;
    long ts = ProtocolClient.now() + 1;
    String request = first.authV2Json(key, ts);
    first.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.authenticatedClients() == 0);

    ProtocolClient a = client(id);
    a.sendText(request);
    assertThat(((ServerResponse.Authenticate) a.nextResponse()).status()).isTrue();
    a.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.authenticatedClients() == 0);
    ProtocolClient replay = client(id);
    replay.sendText(request);
    assertErrorAndClose(replay, "smaller or equal to one previously used");

    ProtocolClient stale = client(id);
    stale.sendText(stale.authV2Json(key, ProtocolClient.now() - 1000));
    assertErrorAndClose(stale, "excessively skewed");
    ProtocolClient future = client(id);
    future.sendText(future.authV2Json(key, ProtocolClient.now() + 1000));
    assertErrorAndClose(future, "excessively skewed");
    assertStillServes();
  }

  @Test
  void badBinaryAfterAuthenticationIsAnErrorButTheSessionStays() throws Exception {
    ProtocolClient c = authenticated();
    c.sendBinary(new byte[] {1, 1, 2, 3});
    assertThat(((ServerResponse.Error) c.nextResponse()).message()).contains("too short");
    byte[] tampered = packetFrame(c.key, PacketSize.ACK);
    tampered[30] ^= 1;
    c.sendBinary(tampered);
    assertThat(((ServerResponse.Error) c.nextResponse()).message()).contains("malformed");
    c.sendText(HandshakePayload.payload(3, new byte[80]));
    assertThat(((ServerResponse.Error) c.nextResponse()).message())
        .contains("not valid in the current context");
    c.sendText(new ClientRequest.SupportedProtocol().toJson());
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.SupportedProtocol(5));
  }

  @Test
  void anExhaustedAllowanceIsATypedErrorUntilBandwidthIsClaimed() throws Exception {
    ProtocolClient c = authenticated();
    c.sendBinary(packetFrame(c.key, PacketSize.REGULAR));
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.Send(5000 - 2413));
    c.sendBinary(packetFrame(c.key, PacketSize.REGULAR));
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.Send(5000 - 2 * 2413));
    c.sendBinary(packetFrame(c.key, PacketSize.REGULAR));
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.OutOfBandwidth(2413, 174));
    c.sendText(new ClientRequest.ClaimFreeTestnetBandwidth().toJson());
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.Bandwidth(174 + (64L << 30)));
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= 2);
  }

  @Test
  void pipelinedRequestsAreAnsweredInTheirOrder() throws Exception {
    ProtocolClient c = authenticated();
    // Sent back to back, so that several arrive in one socket read and are handled as one batch:
    // the batched send responses and the immediately written error and text answers keep order.
    c.sendBinary(packetFrame(c.key, PacketSize.ACK));
    c.sendBinary(new byte[] {1, 1, 0});
    c.sendText(new ClientRequest.SupportedProtocol().toJson());
    c.sendBinary(packetFrame(c.key, PacketSize.ACK));
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.Send(5000 - 386));
    assertThat(((ServerResponse.Error) c.nextResponse()).message())
        .contains("the request is too short");
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.SupportedProtocol(5));
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.Send(5000 - 2 * 386));
  }

  @Test
  void aClientOverItsPacketRateIsRefused() throws Exception {
    ProtocolClient c = authenticated();
    for (int i = 0; i < 3; i++) {
      c.sendBinary(packetFrame(c.key, PacketSize.ACK));
      assertThat(c.nextResponse()).isInstanceOf(ServerResponse.Send.class);
    }
    c.sendBinary(packetFrame(c.key, PacketSize.ACK));
    assertThat(((ServerResponse.Error) c.nextResponse()).message()).contains("too many packets");
  }

  @Test
  void anOversizedFrameClosesTheSession() throws Exception {
    ProtocolClient c = authenticated();
    c.sendBinary(new byte[20_000]);
    assertThat(c.awaitClosed().status()).isIn(1009, -1);
    assertStillServes();
  }

  @Test
  void duplicateSessions() throws Exception {
    ProtocolClient first = authenticated();
    Ed25519KeyPair id = first.identity;
    // Registration while connected.
    ProtocolClient reg = client(id);
    reg.sendText(HandshakePayload.payload(3, new Handshake.Init(id.publicKey(),
        X25519KeyPair.generate(ProtocolClient.RANDOM).publicKey(), new byte[16]).toBytes()));
    assertErrorAndClose(reg, "There is already an open connection to this client");
    // A second authentication while the first session answers pings.
    ProtocolClient second = client(id);
    second.key = first.key;
    second.authenticateV2(ProtocolClient.now() + 1);
    assertErrorAndClose(second, "There is already an open connection to this client");
    first.sendText(new ClientRequest.SupportedProtocol().toJson());
    assertThat(first.nextResponse()).isEqualTo(new ServerResponse.SupportedProtocol(5));
    first.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.authenticatedClients() == 0);
    // A session whose client stopped answering (no pong) is replaced by the next one.
    try (RawWebSocket dead = new RawWebSocket(gateway.metric("clients_port"))) {
      dead.sendText(first.authV2Json(first.key, ProtocolClient.now() + 2));
      assertThat(dead.readText()).contains("\"status\":true");
      ProtocolClient third = client(id);
      third.key = first.key;
      third.authenticateV2(ProtocolClient.now() + 3);
      assertThat(((ServerResponse.Authenticate) third.nextResponse()).status()).isTrue();
      assertThat(gateway.event(GatewayCounters.DUPLICATE_REPLACED)).isGreaterThanOrEqualTo(1);
      third.sendText(new ClientRequest.SupportedProtocol().toJson());
      assertThat(third.nextResponse()).isEqualTo(new ServerResponse.SupportedProtocol(5));
    }
    // An authentication dated before the live session started is stale: a client that has just
    // registered (session start: now) and an authentication from 5 s ago.
    Ed25519KeyPair other = newIdentity();
    ProtocolClient registered = client(other);
    registered.register(gateway.identity(), false);
    ProtocolClient stale = client(other);
    stale.sendText(stale.authV2Json(registered.key, ProtocolClient.now() - 5));
    assertErrorAndClose(stale, "attempted to overwrite client session with a stale authentication");
  }

  @Test
  void legacyKeysRegisterAuthenticateV1ForwardAndUpgrade() throws Exception {
    Ed25519KeyPair id = newIdentity();
    GatewaySharedKey legacy;
    try (ProtocolClient c = ProtocolClient.connect(gateway.ws(), id)) {
      assertThat(c.register(gateway.identity(), true)).isEqualTo(
          new ServerResponse.Register(1, true));
      legacy = c.key;
      assertThat(legacy.isLegacy()).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.authenticatedClients() == 0);
    ProtocolClient c = client(id);
    c.key = legacy;
    c.authenticateV1(1);
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.Authenticate(1, true, 5000));
    c.sendBinary(packetFrame(legacy, PacketSize.ACK));
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.Send(5000 - 386));

    byte[] salt = new byte[16];
    ProtocolClient.RANDOM.nextBytes(salt);
    byte[] upgraded = Blake3Hkdf.derive(salt, legacy.toBytes(), null, 32);
    String body = "{\"UpgradeKey\":{\"hkdf_salt\":" + json(salt) + ",\"derived_key_digest\":"
        + json(Blake3.hash(upgraded)) + "}}";
    byte[] iv = legacy.randomNonce(ProtocolClient.RANDOM);
    c.sendText(new ClientRequest.EncryptedRequest(
        legacy.encrypt(body.getBytes(StandardCharsets.UTF_8), iv), iv).toJson());
    ServerResponse.EncryptedResponse r = (ServerResponse.EncryptedResponse) c.nextResponse();
    GatewaySharedKey current = new CurrentSharedKey(upgraded);
    assertThat(new String(current.decrypt(r.ciphertext(), r.nonce()), StandardCharsets.UTF_8))
        .isEqualTo("{\"KeyUpgradeAck\":{}}");
    c.key = current;
    c.sendBinary(packetFrame(current, PacketSize.ACK));
    assertThat(c.nextResponse()).isEqualTo(new ServerResponse.Send(5000 - 2 * 386));
  }

  /**
   * The first byte read, or -1 once the peer closed. A refused connection may end in a FIN or, if
   * the request had already arrived unread when the server closed it, in a reset: both mean closed.
   */
  private static int readUntilClosed(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (SocketException e) {
      if (String.valueOf(e.getMessage()).contains("reset")) {
        return -1;
      }
      throw e;
    }
  }

  private static String json(byte[] b) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < b.length; i++) {
      s.append(i == 0 ? "" : ",").append(b[i] & 0xff);
    }
    return s.append(']').toString();
  }

  @Test
  void connectionsBeyondMaxSessionsAreClosed() throws Exception {
    GatewayHandle tiny = startGateway("tiny", s -> s
        .replaceAll("max_sessions = \\d+", "max_sessions = 2")
        .replace("idle_timeout = \"10m\"", "idle_timeout = \"1s\""));
    try {
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          sockets.add(new Socket("127.0.0.1", tiny.metric("clients_port")));
        }
        await().atMost(Duration.ofSeconds(5))
            .until(() -> tiny.metric("client_connections") == 2);
        try (Socket third = new Socket("127.0.0.1", tiny.metric("clients_port"))) {
          OutputStream out = third.getOutputStream();
          out.write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          third.setSoTimeout(5000);
          assertThat(readUntilClosed(third.getInputStream()))
              .as("closed without an answer")
              .isEqualTo(-1);
        }
        assertThat(tiny.event(GatewayCounters.SESSIONS_REFUSED)).isEqualTo(1);
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> tiny.metric("client_connections") == 0);
      // The freed slot serves again; an authenticated session that then stays silent is closed
      // after the (here 1 s) idle timeout.
      try (ProtocolClient c = ProtocolClient.connect(tiny.ws(), newIdentity())) {
        c.sendText(new ClientRequest.SupportedProtocol().toJson());
        assertThat(c.nextResponse()).isEqualTo(new ServerResponse.SupportedProtocol(5));
        c.register(tiny.identity(), false);
        assertThat(c.awaitClosed()).isNotNull();
        assertThat(tiny.event(GatewayCounters.IDLE_CLOSED)).isEqualTo(1);
      }
    } finally {
      tiny.service().stop();
    }
  }
}
