package net.nym.plugin.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One load-generating client session on Netty: authenticates (v2) with a key obtained at
 * registration, then keeps up to {@code window} packets in flight, writing the same pre-built wire
 * frame again and again (a websocket binary frame with a zero masking key around a pre-encrypted
 * request: AES-GCM-SIV does not forbid a repeated nonce and the gateway does not track them), so
 * that the generator spends almost nothing per packet. Counts the gateway's {@code send}
 * responses; everything runs on one event loop.
 */
final class LoadSender extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final byte[] SEND = "{\"type\":\"send\"".getBytes(StandardCharsets.US_ASCII);

  private final String authJson;
  private final ByteBuf wire;
  private final int window;
  /** Completes once authenticated. */
  final CompletableFuture<Void> authenticated = new CompletableFuture<>();
  private Channel channel;
  // One round of sending (event loop only).
  private CompletableFuture<Integer> done;
  private boolean pumping;
  private int total;
  private int sent;
  private int answered;
  private int errors;

  private LoadSender(String authJson, byte[] request, int window) {
    this.authJson = authJson;
    this.wire = Unpooled.unreleasableBuffer(maskedBinaryFrame(request));
    this.window = window;
  }

  /** A client websocket binary frame (FIN, masked with the key 0) carrying {@code payload}. */
  static ByteBuf maskedBinaryFrame(byte[] payload) {
    ByteBuf b = Unpooled.directBuffer(payload.length + 14);
    b.writeByte(0x82);
    if (payload.length < 126) {
      b.writeByte(0x80 | payload.length);
    } else if (payload.length < 65536) {
      b.writeByte(0x80 | 126).writeShort(payload.length);
    } else {
      b.writeByte(0x80 | 127).writeLong(payload.length);
    }
    b.writeInt(0);
    b.writeBytes(payload);
    return b;
  }

  /** Connects, upgrades and authenticates; {@link #send} then sends. */
  static LoadSender connect(EventLoopGroup group, URI uri, String authJson, byte[] request,
      int window) {
    LoadSender s = new LoadSender(authJson, request, window);
    WebSocketClientProtocolConfig ws = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri).maxFramePayloadLength(1 << 20).handleCloseFrames(true).build();
    new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                new WebSocketClientProtocolHandler(ws), s);
          }
        })
        .connect(uri.getHost(), uri.getPort()).addListener(f -> {
          if (!f.isSuccess()) {
            s.authenticated.completeExceptionally(f.cause());
          }
        });
    return s;
  }

  /**
   * Sends {@code n} packets (one round at a time); completes with the number of {@code send}
   * responses once every packet was answered.
   */
  CompletableFuture<Integer> send(int n) {
    CompletableFuture<Integer> round = new CompletableFuture<>();
    channel.eventLoop().execute(() -> {
      done = round;
      total = n;
      sent = 0;
      answered = 0;
      errors = 0;
      pumping = true;
      pump();
    });
    return round;
  }

  /** Error responses in the last round. */
  int errors() {
    return errors;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      ctx.writeAndFlush(new TextWebSocketFrame(authJson));
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame t)) {
      return;
    }
    ByteBuf c = t.content();
    if (!authenticated.isDone()) {
      String json = c.toString(StandardCharsets.UTF_8);
      if (json.contains("\"authenticate\"") && json.contains("\"status\":true")) {
        authenticated.complete(null);
      } else {
        authenticated.completeExceptionally(new IllegalStateException(json));
      }
      return;
    }
    if (c.readableBytes() >= SEND.length
        && ByteBufUtil.equals(c, c.readerIndex(), Unpooled.wrappedBuffer(SEND), 0, SEND.length)) {
      answered++;
    } else {
      errors++;
      answered++;
    }
    if (answered == total && done != null) {
      pumping = false;
      done.complete(answered - errors);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (pumping) {
      pump();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    authenticated.completeExceptionally(new IllegalStateException("connection closed"));
    if (done != null) {
      done.completeExceptionally(new IllegalStateException("connection closed after "
          + answered + " of " + total + " answers"));
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    authenticated.completeExceptionally(cause);
    if (done != null) {
      done.completeExceptionally(cause);
    }
    ctx.close();
  }

  private void pump() {
    int n = 0;
    while (sent < total && sent - answered < window && channel.isWritable()) {
      channel.write(wire.retainedDuplicate(), channel.voidPromise());
      sent++;
      n++;
    }
    if (n > 0) {
      channel.flush();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (pumping && ctx.channel().isWritable()) {
      pump();
    }
    ctx.fireChannelWritabilityChanged();
  }
}
