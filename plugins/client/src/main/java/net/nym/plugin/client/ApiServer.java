package net.nym.plugin.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import net.nym.api.NetTransport;
import net.nym.client.core.api.ApiError;
import net.nym.client.core.api.ApiRequest;
import net.nym.client.core.api.ApiResponse;
import net.nym.client.core.api.WebsocketApi;
import net.nym.client.core.engine.NymClient;
import net.nym.client.core.engine.ReceivedMessage;

/**
 * The native client's websocket API on Netty (nym-wire §5): each connection's requests are
 * answered in their own format (text or binary); received messages are pushed to every connected
 * application in the format of its last request (binary before any). A malformed request gets the
 * protocol's error and the socket stays open. Requests are executed on {@code work} (building
 * reply SURBs is Sphinx work), never on the event loop.
 */
final class ApiServer {
  private static final AttributeKey<Boolean> TEXT = AttributeKey.valueOf("nym-api-text");
  private static final int MAX_FRAME = 64 << 20;

  private final NymClient client;
  private final ExecutorService work;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private Channel server;

  ApiServer(NymClient client, ExecutorService work) {
    this.client = client;
    this.work = work;
  }

  InetSocketAddress start(EventLoopGroup group, InetSocketAddress bind) throws IOException {
    ServerBootstrap b = new ServerBootstrap().group(group).channel(NetTransport.serverChannel(group))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler("/", null, false, MAX_FRAME, false, true),
                new WebSocketFrameAggregator(MAX_FRAME), new Handler());
          }
        });
    try {
      server = b.bind(bind).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding " + bind, e);
    } catch (RuntimeException e) {
      throw new IOException("cannot listen on " + bind + ": " + e.getMessage(), e);
    }
    return (InetSocketAddress) server.localAddress();
  }

  private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      channels.add(ctx.channel());
      super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      Channel ch = ctx.channel();
      if (frame instanceof TextWebSocketFrame t) {
        ch.attr(TEXT).set(true);
        String text = t.text();
        work.execute(() -> reply(ch, true, () -> WebsocketApi.parseText(text)));
      } else if (frame instanceof BinaryWebSocketFrame bin) {
        ch.attr(TEXT).set(false);
        byte[] bytes = ByteBufUtil.getBytes(bin.content());
        work.execute(() -> reply(ch, false, () -> WebsocketApi.parseBinary(bytes)));
      }
    }
  }

  @FunctionalInterface
  private interface Parse {
    ApiRequest parse() throws ApiError;
  }

  private void reply(Channel ch, boolean text, Parse parse) {
    ApiResponse r;
    try {
      r = execute(parse.parse());
    } catch (ApiError e) {
      r = new ApiResponse.Error(e.kind(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      r = new ApiResponse.Error(ApiError.Kind.OTHER, e.getMessage());
    }
    if (r != null) {
      write(ch, text, r);
    }
  }

  private ApiResponse execute(ApiRequest req) throws IOException {
    if (req instanceof ApiRequest.Send s) {
      client.send(s.recipient(), s.message());
      return null;
    }
    if (req instanceof ApiRequest.SendAnonymous s) {
      client.sendAnonymous(s.recipient(), s.message(), (int) Math.min(s.replySurbs(), 500));
      return null;
    }
    if (req instanceof ApiRequest.Reply r) {
      client.reply(r.senderTag(), r.message());
      return null;
    }
    if (req instanceof ApiRequest.SelfAddress) {
      return new ApiResponse.SelfAddress(client.address());
    }
    if (req instanceof ApiRequest.GetLaneQueueLength l) {
      return new ApiResponse.LaneQueueLength(l.connectionId(), client.queued());
    }
    return null;
  }

  private static void write(Channel ch, boolean text, ApiResponse r) {
    ch.writeAndFlush(text ? new TextWebSocketFrame(WebsocketApi.toText(r))
        : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(WebsocketApi.toBinary(r))));
  }

  /** Pushes a received message to every connected application. */
  void push(ReceivedMessage m) {
    ApiResponse r = new ApiResponse.Received(m.data(), m.senderTag());
    for (Channel ch : channels) {
      write(ch, Boolean.TRUE.equals(ch.attr(TEXT).get()), r);
    }
  }

  /** Pushes an error (e.g. the gateway is gone) to every connected application. */
  void pushError(String message) {
    for (Channel ch : channels) {
      write(ch, Boolean.TRUE.equals(ch.attr(TEXT).get()),
          new ApiResponse.Error(ApiError.Kind.OTHER, message));
    }
  }

  void stop() {
    channels.close().awaitUninterruptibly();
    if (server != null) {
      server.close().awaitUninterruptibly();
    }
  }
}
