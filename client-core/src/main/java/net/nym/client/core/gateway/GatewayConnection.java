package net.nym.client.core.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.nym.crypto.gateway.GatewayCryptoException;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.mixnet.gateway.ClientRequest;
import net.nym.mixnet.gateway.GatewayProtocolException;
import net.nym.mixnet.gateway.Handshake;
import net.nym.mixnet.gateway.HandshakePayload;
import net.nym.mixnet.gateway.ProtocolVersion;
import net.nym.mixnet.gateway.ServerResponse;

/**
 * One websocket session with the client's gateway (nym-wire §3): {@link #register} runs the
 * registration handshake and returns the shared key; {@link #authenticate} opens an authenticated
 * session that forwards MixPackets and hands every pushed message (decrypted) to a {@link
 * Listener}. The gateway pushes stored messages before its authentication answer; they are
 * delivered too. Frames are sent in the order of the send calls; listener calls come from the
 * executor given to {@link #authenticate}.
 */
public final class GatewayConnection implements AutoCloseable {
  /** Protocol version this client speaks (authenticate v2, MixPacket v1 frames). */
  public static final int PROTOCOL = ProtocolVersion.AUTHENTICATE_V2;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(GatewayConnection.class);
  /** How the gateway's answer to a forwarded packet starts. */
  private static final String SEND_RESPONSE = "{\"type\":\"send\"";

  /** Receives what the gateway pushes. */
  public interface Listener {
    /** A pushed message (decrypted): a final-hop message for this client. */
    void onMessage(byte[] message);

    /** The session ended (closed by either side or failed). */
    void onClosed(String reason);
  }

  /** Frames queued for the websocket at most. */
  static final int IN_FLIGHT = 512;
  private final WebSocket ws;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private CompletableFuture<WebSocket> tail;
  private final BlockingQueue<String> texts;
  private final SecureRandom random;
  private volatile GatewaySharedKey key;
  private volatile boolean open = true;

  private GatewayConnection(WebSocket ws, BlockingQueue<String> texts, SecureRandom random) {
    this.ws = ws;
    this.tail = CompletableFuture.completedFuture(ws);
    this.texts = texts;
    this.random = random;
  }

