package net.nym.plugin.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.gateway.Blake3;
import net.nym.crypto.gateway.Blake3Hkdf;
import net.nym.crypto.gateway.CurrentSharedKey;
import net.nym.crypto.gateway.GatewayCryptoException;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.forwarding.MixPacketException;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.mixnet.gateway.ClientRequest;
import net.nym.mixnet.gateway.GatewayProtocolException;
import net.nym.mixnet.gateway.Handshake;
import net.nym.mixnet.gateway.HandshakePayload;
import net.nym.mixnet.gateway.ProtocolVersion;
import net.nym.mixnet.gateway.ServerResponse;

/**
 * One client's websocket connection, following Nym's gateway handlers ({@code
 * connection_handler/{fresh,authenticated}.rs}): first a fresh phase (supported protocol,
 * registration handshake or authentication v1/v2, within the initial-message timeout), then the
 * authenticated phase (encrypted mix packets in, pushed messages out, control requests).
 *
 * <p>Threads: the Netty callbacks run on the event loop and only copy frames; the frames of one
 * socket read are handed to this session's {@link SerialExecutor} as one batch, at {@code
 * channelReadComplete}. All cryptography, SQLite access and state changes run there, one task at
 * a time. The responses a batch produces (one {@code send} per forwarded packet, as nym-node's
 * {@code handle_forward_sphinx} answers) are written to the socket in one event-loop task with one
 * flush. {@link #push} (called by Sphinx workers) encrypts on the calling thread and only writes
 * on the channel.
 */
