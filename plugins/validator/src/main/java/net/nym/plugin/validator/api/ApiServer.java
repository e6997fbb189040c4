package net.nym.plugin.validator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 JSON server on the host's shared event loops: every request goes to one
 * {@link Router}, whose future completes the response (possibly on another thread). Request
 * bodies above 64 KiB get 413; silent connections are closed after 30 s.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** JSON mapper for error messages. */
  static final ObjectMapper JSON = new ObjectMapper();

  /** Answers one request. */
  @FunctionalInterface
  public interface Router {
    /**
     * Routes a request.
     *
     * @param method {@code GET}, {@code POST}, ...
     * @param path the path without query, without a trailing slash and without {@code /api}
     * @param query the query parameters
     * @param body the request body
     */
    CompletableFuture<ApiResponse> route(
        String method, String path, Map<String, List<String>> query, byte[] body);
  }

  private final Router router;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private Channel server;

  /** A server for {@code router}; not started. */
  public ApiServer(Router router) {
    this.router = router;
  }

  /**
   * Binds {@code bind}.
   *
   * @throws IOException naming the address if it cannot be bound
   */
  public ApiServer start(EventLoopGroup group, InetSocketAddress bind) throws IOException {
    Handler handler = new Handler();
    try {
      server = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              channels.add(ch);
              ch.pipeline()
                  .addLast(new ReadTimeoutHandler(30))
                  .addLast(new HttpServerCodec(4096, 8192, 8192))
                  .addLast(new HttpObjectAggregator(64 * 1024))
                  .addLast(handler);
            }
          })
          .bind(bind)
          .syncUninterruptibly()
          .channel();
    } catch (Exception e) {
      throw new IOException("cannot listen on " + bind + " for the validator API: "
          + e.getMessage(), e);
    }
    return this;
  }

  /** The bound address. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) server.localAddress();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
      channels.close().awaitUninterruptibly();
      server = null;
    }
  }

  /** Normalises a request path: no query, no trailing slash, no leading {@code /api}. */
  static String normalise(String path) {
    String p = path;
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.equals("/api")) {
      return "/";
    }
    if (p.startsWith("/api/")) {
      p = p.substring(4);
    }
    return p;
  }

  @Sharable
  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      if (!req.decoderResult().isSuccess()) {
        write(ctx, ApiResponse.error(400, "bad request"), false);
        return;
      }
      QueryStringDecoder q = new QueryStringDecoder(req.uri());
      String path = normalise(q.path());
      byte[] body = ByteBufUtil.getBytes(req.content());
      CompletableFuture<ApiResponse> f;
      try {
        f = router.route(req.method().name(), path, q.parameters(), body);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((resp, error) -> {
        if (error != null) {
          LOG.warn("API route {} {} failed: {}", req.method(), path, error.toString());
          write(ctx, ApiResponse.error(500, "internal error"), keepAlive);
        } else {
          write(ctx, resp, keepAlive);
        }
      });
    }

    private void write(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
      FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
      resp.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length)
          .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
      r.headers().forEach((k, v) -> resp.headers().set(k, v));
      if (keepAlive) {
        resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        ctx.writeAndFlush(resp);
      } else {
        ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("API connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }
}
