package net.nym.plugin.gateway;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.nym.api.home.NodeHome;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.mixnet.cli.IpLiterals;
import net.nym.mixnet.forward.Outgoing;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.http.NodeApi;
import net.nym.mixnet.http.NodeHttpServer;
import net.nym.mixnet.metrics.PacketCounters;
import net.nym.mixnet.node.MixServer;
import net.nym.mixnet.node.MixServerSettings;
import org.slf4j.Logger;

/**
 * One running gateway: the client websocket port ({@link ClientServer}), the mix port ({@link
 * MixServer} with {@link FinalHopDelivery}), the SQLite {@link Mailbox} and the HTTP API, on the
 * host's shared event loops plus a session worker pool. Made by {@link GatewayServiceFactory};
 * started once, stopped once (idempotent); every started instance is also stopped when the plugin
 * stops.
 */
public final class GatewayService implements NymService {
  private static final Set<GatewayService> RUNNING = ConcurrentHashMap.newKeySet();
  /** How often the sessions' remaining bandwidth is saved, in seconds. */
  private static final long FLUSH_SECONDS = 10;

  private final NodeHome home;
  private final GatewayConfig config;
  private final MixServerSettings settings;
  private final Ed25519KeyPair identity;
  private final X25519KeyPair sphinx;
  private final EventLoopGroup group;
  private final String version;
  private final Logger log;
  private final GatewayCounters counters = new GatewayCounters();
  private Mailbox mailbox;
  private ExecutorService workers;
  private ScheduledExecutorService maintenance;
  private GatewayCore core;
  private MixServer server;
  private ClientServer clients;
  private NodeHttpServer http;
  private volatile Health.Status status = Health.Status.STARTING;
  private volatile String detail = "";

  GatewayService(NodeHome home, GatewayConfig config, MixServerSettings settings,
      Ed25519KeyPair identity, X25519KeyPair sphinx, EventLoopGroup group, String version,
      Logger log) {
    this.home = home;
    this.config = config;
    this.settings = settings;
    this.identity = identity;
    this.sphinx = sphinx;
    this.group = group;
    this.version = version;
    this.log = log;
  }

  @Override
  public String kind() {
    return GatewayServiceFactory.KIND;
  }

  @Override
  public String id() {
    return home.id();
  }

