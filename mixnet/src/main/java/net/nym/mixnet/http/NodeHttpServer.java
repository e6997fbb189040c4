package net.nym.mixnet.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.bootstrap.ServerBootstrap;
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
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import net.nym.api.NetTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only HTTP/1.1 server: {@code GET} (and {@code HEAD}) on exact paths, each answered by a
 * supplier evaluated on the event loop (so suppliers must be cheap and non-blocking: they read
 * counters and fixed values). Unknown paths get 404, other methods 405, request bodies over 8 KiB
 * 413; connections silent for 30 s are closed.
 *
 * <p>{@link #handler()} is the channel handler alone, for tests with {@code EmbeddedChannel}.
 */
public final class NodeHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeHttpServer.class);
  private static final int MAX_REQUEST = 8 * 1024;

  /** The mapper used for JSON routes (snake_case is up to the objects given). */
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Supplier<HttpResponseBody>> routes = new LinkedHashMap<>();
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private Channel server;

  /** Adds a route answering JSON: the supplier's value serialised by {@link #JSON}. */
  public NodeHttpServer json(String path, Supplier<?> value) {
    routes.put(
        path,
        () -> {
          try {
            return HttpResponseBody.ok("application/json", JSON.writeValueAsString(value.get()));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + path + ": " + e.getMessage(), e);
          }
        });
    return this;
  }

  /** Adds a route answering text of {@code contentType}. */
  public NodeHttpServer text(String path, String contentType, Supplier<String> text) {
    routes.put(path, () -> HttpResponseBody.ok(contentType, text.get()));
    return this;
  }

  /** The routes' paths, in the order added. */
  public java.util.Set<String> paths() {
    return java.util.Collections.unmodifiableSet(routes.keySet());
  }

  /**
   * Binds {@code bind} on {@code group}.
   *
   * @throws IOException naming the address if it cannot be bound
   */
  public NodeHttpServer start(EventLoopGroup group, InetSocketAddress bind) throws IOException {
    Handler handler = new Handler();
    try {
      server =
          new ServerBootstrap()
              .group(group)
              .channel(NetTransport.serverChannel(group))
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      channels.add(ch);
                      ch.pipeline()
                          .addLast(new ReadTimeoutHandler(30))
                          .addLast(new HttpServerCodec(4096, 8192, 8192))
                          .addLast(new HttpObjectAggregator(MAX_REQUEST))
                          .addLast(handler);
                    }
                  })
              .bind(bind)
              .syncUninterruptibly()
              .channel();
    } catch (Exception e) {
      throw new IOException("cannot listen on " + bind + " for the HTTP API: " + e.getMessage(), e);
    }
    return this;
  }

  /** The bound address. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) server.localAddress();
  }

  /** The request handler (sharable), for {@code EmbeddedChannel} tests. */
  public SimpleChannelInboundHandler<FullHttpRequest> handler() {
    return new Handler();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
      channels.close().awaitUninterruptibly();
    }
  }

  @Sharable
  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      HttpResponseBody body;
      if (!req.decoderResult().isSuccess()) {
        body = error(400, "bad request");
      } else if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
        body = error(405, "only GET is supported");
      } else {
        String path = new QueryStringDecoder(req.uri()).path();
        if (path.length() > 1 && path.endsWith("/")) {
          path = path.substring(0, path.length() - 1);
        }
        Supplier<HttpResponseBody> route = routes.get(path);
        if (route == null) {
          body = error(404, "no such route: " + path);
        } else {
          try {
            body = route.get();
          } catch (RuntimeException e) {
            LOG.warn("HTTP route {} failed: {}", path, e.toString());
            body = error(500, "internal error");
          }
        }
      }
      boolean head = req.method().equals(HttpMethod.HEAD);
      FullHttpResponse resp =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(body.status()),
              head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body.body()));
      resp.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, body.contentType())
          .setInt(HttpHeaderNames.CONTENT_LENGTH, body.body().length);
      if (req.method().equals(HttpMethod.GET) || head) {
        resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
      }
      boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
      if (keepAlive) {
        resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        ctx.writeAndFlush(resp);
      } else {
        ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }

  private static HttpResponseBody error(int status, String message) {
    String json = "{\"message\":" + quote(message) + "}";
    return new HttpResponseBody(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      return "\"\"";
    }
  }
}