  private static boolean startsWith(CharSequence text, String prefix) {
    if (text.length() < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (text.charAt(i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static final class Handler implements WebSocket.Listener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final StringBuilder text = new StringBuilder();
    java.io.ByteArrayOutputStream partial;
    volatile GatewayConnection owner;
    volatile Listener listener;
    volatile Executor executor;
    final java.util.List<byte[]> early = new java.util.ArrayList<>();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        if (listener == null) {
          texts.add(text.toString());
        } else if (!startsWith(text, SEND_RESPONSE)) {
          // After authentication the gateway answers each forwarded packet with a send
          // response (our remaining bandwidth), which needs no action; anything else is logged.
          LOG.debug("gateway says: {}", text);
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      if (last && partial == null) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        pushed(b);
      } else {
        if (partial == null) {
          partial = new java.io.ByteArrayOutputStream(data.remaining() * 2);
        }
        byte[] part = new byte[data.remaining()];
        data.get(part);
        partial.writeBytes(part);
        if (last) {
          byte[] b = partial.toByteArray();
          partial = null;
          pushed(b);
        }
      }
      webSocket.request(1);
      return null;
    }

    private synchronized void pushed(byte[] raw) {
      GatewayConnection c = owner;
      if (c == null || c.key == null || listener == null) {
        early.add(raw);
        return;
      }
      Listener l = listener;
      executor.execute(() -> c.deliver(raw, l));
    }

    synchronized void start(GatewayConnection c, Listener l, Executor e) {
      owner = c;
      listener = l;
      executor = e;
      for (byte[] raw : early) {
        e.execute(() -> c.deliver(raw, l));
      }
      early.clear();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed("closed by the gateway (" + statusCode + (reason.isEmpty() ? "" : ", " + reason)
          + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed("failed: " + error);
    }

    private void closed(String why) {
      texts.add("\u0000" + why);
      GatewayConnection c = owner;
      if (c != null && c.open) {
        c.open = false;
        Listener l = listener;
        if (l != null) {
          l.onClosed(why);
        }
      }
    }
  }

  private void deliver(byte[] raw, Listener l) {
    try {
      BinaryMessages.Decoded d = BinaryMessages.decrypt(key, raw);
      l.onMessage(d.plaintext());
    } catch (GatewayProtocolException e) {
      LOG.debug("dropped an unreadable frame from the gateway: {}", e.getMessage());
    }
  }

  private static GatewayConnection open(URI uri, Handler h, SecureRandom random)
      throws IOException {
    try {
      WebSocket ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
          .buildAsync(uri, h).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new GatewayConnection(ws, h.texts, random);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + uri, e);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      throw new IOException("cannot connect to the gateway at " + uri + ": "
          + (e.getCause() == null ? e : e.getCause()), e);
    }
  }

  private String nextText() throws IOException {
    try {
      String t = texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (t == null) {
        throw new IOException("the gateway did not answer within " + TIMEOUT.toSeconds() + " s");
      }
      if (t.startsWith("\u0000")) {
        throw new IOException("the gateway session " + t.substring(1));
      }
      return t;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Registers {@code identity} with the gateway and returns the shared key.
   *
   * @throws IOException if the gateway cannot be reached or refuses
   */
  public static GatewaySharedKey register(URI uri, Ed25519KeyPair identity,
      Ed25519PublicKey gateway, SecureRandom random) throws IOException {
    Handler h = new Handler();
    try (GatewayConnection c = open(uri, h, random)) {
      X25519KeyPair eph = X25519KeyPair.generate(random);
      byte[] salt = new byte[Handshake.SALT_LENGTH];
      random.nextBytes(salt);
      c.sendText(HandshakePayload.payload(PROTOCOL,
          new Handshake.Init(identity.publicKey(), eph.publicKey(), salt).toBytes()));
      HandshakePayload reply = HandshakePayload.parse(c.nextText());
      if (reply.error() != null) {
        throw new IOException("the gateway refused the registration: " + reply.error());
      }
      byte[] data = reply.data();
      X25519PublicKey gEph = X25519PublicKey.fromBytes(Arrays.copyOf(data, 32));
      GatewaySharedKey k = Handshake.deriveKey(eph, gEph, salt);
      Handshake.verifyMaterial(k, Arrays.copyOfRange(data, 32, data.length), gateway, gEph,
          eph.publicKey());
      c.sendText(HandshakePayload.payload(PROTOCOL,
          Handshake.material(k, identity, eph.publicKey(), gEph, random)));
      HandshakePayload fin = HandshakePayload.parse(c.nextText());
      if (fin.error() != null || fin.data() == null || fin.data().length != 1
          || fin.data()[0] != 1) {
        throw new IOException("the gateway did not finish the registration"
            + (fin.error() == null ? "" : ": " + fin.error()));
      }
      ServerResponse r = ServerResponse.parse(c.nextText());
      if (!(r instanceof ServerResponse.Register reg) || !reg.status()) {
        throw new IOException("the gateway refused the registration: " + r);
      }
      return k;
    } catch (GatewayProtocolException | GatewayCryptoException | RuntimeException e) {
      throw new IOException("registration with the gateway failed: " + e.getMessage(), e);
    }
  }

  /**
   * Opens an authenticated session; stored messages and later pushes are decrypted and handed to
   * {@code listener} on {@code executor} (a single thread keeps their order), never on the
   * websocket's thread.
   *
   * @throws IOException if the gateway cannot be reached or refuses the key
   */
  public static GatewayConnection authenticate(URI uri, Ed25519KeyPair identity,
      GatewaySharedKey key, Listener listener, Executor executor, SecureRandom random)
      throws IOException {
    Handler h = new Handler();
    GatewayConnection c = open(uri, h, random);
    try {
      byte[] nonce = key.randomNonce(random);
      byte[] id = identity.publicKey().toBytes();
      byte[] ct = key.encrypt(id, nonce);
      long ts = System.currentTimeMillis() / 1000;
      byte[] sig = identity.sign(
          ClientRequest.AuthenticateV2.signedBytes(PROTOCOL, id, ct, nonce, ts));
      c.sendText(new ClientRequest.AuthenticateV2(PROTOCOL, id, ct, nonce, ts, sig).toJson());
      c.key = key;
      ServerResponse r = ServerResponse.parse(c.nextText());
      if (!(r instanceof ServerResponse.Authenticate a) || !a.status()) {
        throw new IOException("the gateway refused the authentication: " + r);
      }
      h.start(c, listener, executor);
      return c;
    } catch (GatewayProtocolException | GatewayCryptoException | RuntimeException e) {
      c.close();
      throw new IOException("authentication with the gateway failed: " + e.getMessage(), e);
    } catch (IOException e) {
      c.close();
      throw e;
    }
  }

  private synchronized void sendText(String text) throws IOException {
    await(ws.sendText(text, true));
    tail = CompletableFuture.completedFuture(ws);
  }

  /**
   * Forwards a packet into the mixnet (MixPacket v1 in an encrypted binary frame). The frame is
   * encrypted on the calling thread and queued behind the frames before it; at most {@value
   * #IN_FLIGHT} frames wait for the websocket, beyond that the caller waits (backpressure).
   *
   * @throws IOException if the session is closed or the gateway does not take frames for 10 s
   */
  public void send(MixPacket packet) throws IOException {
    if (!open) {
      throw new IOException("the gateway session is closed");
    }
    ByteBuffer frame;
    try {
      frame = ByteBuffer.wrap(BinaryMessages.encrypt(key, BinaryMessages.FORWARD_SPHINX,
          packet.toV1Bytes(), random));
    } catch (GatewayCryptoException e) {
      throw new IOException("cannot encrypt for the gateway: " + e.getMessage(), e);
    }
    try {
      if (!inFlight.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("the gateway took no frame for " + TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    synchronized (this) {
      CompletableFuture<WebSocket> next = tail.thenCompose(w -> w.sendBinary(frame, true));
      next.whenComplete((w, e) -> {
        inFlight.release();
        if (e != null) {
          open = false;
        }
      });
      tail = next;
    }
  }

  private static void await(CompletableFuture<WebSocket> f) throws IOException {
    try {
      f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      throw new IOException("sending to the gateway failed: " + e, e);
    }
  }

  /** Whether the session is still open. */
  public boolean isOpen() {
    return open && !ws.isOutputClosed() && !ws.isInputClosed();
  }

  @Override
  public void close() {
    open = false;
    ws.abort();
  }
}