final class ClientSession extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Tasks (mostly frame batches) that may wait in the serial executor. */
  private static final int MAX_QUEUED = 1024;
  /** Frames waiting for the worker at which the channel stops reading, and where it resumes. */
  private static final int PAUSE_AT = 256;
  private static final int RESUME_AT = 32;
  /** {@code {"type":"send","remaining_bandwidth":} — ServerResponse.Send's JSON up to the number. */
  private static final byte[] SEND_PREFIX =
      "{\"type\":\"send\",\"remaining_bandwidth\":".getBytes(StandardCharsets.US_ASCII);

  private enum State { FRESH, HANDSHAKE, AUTHENTICATED, CLOSED }

  private record PendingPing(long tag, CompletableFuture<Boolean> alive) {}

  private final GatewayCore core;
  private final SerialExecutor serial;
  private Channel channel;

  // Confined to the event loop: the frames of the current read, in order.
  private ArrayList<Object> inbox = new ArrayList<>();
  private final AtomicInteger queuedFrames = new AtomicInteger();

  // Confined to the serial executor.
  private State state = State.FRESH;
  private int negotiated;
  private int timeoutGeneration;
  private ScheduledFuture<?> timeout;
  private Handshake.Init init;
  private X25519KeyPair ephemeral;
  private GatewaySharedKey handshakeKey;
  private long bandwidth;
  private long bandwidthFlushed;
  private TokenBucket bucket;
  private final ArrayList<WebSocketFrame> responses = new ArrayList<>();
  private final byte[] digits = new byte[20];

  // Read by other threads (pushes, duplicate checks).
  private volatile byte[] address;
  private volatile GatewaySharedKey key;
  private volatile long sessionStartMillis;
  private final AtomicReference<PendingPing> ping = new AtomicReference<>();
  private volatile boolean upgraded;

  ClientSession(GatewayCore core) {
    this.core = core;
    this.serial = new SerialExecutor(core.workers, MAX_QUEUED, core.log);
  }

  // ---------------------------------------------------------------- Netty side (event loop)

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    core.counters.add(GatewayCounters.SESSIONS_OPENED);
    submit(() -> armTimeout(core.config.clients().initialMessageTimeout().toMillis(),
        "timed out while waiting for initial data"));
    ctx.fireChannelActive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame t) {
      inbox.add(t.text());
    } else if (frame instanceof BinaryWebSocketFrame b) {
      inbox.add(ByteBufUtil.getBytes(b.content()));
    } else if (frame instanceof PongWebSocketFrame p) {
      onPong(p.content());
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    handOver();
    ctx.fireChannelReadComplete();
  }

  /**
   * Hands the frames read so far to the serial executor as one task. Backpressure: with {@link
   * #PAUSE_AT} frames waiting the channel stops reading (TCP pushes back on the client) until the
   * worker is down to {@link #RESUME_AT}.
   */
  private void handOver() {
    if (inbox.isEmpty()) {
      return;
    }
    ArrayList<Object> batch = inbox;
    inbox = new ArrayList<>();
    if (queuedFrames.addAndGet(batch.size()) >= PAUSE_AT && channel.config().isAutoRead()) {
      channel.config().setAutoRead(false);
    }
    submit(() -> onFrames(batch));
  }

  /** Hands a task to this session's serial executor; a client overflowing it is closed. */
  private void submit(Runnable task) {
    if (!serial.execute(task)) {
      core.counters.add(GatewayCounters.SESSION_OVERLOADED);
      core.log.debug("closing {}: more than {} requests waiting", channel.remoteAddress(),
          MAX_QUEUED);
      channel.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      upgraded = true;
    } else if (evt instanceof IdleStateEvent) {
      submit(() -> {
        if (state == State.AUTHENTICATED) {
          core.counters.add(GatewayCounters.IDLE_CLOSED);
          core.log.debug("closing idle session of {}", GatewayCore.key(address));
          close(1000, "idle");
        }
      });
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    handOver();
    submit(this::onClosed);
    PendingPing p = ping.getAndSet(null);
    if (p != null) {
      p.alive().complete(false);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
      // The websocket decoder already answered with a close frame (1009 / 1002).
      core.counters.add(cause instanceof TooLongFrameException
          ? GatewayCounters.FRAME_TOO_LARGE : GatewayCounters.BAD_REQUESTS);
      core.log.debug("closing {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
    } else {
      core.log.debug("session {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    }
    ctx.close();
  }

  private void onPong(ByteBuf content) {
    PendingPing p = ping.get();
    if (p != null && content.readableBytes() == 8 && content.getLong(content.readerIndex())
        == p.tag() && ping.compareAndSet(p, null)) {
      p.alive().complete(true);
    }
  }

  /**
   * Asks whether this (older) session's client still answers: a websocket ping with an 8-byte tag,
   * {@code true} if the pong arrives within one second.
   */
  CompletableFuture<Boolean> checkAlive() {
    if (!channel.isActive()) {
      return CompletableFuture.completedFuture(false);
    }
    PendingPing p = new PendingPing(core.random.nextLong(), new CompletableFuture<>());
    PendingPing previous = ping.getAndSet(p);
    if (previous != null) {
      previous.alive().complete(true); // Busy pinging: treated as alive, as nym-node does.
    }
    channel.writeAndFlush(new PingWebSocketFrame(Unpooled.copyLong(p.tag())));
    return p.alive().completeOnTimeout(false, 1, TimeUnit.SECONDS);
  }

  /**
   * Pushes a final-hop message to this client, encrypted under its key (on the calling thread).
   *
   * @return {@code false} if the session cannot take it now (not authenticated, closed or not
   *     writable); the caller stores it instead
   */
  boolean push(byte[] message) {
    GatewaySharedKey k = key;
    if (k == null || !channel.isActive() || !channel.isWritable()) {
      return false;
    }
    byte[] frame;
    try {
      frame = BinaryMessages.encrypt(k, BinaryMessages.PUSHED_MIX_MESSAGE, message, core.random);
    } catch (GatewayCryptoException e) {
      return false;
    }
    byte[] owner = address;
    channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)))
        .addListener(f -> {
          if (f.isSuccess()) {
            core.counters.add(GatewayCounters.MESSAGES_PUSHED);
          } else {
            // Not written: keep it for the next connection (off the event loop).
            core.workers.execute(() -> core.store(owner, message));
          }
        });
    return true;
  }

  /** Has this session push whatever the mailbox holds for it (after a racing store). */
  void drainMailboxLater() {
    submit(() -> {
      if (state == State.AUTHENTICATED && !pushStored()) {
        close(1011, "cannot deliver stored messages");
      }
    });
  }

  /** Closes this session because a newer one of the same client replaces it. */
  void closeReplaced() {
    channel.close();
  }

  // ---------------------------------------------------------------- session logic (serial)

  private void armTimeout(long millis, String reason) {
    cancelTimeout();
    int gen = ++timeoutGeneration;
    timeout = channel.eventLoop().schedule(() -> submit(() -> {
      if (gen == timeoutGeneration && state != State.AUTHENTICATED && state != State.CLOSED) {
        core.counters.add(GatewayCounters.TIMEOUTS);
        core.log.debug("closing {}: {}", channel.remoteAddress(), reason);
        if (state == State.HANDSHAKE) {
          sendText(HandshakePayload.error(reason));
        }
        fail(reason);
      }
    }), millis, TimeUnit.MILLISECONDS);
  }

  private void cancelTimeout() {
    timeoutGeneration++;
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }

  private void sendText(String json) {
    if (upgraded) {
      responses.add(new TextWebSocketFrame(json));
      flushResponses();
    }
  }

  /** Queues {@code {"type":"send","remaining_bandwidth":N}}, written at the end of the batch. */
  private void respondSend(long remaining) {
    if (upgraded) {
      // A small heap buffer: cheaper from a worker thread than the pooled (direct) allocator.
      ByteBuf b = Unpooled.buffer(SEND_PREFIX.length + 21);
      writeSend(b, remaining, digits);
      responses.add(new TextWebSocketFrame(b));
    }
  }

  /**
   * Writes the JSON of {@code ServerResponse.Send(remaining)} into {@code b} without building a
   * JSON tree or a string; {@code scratch} holds at least 20 bytes.
   */
  static void writeSend(ByteBuf b, long remaining, byte[] scratch) {
    b.writeBytes(SEND_PREFIX);
    if (remaining < 0) {
      b.writeCharSequence(Long.toString(remaining), StandardCharsets.US_ASCII);
    } else {
      int i = scratch.length;
      long v = remaining;
      do {
        scratch[--i] = (byte) ('0' + v % 10);
        v /= 10;
      } while (v != 0);
      b.writeBytes(scratch, i, scratch.length - i);
    }
    b.writeByte('}');
  }

  /** Writes the queued responses in one event-loop task, with one flush. */
  private void flushResponses() {
    if (responses.isEmpty()) {
      return;
    }
    WebSocketFrame[] out = responses.toArray(new WebSocketFrame[0]);
    responses.clear();
    try {
      channel.eventLoop().execute(() -> {
        for (WebSocketFrame f : out) {
          channel.write(f, channel.voidPromise());
        }
        channel.flush();
      });
    } catch (RejectedExecutionException e) {
      for (WebSocketFrame f : out) {
        f.release();
      }
    }
  }

  private void send(ServerResponse r) {
    sendText(r.toJson());
  }

  /** Sends an error message and closes the connection (unauthenticated-phase failures). */
  private void fail(String message) {
    if (state == State.CLOSED) {
      return;
    }
    send(new ServerResponse.Error(message));
    close(1008, message);
  }

  private void close(int status, String reason) {
    flushResponses();
    cancelTimeout();
    state = State.CLOSED;
    if (!upgraded) {
      channel.close();
      return;
    }
    String r = reason.length() > 120 ? reason.substring(0, 120) : reason;
    channel.writeAndFlush(new CloseWebSocketFrame(status, r))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** One socket read's frames, in order; then the batch's responses, in one write. */
  private void onFrames(List<Object> batch) {
    for (Object frame : batch) {
      if (frame instanceof byte[] bytes) {
        onBinary(bytes);
      } else {
        onText((String) frame);
      }
    }
    flushResponses();
    if (queuedFrames.addAndGet(-batch.size()) <= RESUME_AT && !channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
  }

  private void onText(String text) {
    switch (state) {
      case FRESH -> onFreshText(text);
      case HANDSHAKE -> onHandshakeText(text);
      case AUTHENTICATED -> onAuthenticatedText(text);
      default -> { }
    }
  }

  private void onBinary(byte[] bytes) {
    switch (state) {
      case FRESH -> {
        core.counters.add(GatewayCounters.BAD_REQUESTS);
        fail("possibly received a sphinx packet without prior authentication. Request is going"
            + " to be ignored");
      }
      case HANDSHAKE -> core.counters.add(GatewayCounters.BAD_REQUESTS);
      case AUTHENTICATED -> onPacket(bytes);
      default -> { }
    }
  }

  private void onClosed() {
    cancelTimeout();
    State was = state;
    state = State.CLOSED;
    byte[] a = address;
    if (a != null && was == State.AUTHENTICATED) {
      core.active.remove(GatewayCore.key(a), this);
      flushBandwidth();
      core.log.debug("client {} disconnected", GatewayCore.key(a));
    }
  }

  private void flushBandwidth() {
    if (address != null && bandwidth != bandwidthFlushed) {
      try {
        core.mailbox.setBandwidth(address, bandwidth);
        bandwidthFlushed = bandwidth;
      } catch (SQLException e) {
        core.counters.add(GatewayCounters.STORAGE_ERRORS);
        core.log.warn("cannot save the bandwidth of {}: {}", GatewayCore.key(address),
            e.getMessage());
      }
    }
  }

  /** Called periodically by the service: saves the remaining bandwidth if it changed. */
  void flushBandwidthLater() {
    submit(() -> {
      if (state == State.AUTHENTICATED) {
        flushBandwidth();
      }
    });
  }

  // ----- fresh phase

  private void onFreshText(String text) {
    ClientRequest req;
    try {
      req = ClientRequest.parse(text);
    } catch (GatewayProtocolException e) {
      core.counters.add(GatewayCounters.BAD_REQUESTS);
      fail(e.getMessage());
      return;
    }
    try {
      if (req instanceof ClientRequest.SupportedProtocol) {
        send(new ServerResponse.SupportedProtocol(ProtocolVersion.CURRENT));
      } else if (req instanceof ClientRequest.RegisterHandshakeInit r) {
        startRegistration(r);
      } else if (req instanceof ClientRequest.Authenticate a) {
        authenticateV1(a);
      } else if (req instanceof ClientRequest.AuthenticateV2 a) {
        authenticateV2(a);
      } else {
        core.counters.add(GatewayCounters.BAD_REQUESTS);
        fail("Only 'Register' or 'Authenticate' requests are allowed");
      }
    } catch (GatewayProtocolException e) {
      core.counters.add(GatewayCounters.AUTH_FAILED);
      core.log.debug("refused {}: {}", channel.remoteAddress(), e.getMessage());
      fail(e.getMessage());
    } catch (SQLException e) {
      core.counters.add(GatewayCounters.STORAGE_ERRORS);
      core.log.warn("storage failure while authenticating {}: {}", channel.remoteAddress(),
          e.getMessage());
      fail("Internal gateway storage error");
    }
  }

  private void startRegistration(ClientRequest.RegisterHandshakeInit r)
      throws GatewayProtocolException {
    negotiated = ProtocolVersion.negotiate(r.protocolVersion());
    init = Handshake.Init.parse(r.data());
    byte[] client = init.identity().toBytes();
    if (core.active.containsKey(GatewayCore.key(client))) {
      core.counters.add(GatewayCounters.DUPLICATE_REFUSED);
      throw new GatewayProtocolException("There is already an open connection to this client");
    }
    ephemeral = X25519KeyPair.generate(core.random);
    handshakeKey = Handshake.deriveKey(ephemeral, init.ephemeral(), init.salt());
    byte[] material;
    try {
      material = Handshake.gatewayMaterial(handshakeKey, core.identity, ephemeral,
          init.ephemeral(), core.random);
    } catch (GatewayCryptoException e) {
      throw new GatewayProtocolException("Failed to perform registration handshake: "
          + e.getMessage());
    }
    state = State.HANDSHAKE;
    sendText(HandshakePayload.payload(handshakeVersion(), material));
    armTimeout(core.config.clients().handshakeTimeout().toMillis(),
        "Failed to perform registration handshake: timed out waiting for the client");
  }

  private int handshakeVersion() {
    return handshakeKey.isLegacy() ? ProtocolVersion.INITIAL : ProtocolVersion.AES_GCM_SIV;
  }

  private void onHandshakeText(String text) {
    HandshakePayload p;
    try {
      p = HandshakePayload.parse(text);
    } catch (GatewayProtocolException e) {
      // nym-node drops non-handshake messages during the handshake and keeps waiting.
      core.counters.add(GatewayCounters.BAD_REQUESTS);
      return;
    }
    if (p.error() != null) {
      core.counters.add(GatewayCounters.HANDSHAKE_FAILED);
      fail("Failed to perform registration handshake: the client reported " + p.error());
      return;
    }
    try {
      Handshake.verifyMaterial(handshakeKey, p.data(), init.identity(), init.ephemeral(),
          ephemeral.publicKey());
    } catch (GatewayProtocolException e) {
      core.counters.add(GatewayCounters.HANDSHAKE_FAILED);
      core.log.debug("registration of {} failed: {}", init.identity().toBase58(), e.getMessage());
      sendText(HandshakePayload.error(e.getMessage()));
      fail(e.getMessage());
      return;
    }
    cancelTimeout();
    sendText(HandshakePayload.payload(handshakeVersion(), new byte[] {1}));
    byte[] client = init.identity().toBytes();
    try {
      core.mailbox.register(client, handshakeKey, core.config.bandwidth().freeAllowance());
      Mailbox.Client stored = core.mailbox.client(client).orElseThrow();
      core.counters.add(GatewayCounters.REGISTRATIONS);
      core.log.info("registered client {} ({} key, protocol {})", init.identity().toBase58(),
          handshakeKey.isLegacy() ? "legacy" : "aes256-gcm-siv", negotiated);
      if (becomeAuthenticated(client, handshakeKey, stored.bandwidth(),
          core.clock.millis())) {
        send(new ServerResponse.Register(negotiated, true));
      }
    } catch (SQLException e) {
      core.counters.add(GatewayCounters.STORAGE_ERRORS);
      core.log.warn("cannot store the key of {}: {}", init.identity().toBase58(), e.getMessage());
      fail("Internal gateway storage error");
    } finally {
      ephemeral = null;
      init = null;
      handshakeKey = null;
    }
  }

  private void authenticateV1(ClientRequest.Authenticate a)
      throws GatewayProtocolException, SQLException {
    negotiated = ProtocolVersion.negotiate(a.protocolVersion());
    byte[] client;
    byte[] encAddress;
    byte[] iv;
    try {
      client = Base58.decode(a.address());
    } catch (IllegalArgumentException e) {
      throw new GatewayProtocolException("Provided client address is malformed: "
          + e.getMessage());
    }
    if (client.length != 32) {
      throw new GatewayProtocolException("Provided client address is malformed: expected 32"
          + " bytes, got " + client.length);
    }
    try {
      encAddress = Base58.decode(a.encAddress());
    } catch (IllegalArgumentException e) {
      throw new GatewayProtocolException("Provided encrypted client address is malformed: "
          + e.getMessage());
    }
    try {
      iv = Base58.decode(a.iv());
    } catch (IllegalArgumentException e) {
      throw new GatewayProtocolException("provided authentication IV is malformed: "
          + e.getMessage());
    }
    Mailbox.Client stored = core.mailbox.client(client).orElse(null);
    boolean ok = false;
    if (stored != null) {
      try {
        ok = MessageDigest.isEqual(stored.key().encryptNaive(client, iv), encAddress);
      } catch (GatewayCryptoException e) {
        ok = false;
      }
    }
    if (!ok) {
      core.counters.add(GatewayCounters.AUTH_FAILED);
      send(new ServerResponse.Authenticate(negotiated, false, 0));
      fail("could not establish client details");
      return;
    }
    long start = core.clock.millis();
    replaceDuplicate(client, start, () -> {
      if (becomeAuthenticated(client, stored.key(), stored.bandwidth(), start)) {
        send(new ServerResponse.Authenticate(negotiated, true, stored.bandwidth()));
      }
    });
  }

  private void authenticateV2(ClientRequest.AuthenticateV2 a)
      throws GatewayProtocolException, SQLException {
    negotiated = ProtocolVersion.negotiate(a.protocolVersion());
    Ed25519PublicKey identity;
    try {
      identity = Ed25519PublicKey.fromBytes(a.clientIdentity());
    } catch (IllegalArgumentException e) {
      throw new GatewayProtocolException("Provided client address is malformed: "
          + e.getMessage());
    }
    long now = core.clock.millis() / 1000;
    long skew = core.config.clients().maxRequestTimestampSkew().toSeconds();
    long ts = a.requestUnixTimestamp();
    if (ts < now - skew || ts - skew > now) {
      throw new GatewayProtocolException("failed to authenticate the client: the provided"
          + " request timestamp is excessively skewed. got " + ts + " whilst the server time is "
          + now);
    }
    if (!identity.verify(a.signedBytes(), a.requestSignature())) {
      throw new GatewayProtocolException(
          "failed to authenticate the client: failed to verify request signature");
    }
    byte[] client = identity.toBytes();
    Mailbox.Client stored = core.mailbox.client(client).orElseThrow(() ->
        new GatewayProtocolException(
            "failed to authenticate the client: the client is not registered"));
    boolean ok;
    try {
      ok = MessageDigest.isEqual(stored.key().encrypt(client, a.nonce()), a.addressCiphertext());
    } catch (GatewayCryptoException e) {
      ok = false;
    }
    if (!ok) {
      throw new GatewayProtocolException(
          "failed to authenticate the client: failed to verify provided address ciphertext");
    }
    if (stored.lastAuthentication() != null && ts <= stored.lastAuthentication()) {
      throw new GatewayProtocolException("failed to authenticate the client: the provided"
          + " request timestamp is smaller or equal to one previously used");
    }
    replaceDuplicate(client, ts * 1000, () -> {
      try {
        core.mailbox.setLastAuthentication(client, ts);
      } catch (SQLException e) {
        core.counters.add(GatewayCounters.STORAGE_ERRORS);
        fail("Internal gateway storage error");
        return;
      }
      if (becomeAuthenticated(client, stored.key(), stored.bandwidth(), ts * 1000)) {
        send(new ServerResponse.Authenticate(negotiated, true, stored.bandwidth()));
      }
    });
  }

  /**
   * Runs {@code then} once no other live session of {@code client} exists: an older session is
   * pinged; if it answers, this one is refused; if not, it is closed and replaced.
   */
  private void replaceDuplicate(byte[] client, long startMillis, Runnable then)
      throws GatewayProtocolException {
    ClientSession old = core.active.get(GatewayCore.key(client));
    if (old == null) {
      then.run();
      return;
    }
    if (startMillis <= old.sessionStartMillis) {
      core.counters.add(GatewayCounters.DUPLICATE_REFUSED);
      throw new GatewayProtocolException(
          "attempted to overwrite client session with a stale authentication");
    }
    core.log.debug("client {} is already connected; checking whether that session is alive",
        GatewayCore.key(client));
    cancelTimeout();
    old.checkAlive().orTimeout(2, TimeUnit.SECONDS).whenComplete((alive, err) -> submit(() -> {
      if (state == State.CLOSED) {
        return;
      }
      if (err == null && Boolean.TRUE.equals(alive)) {
        core.counters.add(GatewayCounters.DUPLICATE_REFUSED);
        core.log.info("refused a second session for client {}: the first one is alive",
            GatewayCore.key(client));
        fail("There is already an open connection to this client");
      } else {
        core.counters.add(GatewayCounters.DUPLICATE_REPLACED);
        core.log.info("replaced a dead session of client {}", GatewayCore.key(client));
        core.active.remove(GatewayCore.key(client), old);
        old.closeReplaced();
        then.run();
      }
    }));
  }

  /** Enters the authenticated phase and pushes stored messages; false if that failed. */
  private boolean becomeAuthenticated(byte[] client, GatewaySharedKey k, long bw, long start) {
    address = client;
    sessionStartMillis = start;
    if (core.active.putIfAbsent(GatewayCore.key(client), this) != null) {
      address = null;
      core.counters.add(GatewayCounters.DUPLICATE_REFUSED);
      fail("There is already an open connection to this client");
      return false;
    }
    cancelTimeout();
    state = State.AUTHENTICATED;
    bandwidth = bw;
    bandwidthFlushed = bw;
    bucket = new TokenBucket(core.config.clients().maxPacketsPerSecond(),
        core.config.clients().packetBurst(), System.nanoTime());
    key = k;
    core.counters.add(GatewayCounters.AUTHENTICATIONS);
    core.log.debug("client {} authenticated (protocol {}, {} bytes of bandwidth)",
        GatewayCore.key(client), negotiated, bw);
    if (!pushStored()) {
      close(1011, "cannot deliver stored messages");
      return false;
    }
    return true;
  }

  /**
   * Pushes the stored messages page by page; a page is deleted only after its last frame was
   * written to the socket.
   */
  private boolean pushStored() {
    int limit = core.config.mailbox().messageRetrievalLimit();
    try {
      while (true) {
        List<Mailbox.Stored> page = core.mailbox.page(address, limit);
        if (page.isEmpty()) {
          return true;
        }
        ChannelFuture last = null;
        for (Mailbox.Stored m : page) {
          byte[] frame = BinaryMessages.encrypt(key, BinaryMessages.PUSHED_MIX_MESSAGE,
              m.content(), core.random);
          last = channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
        }
        if (!last.awaitUninterruptibly(30, TimeUnit.SECONDS) || !last.isSuccess()) {
          core.log.debug("stopped delivering stored messages to {}: the socket failed",
              GatewayCore.key(address));
          return false;
        }
        core.mailbox.delete(page);
        core.counters.add(GatewayCounters.MAILBOX_DELIVERED, page.size());
        if (page.size() < limit) {
          return true;
        }
      }
    } catch (SQLException e) {
      core.counters.add(GatewayCounters.STORAGE_ERRORS);
      core.log.warn("cannot read stored messages of {}: {}", GatewayCore.key(address),
          e.getMessage());
      return false;
    } catch (GatewayCryptoException e) {
      return false;
    }
  }

  // ----- authenticated phase

  private void onPacket(byte[] bytes) {
    if (!bucket.tryTake(System.nanoTime())) {
      core.counters.add(GatewayCounters.RATE_LIMITED);
      send(new ServerResponse.Error("too many packets: this gateway accepts "
          + core.config.clients().maxPacketsPerSecond() + " packets per second per client"));
      return;
    }
    MixPacket packet;
    try {
      // Opened in place: the only copy is the packet itself, taken by the parser.
      BinaryMessages.Opened o = BinaryMessages.open(key, bytes);
      packet = switch (o.kind()) {
        case BinaryMessages.FORWARD_SPHINX ->
            MixPacket.parse(o.buffer(), o.offset(), o.length(), false);
        case BinaryMessages.FORWARD_SPHINX_V2 ->
            MixPacket.parse(o.buffer(), o.offset(), o.length(), true);
        default -> throw new MixPacketException(
            "received request with an unknown kind: " + o.kind());
      };
    } catch (GatewayProtocolException | MixPacketException e) {
      core.counters.add(GatewayCounters.BAD_REQUESTS);
      send(new ServerResponse.Error("Provided binary request was malformed - " + e.getMessage()));
      return;
    }
    long cost = packet.packet().length;
    if (bandwidth < cost) {
      core.counters.add(GatewayCounters.OUT_OF_BANDWIDTH);
      send(new ServerResponse.OutOfBandwidth(cost, bandwidth));
      return;
    }
    bandwidth -= cost;
    core.forward(packet);
    core.forwarded.increment();
    respondSend(bandwidth);
  }

  private void onAuthenticatedText(String text) {
    ClientRequest req;
    try {
      req = ClientRequest.parse(text);
    } catch (GatewayProtocolException e) {
      core.counters.add(GatewayCounters.BAD_REQUESTS);
      send(new ServerResponse.Error(e.getMessage()));
      return;
    }
    if (req instanceof ClientRequest.SupportedProtocol) {
      send(new ServerResponse.SupportedProtocol(ProtocolVersion.CURRENT));
    } else if (req instanceof ClientRequest.ClaimFreeTestnetBandwidth) {
      long claim = core.config.bandwidth().freeTestnetClaim();
      if (claim == 0) {
        send(new ServerResponse.Error("this gateway does not grant free bandwidth"));
      } else {
        bandwidth = Math.addExact(bandwidth, claim);
        flushBandwidth();
        send(new ServerResponse.Bandwidth(bandwidth));
      }
    } else if (req instanceof ClientRequest.EncryptedRequest e) {
      onEncryptedRequest(e);
    } else if (req instanceof ClientRequest.Credential) {
      core.counters.add(GatewayCounters.BAD_REQUESTS);
      send(new ServerResponse.Error("credential has been rejected by the validators"));
    } else {
      core.counters.add(GatewayCounters.BAD_REQUESTS);
      send(new ServerResponse.Error("The received request is not valid in the current context:"
          + " the client is already authenticated"));
    }
  }

  private void onEncryptedRequest(ClientRequest.EncryptedRequest e) {
    JsonNode req;
    try {
      req = JSON.readTree(key.decrypt(e.ciphertext(), e.nonce()));
    } catch (GatewayCryptoException | java.io.IOException ex) {
      core.counters.add(GatewayCounters.BAD_REQUESTS);
      send(new ServerResponse.Error("failed to decrypt provided text request"));
      return;
    }
    try {
      if (req != null && req.has("UpgradeKey")) {
        upgradeKey(req.get("UpgradeKey"));
      } else if (req != null && req.has("ForgetMe")) {
        if (req.get("ForgetMe").path("client").asBoolean(false)) {
          core.mailbox.forget(address);
        }
        sendEncrypted("ForgetMeAck");
      } else if (req != null && req.has("RememberMe")) {
        sendEncrypted("RememberMeAck");
      } else {
        core.counters.add(GatewayCounters.BAD_REQUESTS);
        send(new ServerResponse.Error(
            "received an encrypted text request of an unknown type"));
      }
    } catch (SQLException ex) {
      core.counters.add(GatewayCounters.STORAGE_ERRORS);
      send(new ServerResponse.Error("Internal gateway storage error"));
    } catch (GatewayCryptoException ex) {
      send(new ServerResponse.Error("Internal error"));
    }
  }

  private void upgradeKey(JsonNode upgrade) throws SQLException, GatewayCryptoException {
    if (!key.isLegacy()) {
      send(new ServerResponse.Error("the connection is already using an aes256-gcm-siv key"));
      return;
    }
    byte[] salt = bytes(upgrade.get("hkdf_salt"));
    byte[] digest = bytes(upgrade.get("derived_key_digest"));
    byte[] derived = Blake3Hkdf.derive(salt, key.toBytes(), null, 32);
    if (salt == null || digest == null
        || !MessageDigest.isEqual(Blake3.hash(derived), digest)) {
      send(new ServerResponse.Error("failed to derive matching aes256-gcm-siv key"));
      return;
    }
    GatewaySharedKey upgraded = new CurrentSharedKey(derived);
    core.mailbox.updateKey(address, upgraded);
    key = upgraded;
    core.log.info("client {} upgraded its key to aes256-gcm-siv", GatewayCore.key(address));
    sendEncrypted("KeyUpgradeAck");
  }

  private static byte[] bytes(JsonNode n) {
    if (n == null || !n.isArray()) {
      return null;
    }
    byte[] out = new byte[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) n.get(i).asInt();
    }
    return out;
  }

  private void sendEncrypted(String ack) throws GatewayCryptoException {
    ObjectNode body = JSON.createObjectNode();
    body.putObject(ack);
    byte[] nonce = key.randomNonce(core.random);
    byte[] ct = key.encrypt(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        nonce);
    send(new ServerResponse.EncryptedResponse(ct, nonce));
  }
}
