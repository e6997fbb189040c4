package net.nym.client.core.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.mixnet.gateway.ServerResponse;

/**
 * A gateway's websocket as a client sees it, on loopback (Netty's websocket server): it accepts
 * any authentication, pushes one stored message before its answer, records the client's binary
 * frames and answers each with a {@code send} response, and records the payloads of the client's
 * pongs. What it does after the answer is set by
 * {@link #afterAuth}. For the tests of the gateway session and the client engine.
 */
public final class StandInGateway implements AutoCloseable {
  /** The binary frames the client sent, as received. */
  public final List<byte[]> fromClient = new CopyOnWriteArrayList<>();
  /** The payloads of the client's pongs. */
  public final List<byte[]> pongs = new CopyOnWriteArrayList<>();
  /** What to do once the client has authenticated (on the server's event loop). */
  public volatile Consumer<ChannelHandlerContext> afterAuth = ctx -> { };
  private final GatewaySharedKey key;
  private final SecureRandom random = new SecureRandom();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;

  /** Starts it; {@code key} is the client's shared key. */
  public StandInGateway(GatewaySharedKey key) throws InterruptedException {
    this.key = key;
    this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath("/").maxFramePayloadLength(1 << 20).dropPongFrames(false)
                    .build()), new Session());
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  /** A pushed message carrying this text, encrypted as the gateway does. */
  public byte[] push(String text) {
    try {
      return BinaryMessages.encrypt(key, BinaryMessages.PUSHED_MIX_MESSAGE,
          text.getBytes(StandardCharsets.UTF_8), random);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The websocket port. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** The websocket URI. */
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port());
  }

  private final class Session extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) {
      if (f instanceof TextWebSocketFrame) {
        // The authentication request: a stored message first, then the answer.
        ctx.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(push("stored"))));
        ctx.writeAndFlush(new TextWebSocketFrame(new ServerResponse.Authenticate(
            GatewayConnection.PROTOCOL, true, 1 << 30).toJson()));
        afterAuth.accept(ctx);
      } else if (f instanceof BinaryWebSocketFrame) {
        fromClient.add(ByteBufUtil.getBytes(f.content()));
        ctx.writeAndFlush(new TextWebSocketFrame(
            "{\"type\":\"send\",\"remaining_bandwidth\":1000}"));
      } else if (f instanceof PongWebSocketFrame) {
        pongs.add(ByteBufUtil.getBytes(f.content()));
      }
    }
  }

  @Override
  public void close() {
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
