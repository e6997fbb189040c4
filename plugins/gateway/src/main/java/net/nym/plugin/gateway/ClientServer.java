package net.nym.plugin.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.nym.api.NetTransport;

/**
 * The client port: plain websocket (RFC 6455) on any path, no subprotocol and no extensions (in
 * particular no permessage-deflate, as Nym's tungstenite server), one {@link ClientSession} per
 * connection. Connections beyond {@code max_sessions} are closed at once and counted.
 */
final class ClientServer implements AutoCloseable {
  private final GatewayCore core;
  private final EventLoopGroup group;
  private final AtomicInteger open = new AtomicInteger();
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private Channel server;

  ClientServer(GatewayCore core, EventLoopGroup group) {
    this.core = core;
    this.group = group;
  }

  ClientServer start(InetSocketAddress bind) throws IOException {
    GatewayConfig.Clients c = core.config.clients();
    WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath("/")
        .checkStartsWith(true)
        .allowExtensions(false)
        .maxFramePayloadLength(c.maxFrameSize())
        .dropPongFrames(false)
        .handshakeTimeoutMillis(c.initialMessageTimeout().toMillis())
        .build();
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NetTransport.serverChannel(group))
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (open.incrementAndGet() > c.maxSessions()) {
              open.decrementAndGet();
              core.counters.add(GatewayCounters.SESSIONS_REFUSED);
              core.log.debug("refused {}: already {} client connections", ch.remoteAddress(),
                  c.maxSessions());
              ch.close();
              return;
            }
            ch.closeFuture().addListener(f -> open.decrementAndGet());
            channels.add(ch);
            ch.pipeline()
                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                .addLast("upgrade", new HttpObjectAggregator(8192))
                .addLast("idle", new IdleStateHandler(c.idleTimeout().toMillis(), 0, 0,
                    TimeUnit.MILLISECONDS))
                .addLast("websocket", new WebSocketServerProtocolHandler(ws))
                .addLast("fragments", new WebSocketFrameAggregator(c.maxFrameSize()))
                .addLast("session", new ClientSession(core));
          }
        });
    try {
      server = b.bind(bind).syncUninterruptibly().channel();
    } catch (Exception e) {
      throw new IOException("cannot listen on " + bind + " for clients: " + e.getMessage(), e);
    }
    return this;
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) server.localAddress();
  }

  int openConnections() {
    return Math.max(0, open.get());
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    channels.close().awaitUninterruptibly();
  }
}
