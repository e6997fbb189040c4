package net.nym.mixnet.forward;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>{@link #send} may be called from any thread and never blocks. The thread that releases a
 * packet (a Sphinx worker, or the delay scheduler) writes it to its next hop's socket itself, with
 * a non-blocking write, when the connection is up and nothing is waiting before it: no event loop
 * is woken and no other thread runs for the packet. On the machines this runs on, a thread
 * hand-off (a wake-up, a context switch, an {@code epoll} round) cost more than the write. Several
 * packets released together to one next hop go out in one write (gathered into one buffer of at
 * most {@value #BATCH_BYTES} bytes).
 *
 * <p>Everything else happens on one I/O thread per instance with its own selector: connecting
 * (with a timeout), finishing a write the socket could not take at once (the rest is kept and the
 * thread waits until the socket is writable again; meanwhile new packets queue behind it), noticing
 * that a next hop closed the connection, and retrying with exponential backoff (initial, doubling,
 * capped at the maximum) after a failure. A packet waits in its next hop's queue (at most {@link
 * Settings#queueCapacity()}; beyond that it is dropped and counted as {@link
 * DropReason#QUEUE_FULL}) while the connection is down, connecting or backed up, so neither the
 * queue nor anything else grows without bound when a next hop is slow or down. A connection that
 * closes is re-opened at once if packets are waiting, else on the next packet.
 *
 * <p>As each packet is written, how long after its {@linkplain Outgoing#releaseNanos release time}
 * is counted in {@link PacketCounters#lateness()}; it is counted as sent once the kernel has taken
 * all of it, and as {@link DropReason#SEND_FAILED} if the connection fails first.
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

  /** Bytes of frames gathered into one write at most, unless one frame is larger. */
  private static final int BATCH_BYTES = 64 * 1024;

  /** The longest frame: a v8 header and the largest packet. */
  private static final int MAX_FRAME_BYTES =
      FramingVersion.V8.headerLength() + PacketSize.largest().size();

  /** Each writing thread's buffer for gathering frames (direct: the kernel reads it in place). */
  private static final ThreadLocal<ByteBuffer> SCRATCH =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BATCH_BYTES + MAX_FRAME_BYTES));

  private final Settings settings;
  private final PacketCounters counters;
  private final Map<NodeAddress, Peer> peers = new ConcurrentHashMap<>();
  private final Selector selector;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>(); // I/O thread only
  private final Thread io;
  private volatile boolean closed;

  /** An action the I/O thread runs at a {@link System#nanoTime()} deadline. */
  private record Timer(long dueNanos, Runnable action) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      return Long.compare(dueNanos - o.dueNanos, 0);
    }
  }

  /**
   * Opens the selector and starts the I/O thread.
   *
   * @param name the I/O thread's name
   * @param settings limits and timeouts
   * @param counters where sent and dropped packets are counted
   * @throws IllegalStateException if no selector can be opened (the system is out of descriptors)
   */
  public OutboundConnections(String name, Settings settings, PacketCounters counters) {
    this.settings = settings;
    this.counters = counters;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a selector: " + e.getMessage(), e);
    }
    this.io = new Thread(this::ioLoop, name);
    io.setDaemon(true);
    io.start();
  }

  /** Queues {@code packet} for its next hop and writes what can go now; never blocks. */
  public void send(Outgoing packet) {
    Peer peer = peerFor(packet);
    if (peer != null) {
      peer.lock.lock();
      try {
        if (peer.enqueue(packet)) {
          peer.writeOrConnect();
        }
      } finally {
        peer.lock.unlock();
      }
    }
  }

  /**
   * Queues {@code packets} for their next hops, then writes each next hop's share in as few writes
   * as its socket takes; never blocks. Drops are counted.
   */
  public void send(List<Outgoing> packets) {
    List<Peer> touched = new ArrayList<>(4);
    for (Outgoing packet : packets) {
      Peer peer = peerFor(packet);
      if (peer == null) {
        continue;
      }
      peer.lock.lock();
      try {
        if (!peer.enqueue(packet)) {
          continue;
        }
      } finally {
        peer.lock.unlock();
      }
      if (!touched.contains(peer)) {
        touched.add(peer);
      }
    }
    for (Peer peer : touched) {
      peer.lock.lock();
      try {
        peer.writeOrConnect();
      } finally {
        peer.lock.unlock();
      }
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
      peer = peers.computeIfAbsent(packet.nextHop(), Peer::new);
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
        runOnIo(p::forget);
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
   * Waits up to {@code grace} for the queues to drain, then closes every connection, drops (and
   * counts) what is still queued and stops the I/O thread.
   *
   * @return the number of packets dropped
   */
  public long close(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() - deadline < 0
        && peers.values().stream().anyMatch(p -> p.queued.get() > 0 && p.isConnected())) {
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
    selector.wakeup();
    try {
      io.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return dropped;
  }

  @Override
  public void close() {
    close(Duration.ZERO);
  }

  private void runOnIo(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** The I/O thread: selects, runs queued tasks and due timers, until closed. */
  private void ioLoop() {
    try {
      while (!closed) {
        long timeoutMillis = 0; // 0: no timer, wait for a key or a wake-up
        Timer next = timers.peek();
        if (next != null) {
          long left = next.dueNanos - System.nanoTime();
          timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        selector.select(key -> runSafely(() -> ready(key)), timeoutMillis);
        Runnable task;
        while ((task = tasks.poll()) != null) {
          runSafely(task);
        }
        long now = System.nanoTime();
        while ((next = timers.peek()) != null && next.dueNanos - now <= 0) {
          runSafely(timers.poll().action());
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        LOG.error("outbound connections stopped: {}", e.toString());
      }
    } finally {
      try {
        selector.close();
      } catch (IOException e) {
        LOG.debug("closing the outbound selector: {}", e.toString());
      }
    }
  }

  /**
   * Runs {@code action} on the I/O thread; a key cancelled meanwhile by a writing thread (its
   * connection failed) is expected, anything else is logged, and the thread goes on either way.
   */
  private static void runSafely(Runnable action) {
    try {
      action.run();
    } catch (CancelledKeyException e) {
      // the connection was closed by a writing thread between selection and handling
    } catch (RuntimeException e) {
      LOG.error("outbound connections: {}", e.toString(), e);
    }
  }

  /** On the I/O thread: a registered channel is ready. */
  private void ready(SelectionKey key) {
    Peer peer = (Peer) key.attachment();
    if (!key.isValid()) {
      return;
    }
    if (key.isConnectable()) {
      peer.finishConnect(key);
      return;
    }
    if (key.isReadable()) {
      peer.readAndDiscard(key);
    }
    if (key.isValid() && key.isWritable()) {
      peer.lock.lock();
      try {
        if (key.channel() == peer.channel) {
          peer.drain();
        }
      } finally {
        peer.lock.unlock();
      }
    }
  }

  /**
   * One next hop. Its queue, channel and write state are guarded by {@link #lock}; connecting,
   * backoff and closing run on the I/O thread.
   */
  private final class Peer {
    private final NodeAddress address;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    /** The queue's size, readable without the lock (monitoring, eviction). */
    private final AtomicInteger queued = new AtomicInteger();
    private SocketChannel channel;
    private SelectionKey key;
    /** The unwritten rest of a batch the socket did not take at once, or null. */
    private ByteBuffer rest;
    private int restFrames;
    private boolean connecting;
    private boolean retryScheduled;
    private long backoffMillis;
    private boolean down;
    private boolean forgotten;
    private volatile boolean active;

    Peer(NodeAddress address) {
      this.address = address;
    }

    boolean isConnected() {
      return active;
    }

    /** With the lock: adds {@code packet}; false if the queue is full (the drop is counted). */
    boolean enqueue(Outgoing packet) {
      if (queue.size() >= settings.queueCapacity()) {
        counters.dropped(DropReason.QUEUE_FULL);
        return false;
      }
      queue.add(packet);
      queued.incrementAndGet();
      return true;
    }

    /** With the lock: writes what is queued if the connection is up, else makes sure it comes. */
    void writeOrConnect() {
      if (active) {
        if (rest == null) {
          drain();
        }
        // else the I/O thread finishes the rest when the socket is writable, then the queue
      } else {
        connectSoon();
      }
    }

    /**
     * With the lock: has the I/O thread open a connection, unless one is being opened or a retry
     * is already scheduled.
     */
    private void connectSoon() {
      if (!connecting && !retryScheduled) {
        connecting = true;
        runOnIo(this::connect);
      }
    }

    /**
     * With the lock, on the calling thread: writes the rest of an earlier batch, then the queue in
     * batches, until the queue is empty or the socket takes no more (then the I/O thread waits for
     * it to become writable).
     */
    void drain() {
      if (rest != null) {
        if (!write(rest)) {
          return;
        }
        counters.sent(restFrames);
        rest = null;
      }
      ByteBuffer buf = SCRATCH.get();
      while (!queue.isEmpty()) {
        buf.clear();
        long now = System.nanoTime();
        int frames = 0;
        Outgoing p;
        while ((p = queue.peek()) != null
            && (frames == 0 || buf.position() + p.frame().encodedLength() <= BATCH_BYTES)) {
          queue.poll();
          FrameEncoder.writeTo(p.frame(), buf);
          counters.lateness().record(now - p.releaseNanos());
          frames++;
        }
        queued.addAndGet(-frames);
        buf.flip();
        if (!write(buf)) {
          if (channel != null) {
            rest = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
            restFrames = frames;
          } else {
            counters.dropped(DropReason.SEND_FAILED, frames);
          }
          return;
        }
        counters.sent(frames);
      }
      if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    /**
     * With the lock: one non-blocking write of {@code buf}. True if all of it went; false if the
     * socket took only part (waiting for OP_WRITE now) or the connection failed (closed now).
     */
    private boolean write(ByteBuffer buf) {
      try {
        channel.write(buf);
      } catch (IOException e) {
        LOG.debug("connection to {} failed: {}", address, e.toString());
        lost();
        return false;
      }
      if (!buf.hasRemaining()) {
        return true;
      }
      try {
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      } catch (CancelledKeyException e) {
        lost(); // the selector was closed under us: shutting down
        return false;
      }
      if (Thread.currentThread() != io) {
        selector.wakeup();
      }
      return false;
    }

    /** On the I/O thread: opens a connection (non-blocking), with a timeout. */
    private void connect() {
      lock.lock();
      try {
        if (closed || forgotten || active || channel != null) {
          connecting = false;
          return;
        }
        SocketChannel ch = null;
        try {
          ch = SocketChannel.open();
          ch.configureBlocking(false);
          ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
          ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
          channel = ch;
          if (ch.connect(address.toSocketAddress())) {
            key = ch.register(selector, SelectionKey.OP_READ, this);
            connected();
            return;
          }
          key = ch.register(selector, SelectionKey.OP_CONNECT, this);
        } catch (IOException | RuntimeException e) {
          closeChannel();
          failed(e.getMessage() == null ? e.toString() : e.getMessage());
          return;
        }
        SocketChannel attempt = ch;
        timers.add(
            new Timer(
                System.nanoTime() + settings.connectTimeout().toNanos(),
                () -> {
                  lock.lock();
                  try {
                    if (channel == attempt && connecting) {
                      closeChannel();
                      failed("connect timed out after " + settings.connectTimeout().toMillis() + " ms");
                    }
                  } finally {
                    lock.unlock();
                  }
                }));
      } finally {
        lock.unlock();
      }
    }

    /** On the I/O thread: the pending connect of {@code k} completed or failed. */
    void finishConnect(SelectionKey k) {
      lock.lock();
      try {
        if (k.channel() != channel) {
          k.cancel();
          return;
        }
        try {
          channel.finishConnect();
        } catch (IOException e) {
          closeChannel();
          failed(e.getMessage() == null ? e.toString() : e.getMessage());
          return;
        }
        k.interestOps(SelectionKey.OP_READ);
        connected();
      } finally {
        lock.unlock();
      }
    }

    /** With the lock, on the I/O thread: the connection is up; write what waited for it. */
    private void connected() {
      connecting = false;
      active = true;
      backoffMillis = 0;
      if (down) {
        LOG.info("next hop {} reachable again", address);
        down = false;
      }
      if (closed) {
        lost();
        return;
      }
      drain();
    }

    /** With the lock, on the I/O thread: a connect failed; retry after the backoff. */
    private void failed(String cause) {
      connecting = false;
      backoffMillis =
          backoffMillis == 0
              ? settings.initialBackoff().toMillis()
              : Math.min(backoffMillis * 2, settings.maxBackoff().toMillis());
      if (!down) {
        LOG.info(
            "next hop {} unreachable ({}); retrying in {} ms, queueing up to {} packets",
            address,
            cause,
            backoffMillis,
            settings.queueCapacity());
        down = true;
      }
      retryScheduled = true;
      timers.add(
          new Timer(
              System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis),
              () -> {
                lock.lock();
                try {
                  retryScheduled = false;
                  if (!queue.isEmpty() && !closed && !forgotten) {
                    connecting = true;
                    connect();
                  }
                } finally {
                  lock.unlock();
                }
              }));
    }

    /** On the I/O thread: the next hop sends nothing on this link; EOF or an error closes it. */
    void readAndDiscard(SelectionKey k) {
      ByteBuffer discard = ByteBuffer.allocate(256);
      int n;
      try {
        do {
          discard.clear();
          n = ((SocketChannel) k.channel()).read(discard);
        } while (n > 0);
      } catch (IOException e) {
        n = -1;
      }
      if (n < 0) {
        lock.lock();
        try {
          if (k.channel() == channel) {
            LOG.debug("next hop {} closed the connection", address);
            lost();
          } else {
            k.cancel();
          }
        } finally {
          lock.unlock();
        }
      }
    }

    /**
     * With the lock: the connection is gone. What was only partly written counts as failed; if
     * packets are waiting, a new connection is opened at once.
     */
    private void lost() {
      if (rest != null) {
        counters.dropped(DropReason.SEND_FAILED, restFrames);
        rest = null;
      }
      closeChannel();
      if (!closed && !forgotten && !queue.isEmpty()) {
        connectSoon();
      }
    }

    /** With the lock: closes the channel (if any) and forgets it. */
    private void closeChannel() {
      active = false;
      if (key != null) {
        key.cancel();
        key = null;
      }
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          LOG.debug("closing the connection to {}: {}", address, e.toString());
        }
        channel = null;
      }
    }

    /** On the I/O thread after eviction: no more retries; close a lingering channel. */
    void forget() {
      lock.lock();
      try {
        forgotten = true;
        closeChannel();
      } finally {
        lock.unlock();
      }
    }

    /** Drops what is queued (and a partly written batch), closes the connection. */
    long shutdown() {
      lock.lock();
      try {
        long n = queue.size() + (rest == null ? 0 : restFrames);
        queue.clear();
        queued.set(0);
        rest = null;
        closeChannel();
        return n;
      } finally {
        lock.unlock();
      }
    }
  }
}
