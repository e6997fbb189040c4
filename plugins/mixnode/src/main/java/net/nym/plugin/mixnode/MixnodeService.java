package net.nym.plugin.mixnode;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.mixnet.cli.IpLiterals;
import net.nym.mixnet.http.NodeApi;
import net.nym.mixnet.http.NodeHttpServer;
import net.nym.mixnet.metrics.PacketCounters;
import net.nym.mixnet.node.MixServer;
import net.nym.mixnet.node.MixServerSettings;
import org.slf4j.Logger;

/**
 * One running mixnode: the mix port ({@link MixServer}) and the HTTP API ({@link NodeHttpServer})
 * on the host's shared event loops. Made by {@link MixnodeServiceFactory}; started once, stopped
 * once (idempotent). Every started instance is also stopped when the plugin stops, so the host's
 * shutdown (SIGTERM, Ctrl-C) always persists the replay filter before the event loops go away.
 */
public final class MixnodeService implements NymService {
  private static final Set<MixnodeService> RUNNING = ConcurrentHashMap.newKeySet();

  private final String id;
  private final MixnodeConfig config;
  private final MixServerSettings settings;
  private final Ed25519KeyPair identity;
  private final X25519KeyPair sphinx;
  private final EventLoopGroup group;
  private final String version;
  private final Logger log;
  private MixServer server;
  private NodeHttpServer http;
  private volatile Health.Status status = Health.Status.STARTING;
  private volatile String detail = "";

  MixnodeService(
      String id,
      MixnodeConfig config,
      MixServerSettings settings,
      Ed25519KeyPair identity,
      X25519KeyPair sphinx,
      EventLoopGroup group,
      String version,
      Logger log) {
    this.id = id;
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
    return MixnodeServiceFactory.KIND;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized void start() throws Exception {
    if (server != null) {
      throw new IllegalStateException("mixnode '" + id + "' was already started");
    }
    server = new MixServer(settings, sphinx, group, null, Clock.systemUTC());
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      status = Health.Status.DOWN;
      detail = e.getMessage();
      throw e;
    }
    long started = System.currentTimeMillis();
    MixnodeConfig.Description d = config.description();
    NodeApi.Description description =
        new NodeApi.Description(d.name(), d.link(), "", d.description(), d.location());
    try {
      http =
          NodeApi.install(
                  new NodeHttpServer(),
                  started,
                  () -> description,
                  new NodeApi.BuildInformation("nym-mixnode", version, "", "", "", ""),
                  server.counters())
              .start(group, httpBind());
    } catch (IOException e) {
      server.stop();
      status = Health.Status.DOWN;
      detail = e.getMessage();
      throw e;
    }
    RUNNING.add(this);
    status = Health.Status.UP;
    log.info(
        "mixnode '{}' up: identity {}, sphinx key {}, mix port {}, HTTP API {}",
        id,
        identity.publicKey().toBase58(),
        sphinx.publicKey().toBase58(),
        server.localAddress(),
        http.localAddress());
  }

  private InetSocketAddress httpBind() {
    return new InetSocketAddress(
        IpLiterals.parse(config.http().bindAddress()), config.http().port());
  }

  @Override
  public synchronized void stop() {
    if (server == null || status == Health.Status.DOWN) {
      status = Health.Status.DOWN;
      return;
    }
    status = Health.Status.DOWN;
    detail = "stopped";
    if (http != null) {
      http.close();
    }
    server.stop();
    RUNNING.remove(this);
  }

  @Override
  public Health health() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    MixServer s = server;
    if (s != null && s.isRunning()) {
      PacketCounters.Snapshot c = s.counters().snapshot();
      metrics.put("mix_port", s.localAddress().getPort());
      metrics.put("http_port", http == null ? 0 : http.localAddress().getPort());
      metrics.put("packets_received", c.received());
      metrics.put("packets_sent", c.sent());
      metrics.put("packets_dropped", c.droppedTotal());
      metrics.put("connections_refused", c.refusedTotal());
      metrics.put("inbound_connections", s.inboundConnections());
      metrics.put("held_packets", s.heldPackets());
      metrics.put("queued_packets", s.outbound().queuedTotal());
      int unreachable = s.outbound().unreachable();
      metrics.put("unreachable_next_hops", unreachable);
      if (status == Health.Status.UP && unreachable > 0) {
        return new Health(
            Health.Status.DEGRADED,
            unreachable + " next hop(s) unreachable, packets queued for them",
            metrics);
      }
    }
    return new Health(status, detail, metrics);
  }

  /** The mix port's address once started (port 0 in the config gives a free port). */
  public InetSocketAddress mixAddress() {
    return server.localAddress();
  }

  /** The HTTP API's address once started. */
  public InetSocketAddress httpAddress() {
    return http.localAddress();
  }

  /** The mixing engine (counters, queues), once started. */
  public MixServer server() {
    return server;
  }

  /** The replay filter file. */
  public Path replayFile() {
    return settings.replayFile();
  }

  /** Stops every instance still running in this process (the plugin's stop). */
  static void stopAll() {
    for (MixnodeService s : RUNNING.toArray(new MixnodeService[0])) {
      s.stop();
    }
  }
}
