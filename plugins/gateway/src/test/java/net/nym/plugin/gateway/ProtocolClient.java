package net.nym.plugin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.mixnet.gateway.ClientRequest;
import net.nym.mixnet.gateway.Handshake;
import net.nym.mixnet.gateway.HandshakePayload;
import net.nym.mixnet.gateway.ServerResponse;

/**
 * A gateway client written against Nym's gateway protocol (nym-wire §3), on the JDK's websocket
 * client: registration handshake (as Nym's client sends it), authentication v1 and v2, encrypted
 * binary packets, and a queue of everything the gateway sends. {@link #pauseReading()} stops
 * reading, so pings go unanswered (a dead client).
 */
final class ProtocolClient implements AutoCloseable {
  static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Something the gateway sent. */
  sealed interface Incoming permits Text, Binary, Closed {}

  record Text(String json) implements Incoming {}

  record Binary(byte[] bytes) implements Incoming {}

  record Closed(int status, String reason) implements Incoming {}

  private final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
  private final WebSocket ws;
  private volatile boolean paused;
  final Ed25519KeyPair identity;
  GatewaySharedKey key;

  private ProtocolClient(URI uri, Ed25519KeyPair identity) throws Exception {
    this.identity = identity;
    this.ws = HTTP.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
  }

  static ProtocolClient connect(URI uri, Ed25519KeyPair identity) throws Exception {
    return new ProtocolClient(uri, identity);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        incoming.add(new Text(text.toString()));
        text.setLength(0);
      }
      next(webSocket);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
      joined.put(binary).put(data).flip();
      binary = joined;
      if (last) {
        byte[] b = new byte[binary.remaining()];
        binary.get(b);
        incoming.add(new Binary(b));
        binary = ByteBuffer.allocate(0);
      }
      next(webSocket);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      next(webSocket);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      incoming.add(new Closed(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      incoming.add(new Closed(-1, error.toString()));
    }

    private void next(WebSocket webSocket) {
      if (!paused) {
        webSocket.request(1);
      }
    }
  }

  /** Stops reading: the gateway's pings stay unanswered. */
  void pauseReading() {
    paused = true;
  }

  void sendText(String text) {
    ws.sendText(text, true).join();
  }

  void sendBinary(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  Incoming next() throws InterruptedException {
    Incoming i = incoming.poll(10, TimeUnit.SECONDS);
    assertThat(i).as("the gateway answered within 10 s").isNotNull();
    return i;
  }

  /** The next message, which must be text. */
  String nextText() throws InterruptedException {
    Incoming i = next();
    assertThat(i).as("expected a text message").isInstanceOf(Text.class);
    return ((Text) i).json();
  }

  /** The next message, which must be a text server response. */
  ServerResponse nextResponse() throws Exception {
    return ServerResponse.parse(nextText());
  }

  /** The next message, which must be a binary frame; decrypted with the session key. */
  BinaryMessages.Decoded nextPushed() throws Exception {
    Incoming i = next();
    assertThat(i).as("expected a binary message").isInstanceOf(Binary.class);
    return BinaryMessages.decrypt(key, ((Binary) i).bytes());
  }

  /** Waits for the gateway to close this connection; returns the close. */
  Closed awaitClosed() throws InterruptedException {
    while (true) {
      Incoming i = next();
      if (i instanceof Closed c) {
        return c;
      }
    }
  }

  /** Drops everything received so far; returns how many messages that was. */
  int drain() {
    java.util.List<Incoming> all = new java.util.ArrayList<>();
    incoming.drainTo(all);
    return all.size();
  }

  /** Waits up to {@code millis} for the next message; {@code null} if none. */
  Incoming poll(long millis) throws InterruptedException {
    return incoming.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Whether nothing arrives within {@code millis}. */
  boolean quietFor(long millis) throws InterruptedException {
    return incoming.poll(millis, TimeUnit.MILLISECONDS) == null;
  }

  /** Runs the registration handshake the way Nym's client does; returns the gateway's answers. */
  ServerResponse register(Ed25519PublicKey gateway, boolean legacy) throws Exception {
    X25519KeyPair eph = X25519KeyPair.generate(RANDOM);
    byte[] salt = null;
    if (!legacy) {
      salt = new byte[Handshake.SALT_LENGTH];
      RANDOM.nextBytes(salt);
    }
    int p = legacy ? 1 : 3;
    sendText(HandshakePayload.payload(p,
        new Handshake.Init(identity.publicKey(), eph.publicKey(), salt).toBytes()));
    String first = nextText();
    assertThat(first).as("the gateway's handshake reply").contains("\"handshakePayload\"");
    HandshakePayload reply = HandshakePayload.parse(first);
    assertThat(reply.error()).isNull();
    byte[] data = reply.data();
    net.nym.crypto.keys.X25519PublicKey gEph =
        net.nym.crypto.keys.X25519PublicKey.fromBytes(java.util.Arrays.copyOf(data, 32));
    GatewaySharedKey k = Handshake.deriveKey(eph, gEph, salt);
    Handshake.verifyMaterial(k, java.util.Arrays.copyOfRange(data, 32, data.length), gateway,
        gEph, eph.publicKey());
    sendText(HandshakePayload.payload(p,
        Handshake.material(k, identity, eph.publicKey(), gEph, RANDOM)));
    HandshakePayload fin = HandshakePayload.parse(nextText());
    assertThat(fin.data()).containsExactly(1);
    key = k;
    return nextResponse();
  }

  /** An authenticate v2 request for {@code timestamp} (unix seconds) under {@code k}. */
  String authV2Json(GatewaySharedKey k, long timestamp) throws Exception {
    byte[] nonce = k.randomNonce(RANDOM);
    byte[] id = identity.publicKey().toBytes();
    byte[] ct = k.encrypt(id, nonce);
    byte[] sig = identity.sign(
        ClientRequest.AuthenticateV2.signedBytes(4, id, ct, nonce, timestamp));
    return new ClientRequest.AuthenticateV2(4, id, ct, nonce, timestamp, sig).toJson();
  }

  /** Authenticates (v2) with the stored key at {@code timestamp}. */
  void authenticateV2(long timestamp) throws Exception {
    sendText(authV2Json(key, timestamp));
  }

  /** Authenticates (v1) with the stored key. */
  void authenticateV1(Integer protocol) throws Exception {
    byte[] iv = key.randomNonce(RANDOM);
    byte[] id = identity.publicKey().toBytes();
    sendText(new ClientRequest.Authenticate(protocol, Base58.encode(id),
        Base58.encode(key.encryptNaive(id, iv)), Base58.encode(iv)).toJson());
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @Override
  public void close() {
    ws.abort();
  }
}
