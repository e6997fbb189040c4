package net.nym.client.core.gateway;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One websocket session with the client's gateway (nym-wire §3): {@link #register} runs the
 * registration handshake and returns the shared key; {@link #authenticate} opens an authenticated
 * session that forwards MixPackets and hands every pushed message (decrypted) to a {@link
 * Listener}. The gateway pushes stored messages before its authentication answer; they are
 * delivered too, first. Frames are sent in the order of the send calls.
 *
 * <p>The websocket is our own RFC 6455 client ({@link WebSocketCodec}) on a blocking socket
 * ({@code TCP_NODELAY}), with no event loop and no hand-off between threads: a sending thread
 * encrypts and masks its frame and writes it to the socket itself, under a lock (one system call,
 * no wake-up of another thread); one reader thread per session blocks on the socket, parses the
 * frames, decrypts each pushed message and calls the listener, so a message is handled in the
 * order it came and the next is not read before (a slow listener holds back the gateway through
 * TCP instead of queueing without bound). The gateway's answers to forwarded packets ({@code
 * send}, our remaining bandwidth) are read and dropped; pings are answered.
 *
 * <p>A write blocked for more than 10 s (the gateway takes nothing) is ended by a shared watchdog
 * thread, which looks once a second and closes such a socket: the send fails within 10–11 s and
 * the session ends, as does every send waiting for the lock longer than 10 s. The same watchdog
 * bounds the connect (5 s), the upgrade and each handshake answer (10 s), so that no socket
 * operation carries a timeout of its own (see {@link #deadline}). Every frame from the
 * gateway is checked: a websocket frame that breaks RFC 6455, or a message longer than {@value
 * #MAX_MESSAGE} bytes, is counted ({@link #refusedFrames()}) and ends the session (the client then
 * reconnects); a binary message that does not decrypt under the shared key is counted and dropped.
 * Closing sends our close frame and closes the socket without waiting for the gateway's answer.
 */
public final class GatewayConnection implements AutoCloseable {
  /** Protocol version this client speaks (authenticate v2, MixPacket v1 frames). */
  public static final int PROTOCOL = ProtocolVersion.AUTHENTICATE_V2;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);
  /** How the gateway's answer to a forwarded packet starts. */
  private static final String SEND_RESPONSE = "{\"type\":\"send\"";
  /** Longest websocket message accepted from the gateway (after reassembly). */
  static final int MAX_MESSAGE = 1 << 20;
  /** {@link #writingSince} when no write is under way. */
  private static final long NOT_WRITING = Long.MIN_VALUE;
  /** {@link #deadline} outside the handshakes. */
  private static final long NO_DEADLINE = Long.MIN_VALUE;

  /** Receives what the gateway pushes, on the session's reader thread. */
  public interface Listener {
    /** A pushed message (decrypted): a final-hop message for this client. */
    void onMessage(byte[] message);

    /** The session ended (closed by the gateway or failed; not when we close it). */
    void onClosed(String reason);
  }

  /**
   * Closes the sockets whose write has been blocked for longer than {@link #TIMEOUT}, and those
   * whose connection or handshake has passed its deadline.
   */
  private static final class Watchdog {
    static final Set<GatewayConnection> SESSIONS = ConcurrentHashMap.newKeySet();

    static {
      ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nym-client-gateway-watchdog");
        t.setDaemon(true);
        return t;
      });
      s.scheduleWithFixedDelay(Watchdog::check, 1, 1, TimeUnit.SECONDS);
    }

    static void check() {
      long now = System.nanoTime();
      for (GatewayConnection c : SESSIONS) {
        long since = c.writingSince;
        if (since != NOT_WRITING && now - since > TIMEOUT.toNanos()) {
          c.stalled = true;
          c.end("failed: the gateway took no frame for " + TIMEOUT.toSeconds() + " s");
        }
        long d = c.deadline;
        if (d != NO_DEADLINE && now - d > 0) {
          c.expired = true;
          c.end("failed: " + c.awaiting);
        }
      }
    }
  }

  private final URI uri;
  private final Socket socket = new Socket();
  /** Set by {@link #connect()}, before the session is used by any other thread. */
  private OutputStream out;
  private WebSocketCodec.Reader reader;
  private final SecureRandom random;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicLong refused = new AtomicLong();
  /** Binary messages that came before the authentication answer (raw, in order). */
  private final List<byte[]> early = new ArrayList<>();
  /** {@link System#nanoTime()} when the write under way started, or {@link #NOT_WRITING}. */
  private volatile long writingSince = NOT_WRITING;
  /** Whether the watchdog ended a blocked write. */
  private volatile boolean stalled;
  /** When the watchdog ends the connection or handshake step under way, or NO_DEADLINE. */
  private volatile long deadline = NO_DEADLINE;
  /** What that step waits for, as the error says it. */
  private volatile String awaiting;
  /** Whether the watchdog ended a connection or handshake step. */
  private volatile boolean expired;
  private volatile GatewaySharedKey key;
  private volatile Listener listener;

  private GatewayConnection(URI uri, SecureRandom random) {
    this.uri = uri;
    this.random = random;
  }

  /**
   * Gives the next connection or handshake step until {@code timeout} from now; the watchdog
   * closes the socket after that. Its reads and the connect never carry a timeout of their own:
   * the JDK then puts the socket into non-blocking mode for good, and every later read that finds
   * no data would cost a read, a poll and another read instead of one blocking read.
   */
  private void deadline(Duration timeout, String what) {
    awaiting = what + " within " + timeout.toSeconds() + " s";
    deadline = System.nanoTime() + timeout.toNanos();
  }

  /** Connects (TCP_NODELAY) and upgrades to a websocket. */
  private void connect() throws IOException {
    socket.setTcpNoDelay(true);
    deadline(CONNECT_TIMEOUT, "no connection");
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()));
    out = socket.getOutputStream();
    InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    deadline(TIMEOUT, "no websocket upgrade");
    WebSocketCodec.upgrade(uri, in, out, random);
    reader = new WebSocketCodec.Reader(in, MAX_MESSAGE);
  }

  private static GatewayConnection open(URI uri, SecureRandom random) throws IOException {
    if (!"ws".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IOException("cannot connect to the gateway at " + uri + ": only ws://host:port "
          + "is supported");
    }
    GatewayConnection c = new GatewayConnection(uri, random);
    Watchdog.SESSIONS.add(c);
    try {
      c.connect();
      return c;
    } catch (IOException e) {
      c.closeSocket();
      if (c.expired) {
        throw new IOException("cannot connect to the gateway at " + uri + ": " + c.awaiting, e);
      }
      if (e instanceof WebSocketViolation) {
        throw e;
      }
      throw new IOException("cannot connect to the gateway at " + uri + ": " + e, e);
    }
  }

  /**
   * During the handshakes, on the calling thread: the next text message; binary messages before
   * it are kept for the listener, pings answered.
   */
  private String nextText() throws IOException {
    deadline(TIMEOUT, "no answer");
    while (true) {
      WebSocketCodec.Message m;
      try {
        m = reader.next();
      } catch (WebSocketViolation e) {
        refused.incrementAndGet();
        throw new IOException("the gateway session failed: " + e.getMessage(), e);
      } catch (EOFException e) {
        throw new IOException("the gateway session closed by the gateway (connection closed)");
      } catch (IOException e) {
        if (expired) {
          throw new IOException("the gateway did not answer within " + TIMEOUT.toSeconds()
              + " s", e);
        }
        throw e;
      }
      switch (m.opcode()) {
        case WebSocketCodec.TEXT -> {
          return m.text();
        }
        case WebSocketCodec.BINARY -> early.add(m.data());
        case WebSocketCodec.PING -> write(WebSocketCodec.PONG, m.data());
        case WebSocketCodec.CLOSE -> throw new IOException("the gateway session "
            + closedBy(m.data()));
        default -> { }
      }
    }
  }

  private static String closedBy(byte[] closePayload) {
    String reason = WebSocketCodec.closeReason(closePayload);
    return "closed by the gateway (" + WebSocketCodec.closeCode(closePayload)
        + (reason.isEmpty() ? "" : ", " + reason) + ")";
  }

  /**
   * Registers {@code identity} with the gateway and returns the shared key.
   *
   * @throws IOException if the gateway cannot be reached or refuses
   */
  public static GatewaySharedKey register(URI uri, Ed25519KeyPair identity,
      Ed25519PublicKey gateway, SecureRandom random) throws IOException {
    try (GatewayConnection c = open(uri, random)) {
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
   * {@code listener} in order on the session's reader thread, named {@code readerName}, which
   * reads nothing more until the listener returns.
   *
   * @throws IOException if the gateway cannot be reached or refuses the key
   */
  public static GatewayConnection authenticate(URI uri, Ed25519KeyPair identity,
      GatewaySharedKey key, Listener listener, String readerName, SecureRandom random)
      throws IOException {
    GatewayConnection c = open(uri, random);
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
      c.deadline = NO_DEADLINE;
      c.listener = listener;
      Thread t = new Thread(c::readLoop, readerName);
      t.setDaemon(true);
      t.start();
      return c;
    } catch (GatewayProtocolException | GatewayCryptoException | RuntimeException e) {
      c.close();
      throw new IOException("authentication with the gateway failed: " + e.getMessage(), e);
    } catch (IOException e) {
      c.close();
      throw e;
    }
  }

  /** The reader thread: the early messages, then every frame until the session ends. */
  private void readLoop() {
    for (byte[] raw : early) {
      deliver(raw);
    }
    early.clear();
    try {
      while (open.get()) {
        WebSocketCodec.Message m = reader.next();
        switch (m.opcode()) {
          case WebSocketCodec.BINARY -> deliver(m.data());
          case WebSocketCodec.TEXT -> {
            // The gateway answers each forwarded packet with a send response (our remaining
            // bandwidth), which needs no action; anything else is logged.
            if (!m.text().startsWith(SEND_RESPONSE)) {
              LOG.debug("gateway says: {}", m.text());
            }
          }
          case WebSocketCodec.PING -> write(WebSocketCodec.PONG, m.data());
          case WebSocketCodec.CLOSE -> {
            String why = closedBy(m.data());
            if (open.get()) {
              writeClose(WebSocketCodec.closeCode(m.data()) == 1005 ? 1000
                  : WebSocketCodec.closeCode(m.data()));
            }
            end(why);
            return;
          }
          default -> { }
        }
      }
    } catch (WebSocketViolation e) {
      refused.incrementAndGet();
      end("failed: " + e.getMessage());
    } catch (EOFException e) {
      end("closed by the gateway (connection closed)");
    } catch (IOException e) {
      end("failed: " + e.getMessage());
    }
  }

  private void deliver(byte[] raw) {
    byte[] message;
    try {
      // raw is our own copy of the frame: open it in place.
      BinaryMessages.Opened o = BinaryMessages.open(key, raw);
      message = Arrays.copyOfRange(o.buffer(), o.offset(), o.offset() + o.length());
    } catch (GatewayProtocolException e) {
      refused.incrementAndGet();
      LOG.debug("dropped an unreadable frame from the gateway: {}", e.getMessage());
      return;
    }
    try {
      listener.onMessage(message);
    } catch (RuntimeException e) {
      LOG.warn("the listener of the gateway session at {} failed on a message: {}", uri,
          e.toString());
    }
  }

  /**
   * Ends the session once: closes the socket and, unless we closed it ourselves, tells the
   * listener (if the session got that far).
   */
  private void end(String why) {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    closeSocket();
    Listener l = listener;
    if (l != null) {
      l.onClosed(why);
    }
  }

  private void closeSocket() {
    Watchdog.SESSIONS.remove(this);
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing the gateway socket: {}", e.getMessage());
    }
  }

  private void sendText(String text) throws IOException {
    write(WebSocketCodec.TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Forwards a packet into the mixnet (MixPacket v1 in an encrypted binary frame), encrypted and
   * written on the calling thread after the frames of earlier calls.
   *
   * @throws IOException if the session is closed or the gateway does not take frames for 10 s
   */
  public void send(MixPacket packet) throws IOException {
    if (!open.get()) {
      throw new IOException("the gateway session is closed");
    }
    byte[] message;
    try {
      message = BinaryMessages.encrypt(key, BinaryMessages.FORWARD_SPHINX, packet.toV1Bytes(),
          random);
    } catch (GatewayCryptoException e) {
      throw new IOException("cannot encrypt for the gateway: " + e.getMessage(), e);
    }
    write(WebSocketCodec.BINARY, message);
  }

  /** Masks and writes one frame; a failed write ends the session. */
  private void write(int opcode, byte[] payload) throws IOException {
    byte[] frame = WebSocketCodec.clientFrame(opcode, payload, random.nextInt());
    try {
      if (!writeLock.tryLock(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("the gateway took no frame for " + TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try {
      if (!open.get()) {
        throw new IOException("the gateway session is closed");
      }
      writingSince = System.nanoTime();
      out.write(frame);
    } catch (IOException e) {
      if (stalled) {
        throw new IOException("the gateway took no frame for " + TIMEOUT.toSeconds() + " s", e);
      }
      end("failed: sending: " + e.getMessage());
      throw e;
    } finally {
      writingSince = NOT_WRITING;
      writeLock.unlock();
    }
  }

  /** Our close frame, if the socket takes it now; best effort. */
  private void writeClose(int code) {
    if (!writeLock.tryLock()) {
      return;
    }
    try {
      writingSince = System.nanoTime();
      out.write(WebSocketCodec.clientFrame(WebSocketCodec.CLOSE,
          WebSocketCodec.closePayload(code, ""), random.nextInt()));
    } catch (IOException e) {
      LOG.debug("could not send a close frame to the gateway: {}", e.getMessage());
    } finally {
      writingSince = NOT_WRITING;
      writeLock.unlock();
    }
  }

  /**
   * Frames from the gateway refused: binary messages that did not decrypt under the shared key
   * (dropped) and a websocket frame that broke RFC 6455 or the size limit (which ended the
   * session).
   */
  public long refusedFrames() {
    return refused.get();
  }

  /** Whether the session is still open. */
  public boolean isOpen() {
    return open.get() && !socket.isClosed();
  }

  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      writeClose(1000);
      closeSocket();
    }
  }
}
