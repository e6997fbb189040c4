package net.nym.mixnet.tools;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.nym.api.NetTransport;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.packet.PacketSize;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FrameDecoder;

/**
 * A loopback TCP server that decodes Nym frames and keeps them, with their arrival time, for
 * whoever asks ({@link #poll}). With {@code keep = false} it only counts them (load tests).
 */
public final class FrameSink implements AutoCloseable {

  /**
   * A frame and when it arrived.
   *
   * @param frame the frame
   * @param arrivalNanos {@link System#nanoTime()} at decoding
   */
  public record Received(Frame frame, long arrivalNanos) {}

  /** Told of each frame on the sink's event loop as it arrives, instead of keeping it. */
  @FunctionalInterface
  public interface Listener {
    /**
     * A frame arrived.
     *
     * @param frame the frame
     * @param arrivalNanos {@link System#nanoTime()} at decoding
     */
    void arrived(Frame frame, long arrivalNanos);
  }

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private volatile Listener listener;
  private final AtomicLong count = new AtomicLong();
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Channel server;
  private final boolean keep;

  private FrameSink(EventLoopGroup group, InetSocketAddress bind, boolean keep) {
    this.keep = keep;
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(NetTransport.serverChannel(group))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    channels.add(ch);
                    ch.pipeline()
                        .addLast(new FrameDecoder(PacketSize.largest(), (ctx, e, d) -> {}))
                        .addLast(
                            new SimpleChannelInboundHandler<Frame>() {
                              @Override
                              protected void channelRead0(ChannelHandlerContext ctx, Frame f) {
                                long now = System.nanoTime();
                                Listener l = listener;
                                if (l != null) {
                                  l.arrived(f, now);
                                }
                                // After the listener (who sees the count sees its work), before
                                // the queue (as before listeners existed).
                                count.incrementAndGet();
                                if (l == null && FrameSink.this.keep) {
                                  received.add(new Received(f, now));
                                }
                              }
                            });
                  }
                })
            .bind(bind)
            .syncUninterruptibly()
            .channel();
  }

  /** A sink on a free loopback port that keeps every frame. */
  public static FrameSink start(EventLoopGroup group) {
    return new FrameSink(group, new InetSocketAddress("127.0.0.1", 0), true);
  }

  /** A sink on {@code bind}; {@code keep = false} only counts frames. */
  public static FrameSink start(EventLoopGroup group, InetSocketAddress bind, boolean keep) {
    return new FrameSink(group, bind, keep);
  }

  /** The routing address of this sink. */
  public NodeAddress address() {
    return NodeAddress.of((InetSocketAddress) server.localAddress());
  }

  /** Waits up to {@code timeout} for the next frame; {@code null} if none came. */
  public Received poll(long timeout, TimeUnit unit) throws InterruptedException {
    return received.poll(timeout, unit);
  }

  /**
   * Hands every frame that arrives from now on to {@code listener} (on the sink's event loop)
   * instead of keeping it for {@link #poll}, or keeps frames again if it is {@code null}. A load
   * generator uses it to record arrival times without holding the frames, whose garbage would
   * otherwise outlive young collections in its JVM.
   */
  public void listen(Listener listener) {
    this.listener = listener;
  }

  /** Frames received so far. */
  public long count() {
    return count.get();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    channels.close().awaitUninterruptibly();
  }
}
