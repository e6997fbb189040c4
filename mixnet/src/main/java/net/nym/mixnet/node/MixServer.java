package net.nym.mixnet.node;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.nym.api.NetTransport;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketType;
import net.nym.crypto.sphinx.FinalHop;
import net.nym.crypto.sphinx.ForwardHop;
import net.nym.crypto.sphinx.PartiallyUnwrappedPacket;
import net.nym.crypto.sphinx.ProcessedPacket;
import net.nym.crypto.sphinx.SphinxException;
import net.nym.crypto.sphinx.SphinxProcessor;
import net.nym.mixnet.forward.DelayScheduler;
import net.nym.mixnet.forward.OutboundConnections;
import net.nym.mixnet.forward.Outgoing;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FrameDecoder;
import net.nym.mixnet.metrics.DropReason;
import net.nym.mixnet.metrics.PacketCounters;
import net.nym.mixnet.metrics.Refusal;
import net.nym.mixnet.replay.ReplayFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's mix port: receives framed Sphinx packets, unwraps one layer, drops replays, holds each
 * forward hop for its (clamped) delay and sends it on; final hops go to the {@link
 * FinalHopHandler}.
 *
 * <p>Threads: Netty's event loops (the group passed in) only accept connections and decode
 * frames; the thread that releases a packet writes it to its next hop ({@link
 * OutboundConnections}, whose own I/O thread connects and finishes writes a socket could not take);
 * Sphinx processing and the replay check run on the server's {@link SphinxWorkerPool}; the delays
 * on the {@link DelayScheduler}'s thread, shared by every server on the same event loop group (each
 * with its own capacity, counters and shutdown); persistence and the counters' interval run on one
 * maintenance thread.
 *
 * <p>Limits: at most {@code maxConnections} inbound connections (further ones are closed at once
 * and counted), an idle timeout for connections that send nothing, a maximum packet size, and
 * bounded queues everywhere (workers, scheduler, per next hop), each overflow dropped and counted.
 * Bad input only ever closes the offending connection.
 *
 * <p>{@link #start} once, {@link #stop} once (idempotent). Not reusable.
 */
public final class MixServer {
  private static final Logger LOG = LoggerFactory.getLogger(MixServer.class);

  private final MixServerSettings settings;
  private final EventLoopGroup group;
  private final SphinxProcessor processor;
  private final FinalHopHandler finalHops;
  private final Clock clock;
  private final PacketCounters counters = new PacketCounters();
  private final AtomicInteger inbound = new AtomicInteger();
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private ReplayFilter replay;
  private SphinxWorkerPool<Arrival> workers;
  private DelayScheduler.Lane scheduler;
  private OutboundConnections outbound;
  private ScheduledExecutorService maintenance;
  private Channel serverChannel;
  private InetSocketAddress boundAddress;
  private volatile boolean running;
  private boolean stopped;

  /**
   * @param settings ports, limits and files
   * @param sphinxKey the node's Sphinx (X25519) key
   * @param group the event loops for the server and the outbound connections (NIO)
   * @param finalHops what to do with packets that end here, or {@code null} to drop and count them
   *     ({@link DropReason#FINAL_HOP}), as a mixnode does
   * @param clock wall clock for the replay filter's windows
   */
  public MixServer(
      MixServerSettings settings,
      X25519KeyPair sphinxKey,
      EventLoopGroup group,
      FinalHopHandler finalHops,
      Clock clock) {
    this.settings = settings;
    this.group = group;
    this.processor = new SphinxProcessor(sphinxKey);
    this.finalHops = finalHops;
    this.clock = clock;
  }

  /**
   * Loads the replay filter, starts the threads and binds the mix port.
   *
   * @throws IOException if the port cannot be bound; everything started is released first
   */
  public synchronized void start() throws IOException {
    if (serverChannel != null || stopped) {
      throw new IllegalStateException("a mix server starts once");
    }
    String name = settings.name();
    replay = ReplayFilter.load(settings.replayFile(), settings.replay(), clock);
    outbound = new OutboundConnections("mix-out-" + name, settings.outbound(), counters);
    workers =
        new SphinxWorkerPool<>(
            "sphinx-" + name, settings.workerThreads(), settings.workerQueue(), PacketWorker::new);
    scheduler = acquireScheduler(group).join(settings.maxHeldPackets(), outbound::send, counters);
    maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mix-maintenance-" + name);
              t.setDaemon(true);
              return t;
            });
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NetTransport.serverChannel(group))
            .option(ChannelOption.SO_BACKLOG, 256)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    accept(ch);
                  }
                });
    try {
      serverChannel = b.bind(settings.bind()).syncUninterruptibly().channel();
      boundAddress = (InetSocketAddress) serverChannel.localAddress();
    } catch (Exception e) {
      releaseAfterFailedStart();
      throw new IOException(
          "cannot listen on " + settings.bind() + " for mix packets: " + e.getMessage(), e);
    }
    long persistMillis = settings.replayPersistInterval().toMillis();
    maintenance.scheduleWithFixedDelay(
        this::persistReplay, persistMillis, persistMillis, TimeUnit.MILLISECONDS);
    long statsMillis = settings.statsInterval().toMillis();
    // Fixed delay, not fixed rate: after a slow save, rolls must not bunch up into intervals of
    // almost no length (each interval reports its own length anyway).
    maintenance.scheduleWithFixedDelay(
        this::rollStats, statsMillis, statsMillis, TimeUnit.MILLISECONDS);
    running = true;
    LOG.info(
        "mix port listening on {} ({} sphinx workers, max delay {} ms, replay filter {} tags/window"
            + " of {} s, {} KiB)",
        localAddress(),
        workers.threads(),
        settings.maxForwardDelay().toMillis(),
        settings.replay().capacity(),
        settings.replay().window().toSeconds(),
        settings.replay().memoryBytes() / 1024);
  }

  private void releaseAfterFailedStart() {
    workers.shutdown(Duration.ZERO);
    scheduler.close(Duration.ZERO);
    releaseScheduler(group);
    outbound.close(Duration.ZERO);
    maintenance.shutdownNow();
    stopped = true;
  }

  private void accept(SocketChannel ch) {
    if (!running || inbound.incrementAndGet() > settings.maxConnections()) {
      if (running) {
        inbound.decrementAndGet();
        counters.refused(Refusal.TOO_MANY_CONNECTIONS);
        LOG.debug(
            "refused {}: already {} connections", ch.remoteAddress(), settings.maxConnections());
      }
      ch.close();
      return;
    }
    ch.closeFuture().addListener(f -> inbound.decrementAndGet());
    channels.add(ch);
    long idle = settings.idleTimeout().toMillis();
    ch.pipeline()
        .addLast("idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS))
        .addLast(
            "frames",
            new FrameDecoder(
                settings.maxPacketSize(),
                (ctx, error, detail) -> {
                  counters.refused(Refusal.of(error));
                  LOG.debug(
                      "closed {}: {} ({})", ctx.channel().remoteAddress(), error.label(), detail);
                }))
        .addLast("packets", new InboundHandler());
  }

  /** The delay scheduler of each event loop group. */
  private static final Map<EventLoopGroup, SharedScheduler> SCHEDULERS = new IdentityHashMap<>();

  private static final class SharedScheduler {
    final DelayScheduler scheduler = new DelayScheduler("mix-delay-timer");
    int users;
  }

  /**
   * The delay scheduler shared by the servers on {@code group}, started by the first of them.
   * Servers on one group run in one process (a localnet's mixnodes and gateways share the host's
   * group): one timer thread releases every node's due packets after one wake-up, instead of a
   * thread and a wake-up per node. A node alone in its process has it to itself.
   */
  private static DelayScheduler acquireScheduler(EventLoopGroup group) {
    synchronized (SCHEDULERS) {
      SharedScheduler shared = SCHEDULERS.computeIfAbsent(group, g -> new SharedScheduler());
      shared.users++;
      return shared.scheduler;
    }
  }

  /** The last server of a group to stop stops the scheduler (its lane is closed already). */
  private static void releaseScheduler(EventLoopGroup group) {
    DelayScheduler last = null;
    synchronized (SCHEDULERS) {
      SharedScheduler shared = SCHEDULERS.get(group);
      if (--shared.users == 0) {
        SCHEDULERS.remove(group);
        last = shared.scheduler;
      }
    }
    if (last != null) {
      last.shutdown(Duration.ofSeconds(5));
    }
  }

  /** A decoded frame and when it arrived ({@link System#nanoTime()}). */
  private record Arrival(Frame frame, long nanos) {}

  private final class InboundHandler extends SimpleChannelInboundHandler<Frame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
      long arrival = System.nanoTime();
      counters.received();
      if (frame.type() != PacketType.MIX) {
        counters.dropped(DropReason.UNSUPPORTED_TYPE);
        return;
      }
      if (!workers.submit(new Arrival(frame, arrival))) {
        counters.dropped(DropReason.OVERLOADED);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      workers.wake(); // once per read, not once per packet
      ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        counters.refused(Refusal.IDLE_TIMEOUT);
        LOG.debug(
            "closed {}: idle for {} ms",
            ctx.channel().remoteAddress(),
            settings.idleTimeout().toMillis());
        ctx.close();
      } else {
        ctx.fireUserEventTriggered(evt);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // Resets and broken pipes from peers are expected; nothing to report but the close.
      LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }

  /**
   * One Sphinx worker thread's processing. Packets due at once are collected and handed to the
   * outbound connections together when the pool says so ({@link #flush}): one wake-up of a next
   * hop's event loop for all of them.
   */
  private final class PacketWorker implements SphinxWorkerPool.Worker<Arrival> {
    private final List<Outgoing> due = new ArrayList<>();

    @Override
    public void process(Arrival arrival) {
      Frame frame = arrival.frame();
      ProcessedPacket processed;
      try {
        // As nym-node: verify the MAC and check the replay tag before the blinding multiplication
        // and the payload layer, so a replay costs one scalar multiplication.
        PartiallyUnwrappedPacket unwrapped = processor.unwrap(frame.packet());
        if (replay.checkAndRecord(unwrapped.replayTag())) {
          counters.dropped(DropReason.REPLAYED);
          return;
        }
        processed = unwrapped.finish();
      } catch (SphinxException e) {
        counters.dropped(DropReason.MALFORMED_PACKET);
        LOG.debug("dropped a packet: {}", e.getMessage());
        return;
      }
      if (processed instanceof ForwardHop hop) {
        counters.forwardHop();
        Duration delay = hop.delay();
        if (delay.compareTo(settings.maxForwardDelay()) > 0) {
          counters.excessiveDelay();
          delay = settings.maxForwardDelay();
        }
        Frame next =
            Frame.of(
                settings.outboundFraming(),
                frame.type(),
                frame.rotation(),
                hop.nextPacket().toBytes());
        Outgoing out = new Outgoing(hop.nextHop(), next, arrival.nanos() + delay.toNanos());
        if (scheduler.schedule(out) == DelayScheduler.Decision.DUE) {
          due.add(out);
        }
      } else if (processed instanceof FinalHop hop) {
        counters.finalHop();
        if (finalHops == null) {
          counters.dropped(DropReason.FINAL_HOP);
        } else {
          finalHops.handle(hop, frame);
        }
      }
    }

    @Override
    public void flush() {
      if (!due.isEmpty()) {
        outbound.send(due);
        due.clear();
      }
    }
  }

  private void persistReplay() {
    try {
      replay.save(settings.replayFile());
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot save the replay filter to {}: {}", settings.replayFile(), e.getMessage());
    }
  }

  private void rollStats() {
    PacketCounters.Snapshot s = counters.rollInterval();
    if (s.received() == 0 && s.sent() == 0 && s.droppedTotal() == 0 && s.refusedTotal() == 0) {
      return;
    }
    LOG.info(
        "last {} s: received {}, sent {}, dropped {}, connections refused {}",
        s.millis() / 1000,
        s.received(),
        s.sent(),
        nonZero(s.dropped()),
        nonZero(s.refused()));
  }

  private static <K extends Enum<K>> Map<String, Long> nonZero(Map<K, Long> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach(
        (k, v) -> {
          if (v != 0) {
            out.put(k.name().toLowerCase(java.util.Locale.ROOT), v);
          }
        });
    return out;
  }

  /**
   * Stops: closes the mix port and the inbound connections, lets the workers finish, releases the
   * packets due within the grace period and drains the queues for what is left of it, persists the
   * replay filter and logs what was dropped. Idempotent.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    running = false;
    if (serverChannel == null) {
      return;
    }
    long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
    serverChannel.close().syncUninterruptibly();
    channels.close().awaitUninterruptibly();
    int unprocessed = workers.shutdown(remaining(deadline));
    counters.dropped(DropReason.SHUTDOWN, unprocessed);
    long held = scheduler.close(remaining(deadline));
    releaseScheduler(group);
    long queued = outbound.close(remaining(deadline));
    maintenance.shutdownNow();
    persistReplay();
    LOG.info(
        "mix port {} stopped: dropped {} unprocessed, {} still delayed, {} queued for next hops;"
            + " replay filter saved ({} tags)",
        boundAddress,
        unprocessed,
        held,
        queued,
        replay.size());
  }

  private static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** The bound address (with the real port if 0 was asked for). */
  public InetSocketAddress localAddress() {
    return boundAddress;
  }

  /** The counters. */
  public PacketCounters counters() {
    return counters;
  }

  /** Whether the mix port is serving. */
  public boolean isRunning() {
    return running;
  }

  /** Open inbound connections. */
  public int inboundConnections() {
    return Math.max(0, inbound.get());
  }

  /** Packets held by the delay scheduler. */
  public int heldPackets() {
    return scheduler == null ? 0 : scheduler.size();
  }

  /** Next-hop connections and their queues. */
  public OutboundConnections outbound() {
    return outbound;
  }

  /** The replay filter. */
  public ReplayFilter replayFilter() {
    return replay;
  }

  /** The settings. */
  public MixServerSettings settings() {
    return settings;
  }
}
