package net.nym.mixnet.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import net.nym.api.NetTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.packet.PacketSize;
import net.nym.mixnet.framing.FrameEncoder;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.PacketCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One persistent TCP connection per next hop, each with a bounded queue.
 *
 * <p>{@link #send} may be called from any thread and never blocks: the packet joins its peer's
 * queue (at most {@link Settings#queueCapacity()} packets; beyond that it is dropped and counted as
 * {@link DropReason#QUEUE_FULL}) and the peer's event loop writes queued packets while the
 * connection is writable, so neither the queue nor Netty's outbound buffer grows without bound when
 * a next hop is slow or down. A peer connects on its first packet; after a failure it retries with
 * exponential backoff (initial, doubling, capped at the maximum), and as long as it is down its
 * queue fills and then drops. A connection that closes is re-opened at once if packets are waiting,
 * else on the next packet.
 *
 * <p>As each packet is written, how long after its {@linkplain Outgoing#releaseNanos release time}
 * is counted in {@link PacketCounters#lateness()}.
 *
 * <p>The framing is whatever the packets carry ({@link net.nym.mixnet.framing.Frame#version()});
 * the node chooses version 7 by default, as nym-node does.
 */
public final class OutboundConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundConnections.class);

  /**
   * Connection settings.
   *
   * @param queueCapacity packets queued per next hop (nym-node: 2000)
   * @param maxPeers next hops kept at once; packets to further ones are dropped
   * @param connectTimeout TCP connect timeout (nym-node: 1.5 s)
   * @param initialBackoff wait after the first failed attempt (nym-node: 10 s)
   * @param maxBackoff cap of the doubling wait (nym-node: 300 s)
   */
  public record Settings(
      int queueCapacity,
      int maxPeers,
      Duration connectTimeout,
      Duration initialBackoff,
      Duration maxBackoff) {
    /** Checks the values. */
    public Settings {
      if (queueCapacity < 1 || maxPeers < 1) {
        throw new IllegalArgumentException("queue capacity and max peers must be >= 1");
      }
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }
  }

  /** Bytes of frames gathered into one buffer (one write) at most, unless one frame is larger. */
  private static final int BATCH_BYTES = 64 * 1024;

  /** The longest frame: a v8 header and the largest packet. */
  private static final int MAX_FRAME_BYTES =
      FramingVersion.V8.headerLength() + PacketSize.largest().size();

  private final EventLoopGroup group;
  private final Settings settings;
  private final PacketCounters counters;
  private final Map<NodeAddress, Peer> peers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param group the event loops the connections run on
   * @param settings limits and timeouts
   * @param counters where sent and dropped packets are counted
   */
  public OutboundConnections(EventLoopGroup group, Settings settings, PacketCounters counters) {
    this.group = group;
    this.settings = settings;
    this.counters = counters;
  }

  /** Queues {@code packet} for its next hop; never blocks. Drops are counted. */
  public void send(Outgoing packet) {
    Peer peer = peerFor(packet);
    if (peer != null && peer.enqueue(packet)) {
      peer.flushSoon();
    }
  }

  /**
   * Queues {@code packets} for their next hops, then wakes each next hop's event loop once for all
   * of its packets; never blocks. Drops are counted.
   */
  public void send(List<Outgoing> packets) {
    Peer last = null;
    List<Peer> woken = null;
    for (Outgoing packet : packets) {
      Peer peer = peerFor(packet);
      if (peer == null || !peer.enqueue(packet) || peer == last) {
        continue;
      }
      if (last != null) {
        if (woken == null) {
          woken = new ArrayList<>();
        }
        woken.add(last);
      }
      last = peer;
    }
    if (woken != null) {
      for (Peer p : woken) {
        p.flushSoon(); // flushSoon is idempotent until the loop runs, so repeats cost a CAS
      }
    }
    if (last != null) {
      last.flushSoon();
    }
  }

  /** The peer of {@code packet}'s next hop, created if need be; null if dropped (counted). */
  private Peer peerFor(Outgoing packet) {
    if (closed) {
      counters.dropped(DropReason.SHUTDOWN);
      return null;
    }
    Peer peer = peers.get(packet.nextHop());
    if (peer == null) {
      if (peers.size() >= settings.maxPeers() && !evictOne()) {
        counters.dropped(DropReason.TOO_MANY_PEERS);
        return null;
      }
      peer = peers.computeIfAbsent(packet.nextHop(), a -> new Peer(a, group.next()));
    }
    return peer;
  }

  /**
   * Makes room for a new next hop by forgetting one that holds nothing and is not connected (an
   * idle or dead peer), so that packets naming many bogus next hops cannot lock out real ones.
   */
  private boolean evictOne() {
    for (Map.Entry<NodeAddress, Peer> e : peers.entrySet()) {
      Peer p = e.getValue();
      if (p.queued.get() == 0 && !p.isConnected() && peers.remove(e.getKey(), p)) {
        p.loop.execute(p::forget);
        return true;
      }
    }
    return false;
  }

  /** Packets queued for {@code nextHop} now (0 if unknown). */
  public int queued(NodeAddress nextHop) {
    Peer p = peers.get(nextHop);
    return p == null ? 0 : p.queued.get();
  }

  /** Packets queued for all next hops. */
  public int queuedTotal() {
    return peers.values().stream().mapToInt(p -> p.queued.get()).sum();
  }

  /** The next hops currently connected. */
  public List<NodeAddress> connected() {
    List<NodeAddress> out = new ArrayList<>();
    peers.forEach(
        (a, p) -> {
          if (p.isConnected()) {
            out.add(a);
          }
        });
    return out;
  }

  /** The next hops that have packets waiting but no connection (down or still connecting). */
  public int unreachable() {
    return (int)
        peers.values().stream().filter(p -> p.queued.get() > 0 && !p.isConnected()).count();
  }

  /** The number of next hops known (connected or not). */
  public int peerCount() {
    return peers.size();
  }

  /**
   * Waits up to {@code grace} for the queues to drain, then closes every connection and drops (and
   * counts) what is still queued.
   *
   * @return the number of packets dropped
   */
  public long close(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    for (Peer p : peers.values()) {
      p.flushSoon();
    }
    while (queuedTotal() > 0 && System.nanoTime() - deadline < 0) {
      if (peers.values().stream().allMatch(p -> p.queued.get() == 0 || !p.isConnected())) {
        break;
      }
      try {
        Thread.sleep(10); // polling a shutdown deadline, not synchronising a test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closed = true;
    long dropped = 0;
    for (Peer p : peers.values()) {
      dropped += p.shutdown();
    }
    counters.dropped(DropReason.SHUTDOWN, dropped);
    return dropped;
  }

  @Override
  public void close() {
    close(Duration.ZERO);
  }

  /** One next hop. All fields but the queue and the atomics are touched only on {@code loop}. */
  private final class Peer {
    private final NodeAddress address;
    private final EventLoop loop;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flushTask = this::flush;
    private Channel channel;
    private boolean connecting;
    private boolean retryScheduled;
    private long backoffMillis;
    private boolean down;
    private boolean forgotten;
    private volatile boolean active;

    Peer(NodeAddress address, EventLoop loop) {
      this.address = address;
      this.loop = loop;
    }

    boolean isConnected() {
      return active;
    }

    /** Adds {@code packet} to the queue; false if the queue is full (the drop is counted). */
    boolean enqueue(Outgoing packet) {
      if (queued.incrementAndGet() > settings.queueCapacity()) {
        queued.decrementAndGet();
        counters.dropped(DropReason.QUEUE_FULL);
        return false;
      }
      queue.add(packet);
      return true;
    }

    void flushSoon() {
      if (flushScheduled.compareAndSet(false, true)) {
        loop.execute(flushTask);
      }
    }

    /**
     * On {@code loop}: writes what is queued while the connection is writable, several frames per
     * buffer (one write, one promise, one listener per {@value #BATCH_BYTES} bytes) and one flush
     * (one syscall) at the end.
     */
    private void flush() {
      flushScheduled.set(false);
      if (closed) {
        return;
      }
      if (channel == null) {
        if (!queue.isEmpty()) {
          connect();
        }
        return;
      }
      if (!channel.isActive()) {
        return; // closing: channelInactive reconnects if packets are waiting
      }
      boolean wrote = false;
      while (channel.isWritable()) {
        Outgoing first = queue.poll();
        if (first == null) {
          break;
        }
        int length = first.frame().encodedLength();
        ByteBuf buf =
            channel.alloc().ioBuffer(Math.min(BATCH_BYTES, (queued.get() + 1) * length));
        int frames = 0;
        long now = System.nanoTime();
        for (Outgoing p = first; p != null; ) {
          FrameEncoder.writeTo(p.frame(), buf);
          counters.lateness().record(now - p.releaseNanos());
          frames++;
          p = buf.writerIndex() + MAX_FRAME_BYTES <= BATCH_BYTES ? queue.poll() : null;
        }
        queued.addAndGet(-frames);
        int n = frames;
        wrote = true;
        channel
            .write(buf)
            .addListener(
                f -> {
                  if (f.isSuccess()) {
                    counters.sent(n);
                  } else {
                    counters.dropped(DropReason.SEND_FAILED, n);
                  }
                });
      }
      if (wrote) {
        channel.flush();
      }
    }

    private void connect() {
      if (connecting || retryScheduled || closed || (forgotten && queue.isEmpty())) {
        return;
      }
      connecting = true;
      Bootstrap b =
          new Bootstrap()
              .group(loop)
              .channel(NetTransport.socketChannel(loop))
              .option(
                  ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
              .option(ChannelOption.TCP_NODELAY, true)
              .option(ChannelOption.SO_KEEPALIVE, true)
              .option(
                  ChannelOption.WRITE_BUFFER_WATER_MARK,
                  new WriteBufferWaterMark(32 * 1024, 128 * 1024))
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline().addLast(new PeerHandler());
                    }
                  });
      ChannelFuture f = b.connect(address.toSocketAddress());
      f.addListener(
          future -> {
            connecting = false;
            if (future.isSuccess()) {
              channel = f.channel();
              active = true;
              backoffMillis = 0;
              if (down) {
                LOG.info("next hop {} reachable again", address);
                down = false;
              }
              if (closed) {
                channel.close();
                return;
              }
              flush();
            } else {
              scheduleRetry(future.cause());
            }
          });
    }

    private void scheduleRetry(Throwable cause) {
      backoffMillis =
          backoffMillis == 0
              ? settings.initialBackoff().toMillis()
              : Math.min(backoffMillis * 2, settings.maxBackoff().toMillis());
      if (!down) {
        LOG.info(
            "next hop {} unreachable ({}); retrying in {} ms, queueing up to {} packets",
            address,
            cause == null ? "closed" : cause.getMessage(),
            backoffMillis,
            settings.queueCapacity());
        down = true;
      }
      retryScheduled = true;
      loop.schedule(
          () -> {
            retryScheduled = false;
            if (!queue.isEmpty()) {
              connect();
            }
          },
          backoffMillis,
          TimeUnit.MILLISECONDS);
    }

    /** Called on {@code loop} after eviction: no more retries; close a lingering channel. */
    void forget() {
      forgotten = true;
      if (channel != null) {
        channel.close();
      }
    }

    long shutdown() {
      int n = 0;
      while (queue.poll() != null) {
        n++;
      }
      queued.addAndGet(-n);
      Channel c = channel;
      if (c != null) {
        c.close();
      }
      return n;
    }

    private final class PeerHandler extends ChannelInboundHandlerAdapter {
      @Override
      public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
          flush();
        }
        ctx.fireChannelWritabilityChanged();
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        io.netty.util.ReferenceCountUtil.release(msg); // peers send nothing back on this link
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        active = false;
        if (channel == ctx.channel()) {
          channel = null;
        }
        if (!closed && !queue.isEmpty()) {
          connect();
        }
        ctx.fireChannelInactive();
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection to {} failed: {}", address, cause.toString());
        ctx.close();
      }
    }
  }
}
