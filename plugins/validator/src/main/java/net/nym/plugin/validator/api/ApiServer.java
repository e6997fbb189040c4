package net.nym.plugin.validator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import net.nym.api.NetTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 JSON server on the host's shared event loops. A {@code GET} or {@code HEAD}
 * of a path the {@link Router} has a {@link PreparedResponse} for is answered on the event loop
 * by writing that response's buffers (nothing is encoded, signed, locked or read from the ledger
 * per request); every other request goes to {@link Router#route}, whose future completes the
 * response, possibly on another thread. Connections are kept alive unless the client says
 * otherwise (HTTP/1.0 without {@code keep-alive}, or {@code Connection: close}).
 *
 * <p>Bad input is counted ({@link #refused()}) and refused, and the connection closed: a request
 * the decoder cannot parse, with a line or headers above its limits or a bad percent escape in
 * its target gets 400, a body above 64 KiB gets 413. Silent connections are closed after 30 s.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** JSON mapper for error messages. */
  static final ObjectMapper JSON = new ObjectMapper();
  /** The largest request body accepted. */
  static final int MAX_BODY = 64 * 1024;
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_BODY = new byte[0];

  /** Answers requests. */
  public interface Router {
    /**
     * The response prepared for a {@code GET} of {@code path}, or null if there is none and the
     * request must be {@link #route routed}. Called on an event loop: must neither block nor
     * compute.
     *
     * @param path the path without query, without a trailing slash and without {@code /api}
     */
    PreparedResponse prepared(String path);

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
  private final LongAdder refused = new LongAdder();
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
    try {
      server = new ServerBootstrap()
          .group(group)
          .channel(NetTransport.serverChannel(group))
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              channels.add(ch);
              ch.pipeline()
                  .addLast(new ReadTimeoutHandler(30))
                  .addLast(new HttpRequestDecoder(4096, 8192, 8192))
                  .addLast(new Connection());
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

  /** How many requests were refused as malformed or too large since the start. */
  public long refused() {
    return refused.sum();
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

  /** The path of a request target without its query; null if it has a percent escape. */
  private static String plainPath(String uri) {
    int q = uri.indexOf('?');
    String p = q < 0 ? uri : uri.substring(0, q);
    return p.indexOf('%') < 0 ? p : null;
  }

  /**
   * One connection: reads a request (head, then its body up to {@link #MAX_BODY}), answers it,
   * and reads the next. Requests are answered in order only when each waits for the previous
   * answer (no pipelining of routed requests).
   */
  private final class Connection extends ChannelInboundHandlerAdapter {
    private HttpRequest request;
    private ByteBuf body;
    private boolean refusing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (refusing) {
          return;
        }
        if (msg instanceof HttpRequest r) {
          if (r.decoderResult().isFailure()) {
            refuse(ctx, 400, "bad request");
            return;
          }
          long length;
          try {
            length = HttpUtil.getContentLength(r, 0L);
          } catch (NumberFormatException e) {
            refuse(ctx, 400, "bad content-length");
            return;
          }
          if (length > MAX_BODY) {
            refuse(ctx, 413, "request body above " + MAX_BODY + " bytes");
            return;
          }
          if (HttpUtil.is100ContinueExpected(r)) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE), ctx.voidPromise());
          }
          request = r;
        }
        if (msg instanceof HttpContent c && request != null) {
          if (c.decoderResult().isFailure()) {
            refuse(ctx, 400, "bad request");
            return;
          }
          ByteBuf part = c.content();
          if (part.isReadable()) {
            if (body == null) {
              body = ctx.alloc().heapBuffer(part.readableBytes());
            }
            if (body.readableBytes() + part.readableBytes() > MAX_BODY) {
              refuse(ctx, 413, "request body above " + MAX_BODY + " bytes");
              return;
            }
            body.writeBytes(part);
          }
          if (c instanceof LastHttpContent) {
            HttpRequest r = request;
            request = null;
            byte[] bytes = NO_BODY;
            if (body != null) {
              bytes = new byte[body.readableBytes()];
              body.readBytes(bytes);
              body.release();
              body = null;
            }
            answer(ctx, r, bytes);
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest req, byte[] bytes) {
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      boolean head = HttpMethod.HEAD.equals(req.method());
      boolean get = head || HttpMethod.GET.equals(req.method());
      String plain = get ? plainPath(req.uri()) : null;
      if (plain != null && writePrepared(ctx, normalise(plain), head, keepAlive)) {
        return;
      }
      QueryStringDecoder q = new QueryStringDecoder(req.uri());
      String path;
      Map<String, List<String>> query;
      try {
        path = normalise(q.path());
        query = q.parameters();
      } catch (IllegalArgumentException e) {
        refuse(ctx, 400, "bad escape in the request target");
        return;
      }
      if (get && writePrepared(ctx, path, head, keepAlive)) {
        return;
      }
      CompletableFuture<ApiResponse> f;
      try {
        f = router.route(req.method().name(), path, query, bytes);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((resp, error) -> {
        ApiResponse r = resp;
        if (error != null) {
          LOG.warn("API route {} {} failed: {}", req.method(), path, error.toString());
          r = ApiResponse.error(500, "internal error");
        }
        finish(ctx, head ? Unpooled.wrappedBuffer(PreparedResponse.head(r, keepAlive))
            : Unpooled.wrappedBuffer(PreparedResponse.head(r, keepAlive), r.body()), keepAlive);
      });
    }

    /** Writes the prepared response for {@code path}, if there is one. */
    private boolean writePrepared(ChannelHandlerContext ctx, String path, boolean head,
        boolean keepAlive) {
      PreparedResponse p = router.prepared(path);
      if (p == null) {
        return false;
      }
      finish(ctx, p.bytes(keepAlive, head), keepAlive);
      return true;
    }

    private void finish(ChannelHandlerContext ctx, ByteBuf last, boolean keepAlive) {
      if (keepAlive) {
        ctx.writeAndFlush(last, ctx.voidPromise());
      } else {
        ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
      }
    }

    /** Counts, answers {@code status} with {@code message}, closes, and ignores what follows. */
    private void refuse(ChannelHandlerContext ctx, int status, String message) {
      refused.increment();
      refusing = true;
      request = null;
      if (body != null) {
        body.release();
        body = null;
      }
      LOG.debug("API request from {} refused: {} {}", ctx.channel().remoteAddress(), status,
          message);
      ApiResponse r = ApiResponse.error(status, message);
      finish(ctx, Unpooled.wrappedBuffer(PreparedResponse.head(r, false), r.body()), false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (body != null) {
        body.release();
        body = null;
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!(cause instanceof ReadTimeoutException)) {
        LOG.debug("API connection {} failed: {}", ctx.channel().remoteAddress(),
            cause.toString());
      }
      ctx.close();
    }
  }
}
