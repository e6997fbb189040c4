package net.nym.client.core.engine;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import net.nym.client.core.chunking.Chunker;
import net.nym.client.core.chunking.Fragment;
import net.nym.client.core.chunking.FragmentIdentifier;
import net.nym.client.core.chunking.MessageReconstructor;
import net.nym.client.core.gateway.GatewayConnection;
import net.nym.client.core.message.AnonymousSenderTag;
import net.nym.client.core.message.MessageFormatException;
import net.nym.client.core.message.NymMessage;
import net.nym.client.core.message.RepliableMessage;
import net.nym.client.core.message.ReplyMessage;
import net.nym.client.core.message.SurbList;
import net.nym.client.core.packet.OwnCovers;
import net.nym.client.core.packet.PacketPreparer;
import net.nym.client.core.packet.PacketReceiver;
import net.nym.client.core.packet.PreparedPacket;
import net.nym.client.core.packet.Received;
import net.nym.client.core.packet.Route;
import net.nym.client.core.topology.Topology;
import net.nym.client.core.topology.TopologyNode;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.sphinx.ReplySurb;
import net.nym.mixnet.framing.KeyRotation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Nym client (Nym's {@code client-core} {@code BaseClient}): gateway session with
 * reconnection, periodic topology refresh, the Loopix streams, SURB-ack based retransmission,
 * exactly-once delivery, anonymous replies.
 *
 * <p>Threads: a small pool of preparers (fragment → SURB-ack, payload encryption, Sphinx packet;
 * as many as there are cores, at most {@value #MAX_PREPARERS}); one stream thread that keeps the
 * next deadline of each Poisson stream (the real stream, which sends a prepared packet or else a
 * loop cover packet, and the loop cover stream) and parks until the earlier one; the gateway
 * session's reader thread ({@code -gateway}), which reads, decrypts and handles pushed messages in
 * order; one scheduler (ack timers, topology refresh, reconnection). Senders write their frames
 * to the gateway's socket themselves. With the main Poisson distribution
 * disabled (Nym's {@code --no-cover}) the preparers hand each packet to the gateway as soon as it
 * is ready, as Nym's {@code OutQueueControl::poll_immediate} does; without a cover stream either,
 * there is no stream thread.
 */
public final class NymClient implements AutoCloseable {
  /** Reply SURBs asked for at most in one request (Nym's maximum allowed). */
  static final int MAX_SURB_REQUEST = 500;
  private static final Logger LOG = LoggerFactory.getLogger(NymClient.class);

  /** Receives messages and problems for the application. */
  public interface Events {
    /** A message for the application (exactly once per message). */
    void onMessage(ReceivedMessage message);

    /** Something the application should know about (e.g. the gateway stays unreachable). */
    void onError(String message);
  }

  /** Where the topology comes from. */
  @FunctionalInterface
  public interface TopologySource {
    /** The current topology. */
    Topology fetch() throws IOException;
  }

  private record Outgoing(Fragment fragment, Recipient recipient, AnonymousSenderTag replyTo) {}

  private record Pending(Outgoing out, ScheduledFuture<?> timer, List<NodeAddress> mixes) {}

  /** A real packet ready to go, with what its ack bookkeeping needs. */
  private record Prepared(PreparedPacket packet, Outgoing out, List<NodeAddress> mixes) {}

  /** Preparer threads at most. */
  static final int MAX_PREPARERS = 4;

  /** Real packets prepared ahead of the Poisson real stream. */
  static final int READY_AHEAD = 64;

  /**
   * Real packets sent and not yet acknowledged (or timed out) at most. Without a bound, a client
   * that prepares faster than the mixnet forwards ({@code --no-cover}) fills the nodes' queues
   * until packets take longer than their ack timeout, and every retransmission lengthens the
   * queues further. 256 packets in flight carry 1 MB/s at up to ~400 ms of round trip.
   */
  static final int MAX_UNACKNOWLEDGED = 256;

  /** Consecutive unacknowledged packets after which a mixnode is avoided while others exist. */
  static final int SUSPECT_AFTER = 3;

  /** SURBs kept back per sender for asking for more. */
  static final int SURB_RESERVE = 2;

  private final ClientKeys keys;
  private final Recipient self;
  private final TopologySource topologySource;
  private final TrafficSettings settings;
  private final ReplyStorage storage;
  private final Events events;
  private final SecureRandom random = new ClientRandom();
  private final PacketPreparer preparer;
  private final PacketReceiver receiver;
  private final MessageReconstructor reconstructor = new MessageReconstructor();
  private final LinkedBlockingDeque<Outgoing> queue = new LinkedBlockingDeque<>();
  private final Map<FragmentIdentifier, Pending> pending = new ConcurrentHashMap<>();
  private final Map<AnonymousSenderTag, Deque<Fragment>> waitingForSurbs = new HashMap<>();
  private final ScheduledExecutorService scheduler;
  private final List<Thread> threads = new ArrayList<>();
  private final LinkedBlockingQueue<Prepared> ready = new LinkedBlockingQueue<>(READY_AHEAD);
  /** One permit per real packet in flight: taken before preparing it, back at its ack. */
  private final Semaphore window = new Semaphore(MAX_UNACKNOWLEDGED);
  private final String name;
  private final Map<NodeAddress, Integer> failures = new ConcurrentHashMap<>();
  private final Map<AnonymousSenderTag, Long> lastSurbRequest = new ConcurrentHashMap<>();
  private final AtomicLong realSent = new AtomicLong();
  private final AtomicLong coverSent = new AtomicLong();
  private final AtomicLong retransmissions = new AtomicLong();
  private volatile Topology topology;
  private volatile GatewayConnection connection;
  private volatile boolean running;
  private Duration topologyRefresh = Duration.ofMinutes(5);
  private Duration reconnectBackoff = Duration.ofSeconds(5);
  private int reconnectAttempts = 10;

  /** A client; call {@link #start()}. */
  public NymClient(ClientKeys keys, TopologySource topologySource, TrafficSettings settings,
      ReplyStorage storage, Events events) {
    this.keys = keys;
    this.self = keys.address();
    this.topologySource = topologySource;
    this.settings = settings;
    this.storage = storage;
    this.events = events;
    OwnCovers covers = new OwnCovers();
    this.preparer = new PacketPreparer(self, keys.ackKey(), random, covers);
    this.receiver = new PacketReceiver(keys.encryption(), keys.ackKey(), storage::takeKey,
        covers);
    this.name = "nym-client-" + self.identity().toBase58().substring(0, 8);
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(1, r -> daemon(r, name + "-timer"));
    // An acknowledged packet's timer leaves the queue when cancelled; left in it, each would wake
    // the timer thread once at its deadline to do nothing (one wake-up per packet sent).
    timers.setRemoveOnCancelPolicy(true);
    this.scheduler = timers;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Sets how often the topology is refreshed (default 5 min); before {@link #start()}. */
  public NymClient topologyRefresh(Duration d) {
    this.topologyRefresh = d;
    return this;
  }

  /** Sets the reconnection backoff and attempts (default 10 × 5 s); before {@link #start()}. */
  public NymClient reconnection(Duration backoff, int attempts) {
    this.reconnectBackoff = backoff;
    this.reconnectAttempts = attempts;
    return this;
  }

  /** Our address. */
  public Recipient address() {
    return self;
  }

  /**
   * Fetches the topology, opens the gateway session and starts the streams.
   *
   * @throws IOException if the topology or the gateway is unavailable
   */
  public synchronized void start() throws IOException {
    topology = usableTopology(topologySource.fetch());
    // Running before the session opens: a session lost at once is then reconnected.
    running = true;
    try {
      connect();
    } catch (IOException | RuntimeException e) {
      running = false;
      throw e;
    }
    int preparers = Math.max(1, Math.min(MAX_PREPARERS,
        Runtime.getRuntime().availableProcessors()));
    for (int i = 0; i < preparers; i++) {
      threads.add(daemon(this::prepareLoop, name + "-prepare-" + i));
    }
    if (!settings.disableMainPoissonPacketDistribution()
        || !settings.disableLoopCoverTrafficStream()) {
      threads.add(daemon(this::streams, name + "-stream"));
    }
    threads.forEach(Thread::start);
    long refresh = topologyRefresh.toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshTopology, refresh, refresh,
        TimeUnit.MILLISECONDS);
    LOG.info("client {} started (gateway {}, epoch {})", self, keys.gateway(),
        topology.epoch());
  }

  private Topology usableTopology(Topology t) throws IOException {
    if (!t.routable()) {
      throw new IOException("the topology of epoch " + t.epoch()
          + " is not routable (each layer needs a mixnode, and a gateway is needed)");
    }
    if (t.gateway(keys.gateway()).isEmpty()) {
      throw new IOException("our gateway " + keys.gateway() + " is not in the topology");
    }
    return t;
  }

  private void refreshTopology() {
    try {
      topology = usableTopology(topologySource.fetch());
    } catch (IOException | RuntimeException e) {
      LOG.warn("topology refresh failed, keeping epoch {}: {}", topology.epoch(),
          e.getMessage());
    }
  }

  private void connect() throws IOException {
    TopologyNode gw = topology.gateway(keys.gateway()).orElseThrow();
    connection = GatewayConnection.authenticate(gw.websocketUri(), keys.identity(),
        keys.gatewayKey(), new GatewayConnection.Listener() {
          @Override
          public void onMessage(byte[] message) {
            try {
              handle(message);
            } catch (RuntimeException e) {
              LOG.warn("could not handle a pushed message: {}", e.toString());
            }
          }

          @Override
          public void onClosed(String reason) {
            if (running) {
              LOG.warn("gateway session lost: {}; reconnecting", reason);
              scheduler.execute(() -> reconnect(1));
            }
          }
        }, name + "-gateway", random);
  }

  private void reconnect(int attempt) {
    if (!running) {
      return;
    }
    try {
      connect();
      LOG.info("gateway session restored after {} attempt(s)", attempt);
      // Unacknowledged packets are resent by their ack timers.
    } catch (IOException e) {
      if (attempt >= reconnectAttempts) {
        LOG.error("gateway unreachable after {} attempts: {}", attempt, e.getMessage());
        events.onError("the gateway is unreachable: " + e.getMessage());
        scheduler.schedule(() -> reconnect(1), reconnectBackoff.toMillis() * 4,
            TimeUnit.MILLISECONDS);
        return;
      }
      scheduler.schedule(() -> reconnect(attempt + 1), reconnectBackoff.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  // ---------------------------------------------------------------- sending

  /** Queues a plain message to {@code recipient}. */
  public void send(Recipient recipient, byte[] data) {
    enqueue(new NymMessage.Plain(data), recipient);
  }

  /**
   * Queues a repliable message with {@code surbs} reply SURBs; the recipient can answer without
   * learning our address.
   *
   * @throws IOException if the reply keys cannot be stored
   */
  public void sendAnonymous(Recipient recipient, byte[] data, int surbs) throws IOException {
    try {
      AnonymousSenderTag tag = storage.senderTag(recipient, random);
      RepliableMessage m = RepliableMessage.data(tag, data, makeSurbs(surbs));
      enqueue(new NymMessage.Repliable(m), recipient);
    } catch (SQLException e) {
      throw new IOException("cannot store reply keys: " + e.getMessage(), e);
    }
  }

  private SurbList makeSurbs(int n) throws SQLException {
    List<ReplySurb> surbs = new ArrayList<>(n);
    Topology t = topology;
    for (int i = 0; i < n; i++) {
      ReplySurb s = preparer.replySurb(t.route(keys.gateway(), settings.averagePacketDelay(),
          random));
      storage.storeKey(s.encryptionKey());
      surbs.add(s);
    }
    return new SurbList(surbs, KeyRotation.UNKNOWN);
  }

  /**
   * Queues a reply to the anonymous sender with this tag, through its SURBs; asks for more SURBs
   * first if there are too few.
   *
   * @throws IOException if we hold no SURB at all for this tag
   */
  public void reply(AnonymousSenderTag tag, byte[] data) throws IOException {
    List<Fragment> fs = Chunker.fragments(new NymMessage.Reply(ReplyMessage.data(data)),
        PacketSize.REGULAR, random);
    try {
      int have = storage.surbCount(tag);
      if (have == 0) {
        throw new IOException("no reply SURBs for sender tag " + tag);
      }
      synchronized (waitingForSurbs) {
        Deque<Fragment> waiting = waitingForSurbs.computeIfAbsent(tag, k -> new ArrayDeque<>());
        if (have >= fs.size() + waiting.size()) {
          fs.forEach(f -> queue.add(new Outgoing(f, null, tag)));
          return;
        }
        waiting.addAll(fs);
      }
      requestSurbs(tag, fs.size() + 10);
    } catch (SQLException e) {
      throw new IOException("reply SURB store: " + e.getMessage(), e);
    }
  }

  /** Asks for more SURBs (at most every 5 s per sender) when only a reserve is left. */
  private void keepSurbReserve(AnonymousSenderTag tag) {
    try {
      if (storage.surbCount(tag) > SURB_RESERVE) {
        return;
      }
    } catch (SQLException e) {
      return;
    }
    long now = System.nanoTime();
    Long last = lastSurbRequest.get(tag);
    if (last != null && now - last < TimeUnit.SECONDS.toNanos(5)) {
      return;
    }
    lastSurbRequest.put(tag, now);
    requestSurbs(tag, 20);
  }

  private void requestSurbs(AnonymousSenderTag tag, int amount) {
    NymMessage req = new NymMessage.Reply(ReplyMessage.surbRequest(self,
        Math.min(amount, MAX_SURB_REQUEST)));
    for (Fragment f : Chunker.fragments(req, PacketSize.REGULAR, random)) {
      queue.addFirst(new Outgoing(f, null, tag));
    }
    LOG.debug("asked sender {} for {} more reply SURBs", tag, amount);
  }

  private void enqueue(NymMessage m, Recipient recipient) {
    for (Fragment f : Chunker.fragments(m, PacketSize.REGULAR, random)) {
      queue.add(new Outgoing(f, recipient, null));
    }
  }

  /** Fragments waiting to be sent. */
  public int queued() {
    return queue.size();
  }

  /** Prepares queued fragments; sends them at once or leaves them to the Poisson stream. */
  private void prepareLoop() {
    boolean immediate = settings.disableMainPoissonPacketDistribution();
    while (running) {
      try {
        window.acquire();
        Prepared p;
        try {
          p = prepare(queue.takeFirst());
        } catch (InterruptedException | RuntimeException e) {
          window.release();
          throw e;
        }
        if (p == null) {
          window.release();
          continue;
        }
        if (immediate) {
          transmitReal(p);
        } else {
          ready.put(p);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("could not prepare a packet: {}", e.toString());
      }
    }
  }

  /**
   * The two Poisson streams on one thread: each keeps its next deadline (the previous deadline
   * plus a fresh exponential sample, as Nym's streams reset their timers), and the thread parks
   * until the earlier one.
   */
  private void streams() {
    long never = Long.MAX_VALUE;
    long now = System.nanoTime();
    boolean poisson = !settings.disableMainPoissonPacketDistribution();
    boolean loop = !settings.disableLoopCoverTrafficStream();
    long nextReal = poisson ? now + sample(settings.messageSendingAverageDelay()) : never;
    long nextLoop = loop ? now + sample(settings.loopCoverAverageDelay()) : never;
    while (running) {
      boolean realFirst = nextLoop == never || (nextReal != never && nextReal - nextLoop <= 0);
      long due = realFirst ? nextReal : nextLoop;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
        if (Thread.interrupted()) {
          return;
        }
        continue;
      }
      try {
        if (realFirst) {
          nextReal = due + sample(settings.messageSendingAverageDelay());
          Prepared p = ready.poll();
          if (p != null) {
            transmitReal(p);
          } else {
            sendCover(settings.averagePacketDelay());
          }
        } else {
          nextLoop = due + sample(settings.loopCoverAverageDelay());
          sendCover(settings.loopCoverAverageDelay());
        }
      } catch (RuntimeException e) {
        LOG.warn("could not send a packet: {}", e.toString());
      }
    }
  }

  private long sample(Duration mean) {
    double u = random.nextDouble();
    long nanos = (long) (-Math.log(1 - u) * mean.toNanos());
    return Math.min(nanos, TimeUnit.SECONDS.toNanos(3600));
  }

  private void sendCover(Duration hopDelay) {
    Topology t = topology;
    PreparedPacket p = preparer.loopCover(t.route(keys.gateway(), hopDelay, random),
        t.route(keys.gateway(), settings.averageAckDelay(), random), PacketSize.REGULAR);
    if (transmit(p)) {
      coverSent.incrementAndGet();
    }
  }

  private boolean suspect(NodeAddress a) {
    return failures.getOrDefault(a, 0) >= SUSPECT_AFTER;
  }

  private Route freshRoute(Topology t, net.nym.crypto.keys.Ed25519PublicKey egress,
      Duration delay) {
    return t.route(egress, delay, random, this::suspect);
  }

  private static List<NodeAddress> mixes(Route... routes) {
    List<NodeAddress> out = new ArrayList<>();
    for (Route r : routes) {
      for (int i = 0; i < r.hops().size() - 1; i++) {
        out.add(r.hops().get(i).address());
      }
    }
    return out;
  }

  /** The packet for this fragment over fresh routes; null if it has to wait for reply SURBs. */
  private Prepared prepare(Outgoing out) {
    Topology t = topology;
    PreparedPacket p;
    Route ackRoute = freshRoute(t, keys.gateway(), settings.averageAckDelay());
    List<NodeAddress> used;
    if (out.replyTo() != null) {
      List<ReplySurb> surb;
      try {
        surb = storage.takeSurbs(out.replyTo(), 1);
      } catch (SQLException e) {
        LOG.warn("reply SURB store failed: {}", e.getMessage());
        surb = List.of();
      }
      if (surb.isEmpty()) {
        synchronized (waitingForSurbs) {
          waitingForSurbs.computeIfAbsent(out.replyTo(), k -> new ArrayDeque<>())
              .addFirst(out.fragment());
        }
        LOG.warn("no reply SURB left for {}; a fragment waits for more", out.replyTo());
        return null;
      }
      keepSurbReserve(out.replyTo());
      p = preparer.reply(out.fragment(), surb.get(0), ackRoute, settings.averagePacketDelay());
      used = mixes(ackRoute);
    } else {
      Route route = freshRoute(t, out.recipient().gateway(), settings.averagePacketDelay());
      p = preparer.fragment(out.fragment(), out.recipient(), route, ackRoute);
      used = mixes(route, ackRoute);
    }
    return new Prepared(p, out, used);
  }

  /** Sends a real packet; its ack timer starts now. */
  private void transmitReal(Prepared r) {
    PreparedPacket p = r.packet();
    Duration wait = settings.ackTimeout(p.expectedDelay());
    ScheduledFuture<?> timer = scheduler.schedule(() -> ackTimeout(p.id()), wait.toMillis(),
        TimeUnit.MILLISECONDS);
    Pending old = pending.put(p.id(), new Pending(r.out(), timer, r.mixes()));
    if (old != null) {
      old.timer().cancel(false);
      window.release();
    }
    if (transmit(p)) {
      realSent.incrementAndGet();
    }
  }

  private boolean transmit(PreparedPacket p) {
    GatewayConnection c = connection;
    if (c == null || !c.isOpen()) {
      return false;
    }
    try {
      c.send(p.mixPacket());
      return true;
    } catch (IOException e) {
      LOG.debug("gateway send failed: {}", e.getMessage());
      return false;
    }
  }

  private void ackTimeout(FragmentIdentifier id) {
    Pending p = pending.remove(id);
    if (p != null) {
      window.release();
    }
    if (p != null && running) {
      p.mixes().forEach(a -> failures.merge(a, 1, Integer::sum));
      retransmissions.incrementAndGet();
      LOG.debug("no ack for {} in time; retransmitting over a fresh route", id);
      queue.addFirst(p.out());
    }
  }

  // ---------------------------------------------------------------- receiving

  private void handle(byte[] pushed) {
    Received r = receiver.classify(pushed);
    if (r instanceof Received.Ack a) {
      if (!a.id().isCover()) {
        Pending p = pending.remove(a.id());
        if (p != null) {
          window.release();
          p.timer().cancel(false);
          p.mixes().forEach(failures::remove);
        }
      }
    } else if (r instanceof Received.Unreadable u) {
      LOG.debug("dropped a pushed message: {}", u.reason());
    } else if (r instanceof Received.Data d) {
      reconstructor.insert(d.fragment()).ifPresent(this::complete);
    }
  }

  private void complete(byte[] padded) {
    NymMessage m;
    try {
      m = Chunker.decode(padded);
    } catch (MessageFormatException e) {
      LOG.warn("dropped a reassembled message: {}", e.getMessage());
      return;
    }
    try {
      if (m instanceof NymMessage.Plain p) {
        events.onMessage(new ReceivedMessage(p.data(), Optional.empty()));
      } else if (m instanceof NymMessage.Repliable rep) {
        RepliableMessage body = rep.body();
        storage.addSurbs(body.senderTag(), body.surbs().surbs());
        if (body.kind() == RepliableMessage.Kind.DATA) {
          events.onMessage(new ReceivedMessage(body.data(), Optional.of(body.senderTag())));
        }
        flushWaiting(body.senderTag());
      } else if (m instanceof NymMessage.Reply reply) {
        ReplyMessage body = reply.body();
        if (body.isSurbRequest()) {
          sendAdditionalSurbs(body.surbRequestFrom(),
              (int) Math.min(body.amount(), MAX_SURB_REQUEST));
        } else {
          events.onMessage(new ReceivedMessage(body.data(), Optional.empty()));
        }
      }
    } catch (SQLException e) {
      LOG.warn("reply SURB store failed: {}", e.getMessage());
    }
  }

  private void sendAdditionalSurbs(Recipient to, int amount) throws SQLException {
    AnonymousSenderTag tag = storage.senderTag(to, random);
    enqueue(new NymMessage.Repliable(RepliableMessage.additionalSurbs(tag, makeSurbs(amount))),
        to);
  }

  private void flushWaiting(AnonymousSenderTag tag) throws SQLException {
    synchronized (waitingForSurbs) {
      Deque<Fragment> waiting = waitingForSurbs.get(tag);
      if (waiting == null || waiting.isEmpty()) {
        return;
      }
      int have = storage.surbCount(tag);
      while (have > 0 && !waiting.isEmpty()) {
        queue.add(new Outgoing(waiting.poll(), null, tag));
        have--;
      }
      if (!waiting.isEmpty() && have == 0) {
        throw new SQLException("still " + waiting.size() + " reply fragments without SURBs");
      }
    }
  }

  /** Real packets sent (first transmissions and retransmissions). */
  public long realPacketsSent() {
    return realSent.get();
  }

  /** Loop cover packets sent. */
  public long coverPacketsSent() {
    return coverSent.get();
  }

  /** Retransmissions after a missing ack. */
  public long retransmissions() {
    return retransmissions.get();
  }

  /** Fragments sent and not yet acknowledged. */
  public int unacknowledged() {
    return pending.size();
  }

  /** Stops sending and closes the gateway session (a client going offline); not restartable. */
  public void disconnect() {
    running = false;
    threads.forEach(Thread::interrupt);
    GatewayConnection c = connection;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void close() {
    running = false;
    threads.forEach(Thread::interrupt);
    scheduler.shutdownNow();
    GatewayConnection c = connection;
    if (c != null) {
      c.close();
    }
    LOG.info("client {} stopped", self);
  }
}
