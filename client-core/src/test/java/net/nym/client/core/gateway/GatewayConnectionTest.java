package net.nym.client.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.gateway.CurrentSharedKey;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.packet.PacketType;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.mixnet.gateway.ServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session against a stand-in gateway on loopback (Netty's websocket server): what is pushed
 * before and after the authentication answer arrives in order, garbage is counted and dropped,
 * the frames we send are the protocol's, and a malformed websocket frame or a close ends the
 * session with the listener told once.
 */
class GatewayConnectionTest {
  private final SecureRandom random = new SecureRandom();
  private final GatewaySharedKey key = key();
  private final List<byte[]> fromClient = new CopyOnWriteArrayList<>();
  private final List<String> pushed = new CopyOnWriteArrayList<>();
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private final ExecutorService inbound = Executors.newSingleThreadExecutor();
  private EventLoopGroup group;
  private Channel server;
  /** What the stand-in gateway does once the client has authenticated. */
  private volatile BiConsumer<ChannelHandlerContext, GatewaySharedKey> afterAuth = (c, k) -> { };

  private GatewaySharedKey key() {
    byte[] k = new byte[32];
    random.nextBytes(k);
    return new CurrentSharedKey(k);
  }

  private byte[] push(String text) throws Exception {
    return BinaryMessages.encrypt(key, BinaryMessages.PUSHED_MIX_MESSAGE,
        text.getBytes(StandardCharsets.UTF_8), random);
  }

  private final class StandIn extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) throws Exception {
      if (f instanceof TextWebSocketFrame) {
        // The authentication request: a stored message first, then the answer.
        ctx.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(push("stored"))));
        ctx.writeAndFlush(new TextWebSocketFrame(new ServerResponse.Authenticate(
            GatewayConnection.PROTOCOL, true, 1 << 30).toJson()));
        afterAuth.accept(ctx, key);
      } else if (f instanceof BinaryWebSocketFrame) {
        fromClient.add(ByteBufUtil.getBytes(f.content()));
        ctx.writeAndFlush(new TextWebSocketFrame(
            "{\"type\":\"send\",\"remaining_bandwidth\":1000}"));
      }
    }
  }

  @BeforeEach
  void gateway() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler("/", null, false, 1 << 20), new StandIn());
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  @AfterEach
  void stop() {
    inbound.shutdownNow();
    server.close();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  private GatewayConnection connect() throws Exception {
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    return GatewayConnection.authenticate(URI.create("ws://127.0.0.1:" + port),
        Ed25519KeyPair.generate(random), key, new GatewayConnection.Listener() {
          @Override
          public void onMessage(byte[] message) {
            pushed.add(new String(message, StandardCharsets.UTF_8));
          }

          @Override
          public void onClosed(String reason) {
            closed.add(reason);
          }
        }, inbound, random);
  }

  @Test
  void pushedMessagesArriveInOrderGarbageIsCountedAndPacketsGoOutAsProtocolFrames()
      throws Exception {
    afterAuth = (ctx, k) -> {
      try {
        ctx.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 1, 7, 7})));
        byte[] bad = push("tampered");
        bad[bad.length - 1] ^= 1;
        ctx.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bad)));
        ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(push("live"))));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    try (GatewayConnection c = connect()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> pushed.size() == 2);
      assertThat(pushed).containsExactly("stored", "live");
      assertThat(c.refusedFrames()).isEqualTo(2);
      byte[] packet = new byte[2413];
      random.nextBytes(packet);
      MixPacket mp = MixPacket.of(PacketType.MIX, KeyRotation.UNKNOWN,
          NodeAddress.of(new byte[] {127, 0, 0, 1}, 1789), packet);
      for (int i = 0; i < 50; i++) {
        c.send(mp);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> fromClient.size() == 50);
      for (byte[] frame : fromClient) {
        BinaryMessages.Decoded d = BinaryMessages.decrypt(key, frame);
        assertThat(d.kind()).isEqualTo(BinaryMessages.FORWARD_SPHINX);
        assertThat(d.plaintext()).isEqualTo(mp.toV1Bytes());
      }
      assertThat(c.isOpen()).isTrue();
      assertThat(closed).isEmpty();
    }
    assertThat(closed).as("closing it ourselves tells nobody").isEmpty();
  }

  @Test
  void aMalformedWebsocketFrameEndsTheSessionAndTheListenerIsToldOnce() throws Exception {
    // Reserved bits set and a masked server frame: not a websocket frame a server may send.
    afterAuth = (ctx, k) -> ctx.channel().writeAndFlush(
        Unpooled.wrappedBuffer(new byte[] {(byte) 0xf2, (byte) 0x81, 0, 0, 0, 0, 9}));
    try (GatewayConnection c = connect()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !closed.isEmpty());
      assertThat(closed).hasSize(1);
      assertThat(closed.get(0)).startsWith("failed: ");
      assertThat(c.isOpen()).isFalse();
      assertThat(pushed).containsExactly("stored");
    }
  }

  @Test
  void aCloseFromTheGatewayIsReportedWithItsStatus() throws Exception {
    afterAuth = (ctx, k) -> ctx.writeAndFlush(new CloseWebSocketFrame(1001, "going away"));
    try (GatewayConnection c = connect()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !closed.isEmpty());
      assertThat(closed).containsExactly("closed by the gateway (1001, going away)");
      assertThat(c.isOpen()).isFalse();
    }
  }
}