  @Override
  public synchronized void start() throws Exception {
    if (mailbox != null) {
      throw new IllegalStateException("gateway '" + id() + "' was already started");
    }
    home.createDirectories();
    Path db = home.dataDir().resolve(Mailbox.FILE);
    try {
      mailbox = Mailbox.open(db);
    } catch (SQLException e) {
      status = Health.Status.DOWN;
      throw new IOException("cannot open the mailbox " + db + ": " + e.getMessage(), e);
    }
    int threads = config.clients().workerThreads() == 0
        ? Runtime.getRuntime().availableProcessors() : config.clients().workerThreads();
    AtomicInteger n = new AtomicInteger();
    workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "gateway-" + id() + "-session-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gateway-" + id() + "-maintenance");
      t.setDaemon(true);
      return t;
    });
    core = new GatewayCore(config, identity, mailbox, counters, workers, Clock.systemUTC(), log);
    FramingVersion framing = settings.outboundFraming();
    try {
      server = new MixServer(settings, sphinx, group,
          new FinalHopDelivery(core, (hop, frame) -> server.outbound()
              .send(new Outgoing(hop, frame, System.nanoTime())), framing),
          Clock.systemUTC());
      server.start();
      core.forwarder(p -> server.outbound().send(new Outgoing(p.nextHop(),
          Frame.of(framing, p.type(), p.rotation(), p.packet()), System.nanoTime())));
      clients = new ClientServer(core, group).start(new InetSocketAddress(
          IpLiterals.parse(config.clients().bindAddress()), config.clients().port()));
      http = installHttp(System.currentTimeMillis()).start(group, new InetSocketAddress(
          IpLiterals.parse(config.http().bindAddress()), config.http().port()));
    } catch (IOException | RuntimeException e) {
      releaseAfterFailure();
      throw e;
    }
    maintenance.scheduleWithFixedDelay(this::flushBandwidth, FLUSH_SECONDS, FLUSH_SECONDS,
        TimeUnit.SECONDS);
    long clean = config.mailbox().cleanerInterval().toMillis();
    maintenance.scheduleWithFixedDelay(this::deleteStale, clean, clean, TimeUnit.MILLISECONDS);
    RUNNING.add(this);
    status = Health.Status.UP;
    log.info("gateway '{}' up: identity {}, sphinx key {}, clients ws://{}, mix port {},"
            + " HTTP API {}, mailbox {}",
        id(), identity.publicKey().toBase58(), sphinx.publicKey().toBase58(),
        clients.localAddress(), server.localAddress(), http.localAddress(), db);
  }

  private NodeHttpServer installHttp(long started) {
    GatewayConfig.Description d = config.description();
    NodeApi.Description description =
        new NodeApi.Description(d.name(), d.link(), "", d.description(), d.location());
    NodeHttpServer s = NodeApi.install(new NodeHttpServer(), started, () -> description,
        new NodeApi.BuildInformation("nym-gateway", version, "", "", "", ""), server.counters());
    return GatewayApi.install(s, this);
  }

  private void releaseAfterFailure() {
    status = Health.Status.DOWN;
    if (clients != null) {
      clients.close();
    }
    if (server != null) {
      server.stop();
    }
    maintenance.shutdownNow();
    workers.shutdownNow();
    mailbox.close();
  }

  private void flushBandwidth() {
    for (ClientSession s : core.active.values()) {
      s.flushBandwidthLater();
    }
  }

  private void deleteStale() {
    try {
      long cutoff = (System.currentTimeMillis() - config.mailbox().maxMessageAge().toMillis())
          / 1000;
      int n = mailbox.deleteOlderThan(cutoff);
      if (n > 0) {
        counters.add(GatewayCounters.MAILBOX_EXPIRED, n);
        log.info("deleted {} stored messages older than {}", n, config.mailbox().maxMessageAge());
      }
    } catch (SQLException e) {
      counters.add(GatewayCounters.STORAGE_ERRORS);
      log.warn("cannot delete old messages: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void stop() {
    if (mailbox == null || status == Health.Status.DOWN) {
      status = Health.Status.DOWN;
      return;
    }
    status = Health.Status.DOWN;
    detail = "stopped";
    maintenance.shutdownNow();
    if (http != null) {
      http.close();
    }
    int sessions = core.active.size();
    // Queue a bandwidth save in every session before the sockets close; the worker pool runs
    // queued tasks before it terminates below.
    flushBandwidth();
    clients.close();
    server.stop();
    // Let the sessions' close tasks save their bandwidth before the mailbox closes.
    workers.shutdown();
    try {
      if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    long stored = -1;
    try {
      stored = mailbox.countAll();
    } catch (SQLException e) {
      // Reported as -1 in the log line below.
    }
    mailbox.close();
    RUNNING.remove(this);
    log.info("gateway '{}' stopped: closed {} client sessions; {} messages remain stored",
        id(), sessions, stored);
  }

  @Override
  public Health health() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    MixServer s = server;
    if (status == Health.Status.UP && s != null) {
      PacketCounters.Snapshot c = s.counters().snapshot();
      metrics.put("mix_port", s.localAddress().getPort());
      metrics.put("clients_port", clients.localAddress().getPort());
      metrics.put("http_port", http.localAddress().getPort());
      metrics.put("client_connections", clients.openConnections());
      metrics.put("authenticated_clients", core.active.size());
      metrics.put("stored_messages", mailbox.storedCount());
      metrics.put("packets_received", c.received());
      metrics.put("packets_sent", c.sent());
      metrics.put("packets_dropped", c.droppedTotal());
      metrics.putAll(counters.snapshot());
    }
    return new Health(status, detail, metrics);
  }

  /** The client (websocket) port's address once started. */
  public InetSocketAddress clientsAddress() {
    return clients.localAddress();
  }

  /** The mix port's address once started. */
  public InetSocketAddress mixAddress() {
    return server.localAddress();
  }

  /** The HTTP API's address once started. */
  public InetSocketAddress httpAddress() {
    return http.localAddress();
  }

  /** The gateway's identity key. */
  public Ed25519KeyPair identity() {
    return identity;
  }

  /** The gateway's Sphinx key. */
  public X25519KeyPair sphinxKey() {
    return sphinx;
  }

  /** The client-side counters, by event name. */
  public Map<String, Long> events() {
    return counters.snapshot();
  }

  /** Authenticated clients right now. */
  public int authenticatedClients() {
    return core == null ? 0 : core.active.size();
  }

  /** Messages stored in the mailbox right now (kept in memory: cheap, from any thread). */
  public long storedMessages() {
    return mailbox.storedCount();
  }

  /** The mixing engine, once started. */
  public MixServer mixServer() {
    return server;
  }

  GatewayConfig config() {
    return config;
  }

  /** Stops every instance still running in this process (the plugin's stop). */
  static void stopAll() {
    for (GatewayService s : RUNNING.toArray(new GatewayService[0])) {
      s.stop();
    }
  }
}
