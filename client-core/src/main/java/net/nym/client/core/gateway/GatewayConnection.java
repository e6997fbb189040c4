package net.nym.client.core.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * delivered too. Frames are sent in the order of the send calls; listener calls come from the
 * executor given to {@link #authenticate}.
 *
 * <p>The websocket runs on Netty, on one event-loop thread ({@code nym-client-io}) that all
 * sessions in the process share and that never does cryptography: senders encrypt their frame on
 * their own thread and queue it; the event loop writes whatever is queued with one flush, and
 * hands the pushed frames of each socket read, undecrypted, to the listener's executor in one
 * task. Every frame from the gateway is checked: a malformed websocket frame, or one longer than
 * {@value #MAX_FRAME} bytes, ends the session (the client then reconnects); a binary message that
 * does not decrypt under the shared key is counted ({@link #refusedFrames()}) and dropped.
 */
public final class GatewayConnection implements AutoCloseable {
  /** Protocol version this client speaks (authenticate v2, MixPacket v1 frames). */
  public static final int PROTOCOL = ProtocolVersion.AUTHENTICATE_V2;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);
  /** How the gateway's answer to a forwarded packet starts. */
  private static final byte[] SEND_RESPONSE =
      "{\"type\":\"send\"".getBytes(StandardCharsets.US_ASCII);
  /** Longest websocket message accepted from the gateway. */
  static final int MAX_FRAME = 1 << 20;

  /** Receives what the gateway pushes. */
  public interface Listener {
    /** A pushed message (decrypted): a final-hop message for this client. */
    void onMessage(byte[] message);

    /** The session ended (closed by either side or failed). */
    void onClosed(String reason);
  }

  /** The event loop of all gateway sessions in this process; daemon, started on first use. */
  private static final class Io {
    static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("nym-client-io", true), NioIoHandler.newFactory());
  }

  /** Frames queued for the websocket at most. */
  static final int IN_FLIGHT = 512;
  private final Channel channel;
  private final Session session;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final Queue<byte[]> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicLong refused = new AtomicLong();
  private final SecureRandom random;
  private volatile GatewaySharedKey key;
  private volatile boolean open = true;

  private GatewayConnection(Channel channel, Session session, SecureRandom random) {
    this.channel = channel;
    this.session = session;
    this.random = random;
  }

  private static boolean startsWith(ByteBuf b, byte[] prefix) {
    if (b.readableBytes() < prefix.length) {
      return false;
    }
    int at = b.readerIndex();
    for (int i = 0; i < prefix.length; i++) {
      if (b.getByte(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The pipeline's last handler: one per connection, called on the event loop only. */
  private static final class Session extends SimpleChannelInboundHandler<WebSocketFrame> {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> upgraded = new CompletableFuture<>();
    final List<byte[]> early = new ArrayList<>();
    volatile GatewayConnection owner;
    volatile Listener listener;
    volatile Executor executor;
    private String closeReason;
    /** Pushed messages of the current socket read (event loop only). */
    private List<byte[]> batch;
    /** Why the connection ended, once it has. */
    private String ended;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        upgraded.complete(null);
      } else if (evt
          == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        upgraded.completeExceptionally(new TimeoutException("no websocket upgrade within "
            + TIMEOUT.toSeconds() + " s"));
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      ByteBuf content = frame.content();
      if (frame instanceof BinaryWebSocketFrame) {
        pushed(ByteBufUtil.getBytes(content));
      } else if (frame instanceof TextWebSocketFrame) {
        if (listener == null) {
          texts.add(content.toString(StandardCharsets.UTF_8));
        } else if (!startsWith(content, SEND_RESPONSE)) {
          // After authentication the gateway answers each forwarded packet with a send
          // response (our remaining bandwidth), which needs no action; anything else is logged.
          LOG.debug("gateway says: {}", content.toString(StandardCharsets.UTF_8));
        }
      } else if (frame instanceof CloseWebSocketFrame c) {
        closeReason = "closed by the gateway (" + c.statusCode()
            + (c.reasonText().isEmpty() ? "" : ", " + c.reasonText()) + ")";
        ctx.close();
      }
    }

    private synchronized void pushed(byte[] raw) {
      GatewayConnection c = owner;
      if (c == null || c.key == null || listener == null) {
        early.add(raw);
        return;
      }
      if (batch == null) {
        batch = new ArrayList<>(4);
      }
      batch.add(raw);
    }

    /** One hand-off (one wake-up of the listener's thread) per socket read, not per message. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      List<byte[]> b = batch;
      if (b != null) {
        batch = null;
        GatewayConnection c = owner;
        Listener l = listener;
        executor.execute(() -> {
          for (byte[] raw : b) {
            c.deliver(raw, l);
          }
        });
      }
      ctx.fireChannelReadComplete();
    }

    synchronized void start(GatewayConnection c, Listener l, Executor e) {
      owner = c;
      listener = l;
      executor = e;
      for (byte[] raw : early) {
        e.execute(() -> c.deliver(raw, l));
      }
      early.clear();
      if (ended != null) {
        // The connection ended between the authentication answer and now.
        c.closed(ended);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      GatewayConnection c = owner;
      if (c != null && ctx.channel().isWritable()) {
        c.drain();
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // Malformed or oversized frames from the gateway, or a failed socket: one line, no trace.
      if (closeReason == null) {
        closeReason = "failed: " + cause;
      }
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      String why = closeReason == null ? "closed by the gateway (connection closed)"
          : closeReason;
      upgraded.completeExceptionally(new IOException("the connection " + why));
      texts.add("\u0000" + why);
      GatewayConnection c;
      synchronized (this) {
        ended = why;
        c = owner;
      }
      if (c != null) {
        c.closed(why);
      }
      ctx.fireChannelInactive();
    }
  }

  /**
   * Once the connection is gone (on the event loop, or in {@code start} if it went before the
   * listener was set); tells the listener once, unless we closed it ourselves.
   */
  private synchronized void closed(String why) {
    boolean wasOpen = open;
    open = false;
    // Frames that will never be written: let waiting senders see the closed session.
    int dropped = 0;
    while (outbox.poll() != null) {
      dropped++;
    }
    inFlight.release(dropped);
    Listener l = session.listener;
    if (wasOpen && l != null) {
      l.onClosed(why);
    }
  }

  private void deliver(byte[] raw, Listener l) {
    try {
      // raw is our own copy of the frame: open it in place.
      BinaryMessages.Opened o = BinaryMessages.open(key, raw);
      l.onMessage(Arrays.copyOfRange(o.buffer(), o.offset(), o.offset() + o.length()));
    } catch (GatewayProtocolException e) {
      refused.incrementAndGet();
      LOG.debug("dropped an unreadable frame from the gateway: {}", e.getMessage());
    }
  }

  private static GatewayConnection open(URI uri, Session session, SecureRandom random)
      throws IOException {
    WebSocketClientProtocolConfig ws = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri)
        .maxFramePayloadLength(MAX_FRAME)
        .handleCloseFrames(false)
        .generateOriginHeader(false)
        .handshakeTimeoutMillis(TIMEOUT.toMillis())
        .build();
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    ChannelFuture connect = new Bootstrap().group(Io.GROUP).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                new WebSocketClientProtocolHandler(ws), new WebSocketFrameAggregator(MAX_FRAME),
                session);
          }
        })
        .connect(uri.getHost(), port);
    Channel ch = connect.channel();
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        session.upgraded.completeExceptionally(f.cause());
      }
    });
    try {
      session.upgraded.get(TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
      return new GatewayConnection(ch, session, random);
    } catch (InterruptedException e) {
      ch.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + uri, e);
    } catch (ExecutionException | TimeoutException e) {
      ch.close();
      throw new IOException("cannot connect to the gateway at " + uri + ": "
          + (e.getCause() == null ? e : e.getCause()), e);
    }
  }

  private String nextText() throws IOException {
    try {
      String t = session.texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
    try (GatewayConnection c = open(uri, new Session(), random)) {
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
    Session s = new Session();
    GatewayConnection c = open(uri, s, random);
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
      s.start(c, listener, executor);
      return c;
    } catch (GatewayProtocolException | GatewayCryptoException | RuntimeException e) {
      c.close();
      throw new IOException("authentication with the gateway failed: " + e.getMessage(), e);
    } catch (IOException e) {
      c.close();
      throw e;
    }
  }

  private void sendText(String text) throws IOException {
    ChannelFuture f = channel.writeAndFlush(new TextWebSocketFrame(text));
    if (!f.awaitUninterruptibly(TIMEOUT.toMillis())) {
      throw new IOException("the gateway took no frame for " + TIMEOUT.toSeconds() + " s");
    }
    if (!f.isSuccess()) {
      throw new IOException("sending to the gateway failed: " + f.cause(), f.cause());
    }
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
    byte[] frame;
    try {
      frame = BinaryMessages.encrypt(key, BinaryMessages.FORWARD_SPHINX, packet.toV1Bytes(),
          random);
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
    outbox.add(frame);
    if (!open) {
      // Closed meanwhile: closed() may have emptied the outbox before our frame arrived.
      if (outbox.remove(frame)) {
        inFlight.release();
      }
      throw new IOException("the gateway session is closed");
    }
    if (drainScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::drain);
    }
  }

  /** On the event loop: writes the queued frames while the socket takes them, one flush. */
  private void drain() {
    drainScheduled.set(false);
    int written = 0;
    byte[] frame;
    while (channel.isWritable() && (frame = outbox.poll()) != null) {
      channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)),
          channel.voidPromise());
      inFlight.release();
      written++;
    }
    if (written > 0) {
      channel.flush();
    }
  }

  /** Binary messages from the gateway that did not decrypt under the shared key (dropped). */
  public long refusedFrames() {
    return refused.get();
  }

  /** Whether the session is still open. */
  public boolean isOpen() {
    return open && channel.isActive();
  }

  @Override
  public void close() {
    open = false;
    channel.close();
  }
}
