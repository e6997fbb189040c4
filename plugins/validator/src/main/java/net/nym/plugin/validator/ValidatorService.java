package net.nym.plugin.validator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.netty.channel.EventLoopGroup;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.plugin.validator.api.ApiServer;
import net.nym.plugin.validator.api.ValidatorApi;
import net.nym.plugin.validator.ledger.Epoch;
import net.nym.plugin.validator.ledger.Genesis;
import net.nym.plugin.validator.ledger.Tx;
import net.nym.plugin.validator.raft.RaftReplica;
import net.nym.plugin.validator.raft.ReplicaSettings;
import org.slf4j.Logger;

/**
 * One running validator: its Raft replica, the HTTP API on the shared event loops, and the epoch
 * clock: while this validator leads, it checks every {@code epoch_check_interval} whether the
 * current epoch has run its length and, if so, submits a signed {@code advance_epoch}
 * transaction carrying its clock's time (replicas never read their own clocks while applying).
 * Started once, stopped once (idempotent); every started instance is stopped when the plugin
 * stops.
 */
public final class ValidatorService implements NymService {
  private static final Set<ValidatorService> RUNNING = ConcurrentHashMap.newKeySet();

  private final String id;
  private final ReplicaSettings settings;
  private final Genesis genesis;
  private final Ed25519KeyPair identity;
  private final EventLoopGroup group;
  private final InetSocketAddress httpBind;
  private final long epochCheckMillis;
  private final Clock clock;
  private final Logger log;
  private final AtomicBoolean advancing = new AtomicBoolean();
  private RaftReplica replica;
  private ValidatorApi api;
  private ApiServer http;
  private ScheduledExecutorService ticker;
  private volatile Health.Status status = Health.Status.STARTING;
  private volatile String detail = "";

  ValidatorService(String id, ReplicaSettings settings, Genesis genesis, Ed25519KeyPair identity,
      EventLoopGroup group, InetSocketAddress httpBind, long epochCheckMillis, Clock clock,
      Logger log) {
    this.id = id;
    this.settings = settings;
    this.genesis = genesis;
    this.identity = identity;
    this.group = group;
    this.httpBind = httpBind;
    this.epochCheckMillis = epochCheckMillis;
    this.clock = clock;
    this.log = log;
  }

  @Override
  public String kind() {
    return ValidatorServiceFactory.KIND;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized void start() throws Exception {
    if (replica != null) {
      throw new IllegalStateException("validator '" + id + "' was already started");
    }
    replica = new RaftReplica(settings, genesis);
    try {
      replica.start();
      api = new ValidatorApi(id, replica, identity);
      http = new ApiServer(api).start(group, httpBind);
    } catch (IOException | RuntimeException e) {
      if (api != null) {
        api.close();
      }
      replica.close();
      status = Health.Status.DOWN;
      detail = e.getMessage();
      throw e;
    }
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "validator-" + id + "-epochs");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::checkEpoch, epochCheckMillis, epochCheckMillis,
        TimeUnit.MILLISECONDS);
    RUNNING.add(this);
    status = Health.Status.UP;
    if (!genesis.validators().contains(identity.publicKey().toBase58())) {
      log.warn("validator '{}' is not a genesis validator: it replicates the ledger but never"
          + " advances epochs", id);
    }
    log.info("validator '{}' up: chain {}, identity {}, raft {}, {} peers, HTTP API {}", id,
        genesis.chainId(), identity.publicKey().toBase58(), settings.self().address(),
        settings.peers().size(), http.localAddress());
  }

  private void checkEpoch() {
    RaftReplica r = replica;
    if (r == null || !r.isLeader() || !advancing.compareAndSet(false, true)) {
      return;
    }
    try {
      Epoch e = r.stateMachine().read(l -> l.epoch());
      long now = clock.millis();
      long due = e.startMillis() + genesis.params().epochLengthSecs() * 1000;
      if (now < due) {
        advancing.set(false);
        return;
      }
      r.submit(Tx.advanceEpoch(genesis.chainId(), identity, e.id() + 1, now))
          .whenComplete((res, err) -> {
            advancing.set(false);
            if (err != null) {
              log.warn("validator '{}': epoch {} not advanced: {}", id, e.id() + 1,
                  err.getCause() == null ? err.getMessage() : err.getCause().getMessage());
            } else if (res.accepted()) {
              r.stateMachine().read(l -> {
                log.info("epoch {} started: {} mixnodes in layers {}/{}/{}, {} entry and {} exit"
                    + " gateways", l.epoch().id(),
                    l.epoch().rewardedSet().layer1().size() + l.epoch().rewardedSet().layer2()
                        .size() + l.epoch().rewardedSet().layer3().size(),
                    l.epoch().rewardedSet().layer1().size(),
                    l.epoch().rewardedSet().layer2().size(),
                    l.epoch().rewardedSet().layer3().size(),
                    l.epoch().rewardedSet().entryGateways().size(),
                    l.epoch().rewardedSet().exitGateways().size());
                return null;
              });
            }
          });
    } catch (RuntimeException ex) {
      advancing.set(false);
      log.warn("validator '{}': epoch check failed: {}", id, ex.toString());
    }
  }

  @Override
  public synchronized void stop() {
    if (replica == null || status == Health.Status.DOWN) {
      status = Health.Status.DOWN;
      return;
    }
    status = Health.Status.DOWN;
    detail = "stopped";
    ticker.shutdownNow();
    if (http != null) {
      http.close();
    }
    api.close();
    replica.close();
    RUNNING.remove(this);
    log.info("validator '{}' stopped", id);
  }

  @Override
  public Health health() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    RaftReplica r = replica;
    if (r != null && status == Health.Status.UP) {
      metrics.put("http_port", http.localAddress().getPort());
      metrics.put("http_refused", http.refused());
      metrics.put("raft_port", settings.self().port());
      metrics.put("leader", r.isLeader());
      metrics.put("applied_index", r.stateMachine().appliedIndex());
      metrics.put("epoch_id", r.stateMachine().read(l -> l.epoch().id()));
    }
    return new Health(status, detail, metrics);
  }

  /** The Raft replica, once started. */
  public RaftReplica replica() {
    return replica;
  }

  /** The HTTP API's address, once started. */
  public InetSocketAddress httpAddress() {
    return http.localAddress();
  }

  /** The validator's identity key. */
  public Ed25519KeyPair identity() {
    return identity;
  }

  /** Stops every validator still running in this process (plugin stop). */
  static void stopAll() {
    for (ValidatorService s : Set.copyOf(RUNNING)) {
      s.stop();
    }
  }

  static InetSocketAddress bind(String address, int port) throws IOException {
    return new InetSocketAddress(InetAddress.getByName(address), port);
  }
}
