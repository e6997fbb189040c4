package net.nym.plugin.validator.raft;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop HTTP load generator on Netty: {@code clients} keep-alive connections, each sending
 * its next GET as soon as the previous answer arrived; latencies after a warm-up are recorded.
 */
final class HttpLoad {
  private HttpLoad() {}

  static long[] run(EventLoopGroup group, InetSocketAddress server, String path, int clients,
      int perClient, int warmup) throws InterruptedException {
    long[] latencies = new long[clients * perClient];
    AtomicInteger slot = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(clients);
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                new SimpleChannelInboundHandler<FullHttpResponse>() {
                  private int sent;
                  private long start;

                  @Override
                  public void channelActive(ChannelHandlerContext ctx) {
                    send(ctx);
                  }

                  private void send(ChannelHandlerContext ctx) {
                    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                        HttpMethod.GET, path);
                    req.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
                    sent++;
                    start = System.nanoTime();
                    ctx.writeAndFlush(req);
                  }

                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                    long d = System.nanoTime() - start;
                    if (r.status().code() != 200) {
                      failures.incrementAndGet();
                    }
                    if (sent > warmup) {
                      latencies[slot.getAndIncrement()] = d;
                    }
                    if (sent < warmup + perClient) {
                      send(ctx);
                    } else {
                      ctx.close();
                      done.countDown();
                    }
                  }
                });
          }
        });
    for (int i = 0; i < clients; i++) {
      b.connect(server);
    }
    if (!done.await(120, TimeUnit.SECONDS) || failures.get() > 0) {
      throw new IllegalStateException("load run incomplete: " + failures.get() + " failures");
    }
    long[] out = Arrays.copyOf(latencies, slot.get());
    Arrays.sort(out);
    return out;
  }
}
