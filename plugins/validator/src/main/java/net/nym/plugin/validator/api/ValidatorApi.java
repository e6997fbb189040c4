package net.nym.plugin.validator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.mixnet.topology.TopologySignature;
import net.nym.plugin.validator.ledger.Account;
import net.nym.plugin.validator.ledger.Canonical;
import net.nym.plugin.validator.ledger.Epoch;
import net.nym.plugin.validator.ledger.Genesis;
import net.nym.plugin.validator.ledger.Ledger;
import net.nym.plugin.validator.ledger.Node;
import net.nym.plugin.validator.ledger.Result;
import net.nym.plugin.validator.ledger.Tx;
import net.nym.plugin.validator.raft.NoQuorumException;
import net.nym.plugin.validator.raft.RaftReplica;

/**
 * The routes of a validator's HTTP API.
 *
 * <p>Signed topology routes (Nym's shapes, {@link TopologyViews}): {@code
 * /v1/nym-nodes/rewarded-set}, {@code /v2/unstable/nym-nodes/skimmed/mixnodes/active}, {@code
 * /v2/unstable/nym-nodes/skimmed/entry-gateways}, {@code /v2/unstable/nym-nodes/skimmed}, {@code
 * /v1/epoch/key-rotation-info}, {@code /v1/epoch/current}. Each carries the {@code X-Nym-Epoch},
 * {@code X-Nym-Validator} and {@code X-Nym-Signature} headers ({@link TopologySignature}). They
 * are encoded and signed once per epoch, when the epoch starts (on the thread that applied it),
 * into {@link PreparedResponse}s that the server writes as they are: a request reads one volatile
 * field and a map, nothing else.
 *
 * <p>Other routes: {@code /v1/health}, {@code /v1/chain}, {@code /v1/nodes}, {@code
 * /v1/nodes/ID}, {@code /v1/accounts/ADDRESS}, and {@code POST /v1/tx} (a canonical-JSON
 * transaction; 200 accepted, 422 refused with the reason, 503 no quorum). Their ledger reads wait
 * for the apply lock, which a batch of transactions holds while every signature in it is
 * verified, so they run on one reader thread of their own, never on an event loop; when
 * {@value #MAX_QUEUED_READS} reads are waiting, more get 503.
 */
public final class ValidatorApi implements ApiServer.Router, AutoCloseable {
  /** The signed topology routes. */
  public static final List<String> TOPOLOGY_PATHS = List.of(
      "/v1/nym-nodes/rewarded-set",
      "/v2/unstable/nym-nodes/skimmed/mixnodes/active",
      "/v2/unstable/nym-nodes/skimmed/entry-gateways",
      "/v2/unstable/nym-nodes/skimmed",
      "/v1/epoch/key-rotation-info",
      "/v1/epoch/current");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final RaftReplica replica;
  private final Ed25519KeyPair identity;
  private final Genesis.Params params;
  private final Map<String, BiFunction<Genesis.Params, Epoch, byte[]>> views =
      new LinkedHashMap<>();
  /** The most routed reads waiting for the reader thread. */
  static final int MAX_QUEUED_READS = 1024;
  private final ThreadPoolExecutor reads;
  /** The signed topology of the newest epoch, by path; replaced whole at each epoch. */
  private volatile Prepared topology;

  /** The API of validator {@code id}, signing with {@code identity}. */
  public ValidatorApi(String id, RaftReplica replica, Ed25519KeyPair identity) {
    this.id = id;
    this.replica = replica;
    this.identity = identity;
    this.reads = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(MAX_QUEUED_READS), r -> {
          Thread t = new Thread(r, "validator-" + id + "-api-reads");
          t.setDaemon(true);
          return t;
        });
    reads.allowCoreThreadTimeOut(true);
    views.put(TOPOLOGY_PATHS.get(0), (p, e) -> TopologyViews.rewardedSet(e));
    views.put(TOPOLOGY_PATHS.get(1), TopologyViews::activeMixnodes);
    views.put(TOPOLOGY_PATHS.get(2), TopologyViews::entryGateways);
    views.put(TOPOLOGY_PATHS.get(3), TopologyViews::allNodes);
    views.put(TOPOLOGY_PATHS.get(4), TopologyViews::keyRotationInfo);
    views.put(TOPOLOGY_PATHS.get(5), ValidatorApi::currentEpoch);
    this.params = replica.stateMachine().read(l -> l.genesis().params());
    replica.stateMachine().addEpochListener(this::prepare);
    prepare(replica.stateMachine().read(Ledger::epoch));
  }

  @Override
  public PreparedResponse prepared(String path) {
    return topology.responses().get(path);
  }

  /** The signed topology responses of one epoch. */
  private record Prepared(long epochId, Map<String, PreparedResponse> responses) {}

  /** Encodes and signs every topology view of {@code e}, unless a newer epoch is served. */
  private synchronized void prepare(Epoch e) {
    Prepared current = topology;
    if (current != null && current.epochId() >= e.id()) {
      return;
    }
    Map<String, PreparedResponse> responses = new HashMap<>();
    views.forEach((path, view) -> responses.put(path, PreparedResponse.of(signed(path, e,
        view.apply(params, e)))));
    topology = new Prepared(e.id(), Map.copyOf(responses));
  }

  /** A topology body with its signature headers. */
  private ApiResponse signed(String path, Epoch e, byte[] body) {
    return new ApiResponse(200, body, Map.of(
        TopologySignature.EPOCH, Long.toString(e.id()),
        TopologySignature.VALIDATOR, identity.publicKey().toBase58(),
        TopologySignature.SIGNATURE, TopologySignature.sign(identity, path, e.id(), body)));
  }

  @Override
  public CompletableFuture<ApiResponse> route(
      String method, String path, Map<String, List<String>> query, byte[] body) {
    if ("POST".equals(method)) {
      return "/v1/tx".equals(path) ? submit(body)
          : done(ApiResponse.error(405, "only /v1/tx takes POST"));
    }
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return done(ApiResponse.error(405, "method " + method + " is not supported"));
    }
    try {
      return CompletableFuture.supplyAsync(() -> read(path), reads);
    } catch (RejectedExecutionException e) {
      return done(ApiResponse.error(503, "too many requests waiting; try again"));
    }
  }

  /** Stops the reader thread; reads routed afterwards get 503. */
  @Override
  public void close() {
    reads.shutdownNow();
  }

  private static CompletableFuture<ApiResponse> done(ApiResponse r) {
    return CompletableFuture.completedFuture(r);
  }

  private static byte[] currentEpoch(Genesis.Params p, Epoch e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch_id", e.id());
    m.put("start_millis", e.startMillis());
    m.put("length_secs", p.epochLengthSecs());
    m.put("end_millis", e.startMillis() + p.epochLengthSecs() * 1000);
    m.put("rotation_id", TopologyViews.rotationId(p, e.id()));
    m.put("seed", e.seed());
    m.put("rewarded_set", e.rewardedSet());
    return Canonical.bytes(m);
  }

  private ApiResponse read(String path) {
    if (path.equals("/v1/health")) {
      return json(replica.stateMachine().read(l -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "up");
        m.put("validator", id);
        m.put("identity_key", identity.publicKey().toBase58());
        m.put("chain_id", l.genesis().chainId());
        m.put("leader", replica.isLeader());
        m.put("leader_id", replica.leaderId());
        m.put("epoch_id", l.epoch().id());
        m.put("applied_index", replica.stateMachine().appliedIndex());
        m.put("state_hash", l.stateHash());
        return m;
      }));
    }
    if (path.equals("/v1/chain")) {
      return json(replica.stateMachine().read(Ledger::genesis));
    }
    if (path.equals("/v1/nodes")) {
      return json(replica.stateMachine().read(l -> new ArrayList<>(l.data().nodes().values())));
    }
    if (path.startsWith("/v1/nodes/")) {
      long nodeId;
      try {
        nodeId = Long.parseLong(path.substring("/v1/nodes/".length()));
      } catch (NumberFormatException e) {
        return ApiResponse.error(400, "node id must be a number");
      }
      Node n = replica.stateMachine().read(l -> l.node(nodeId).orElse(null));
      return n == null ? ApiResponse.error(404, "no bonded node " + nodeId) : json(n);
    }
    if (path.startsWith("/v1/accounts/")) {
      String address = path.substring("/v1/accounts/".length());
      return json(replica.stateMachine().read(l -> account(l, address)));
    }
    return ApiResponse.error(404, "no such route: " + path);
  }

  /**
   * An account view; an address that never held funds shows balance 0 and {@code exists:
   * false}.
   */
  static Map<String, Object> account(Ledger l, String address) {
    Account a = l.account(address).orElse(null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", address);
    m.put("exists", a != null);
    m.put("balance", a == null ? 0 : a.balance());
    m.put("nonce", a == null ? 0 : a.nonce());
    m.put("denom", l.genesis().params().denom());
    Long owned = null;
    List<Map<String, Object>> delegations = new ArrayList<>();
    for (Node n : l.data().nodes().values()) {
      if (n.owner().equals(address)) {
        owned = n.nodeId();
      }
      Long d = n.delegations().get(address);
      if (d != null) {
        delegations.add(Map.of("node_id", n.nodeId(), "amount", d));
      }
    }
    delegations.sort((x, y) -> Long.compare((Long) x.get("node_id"), (Long) y.get("node_id")));
    m.put("node_id", owned);
    m.put("delegations", delegations);
    return m;
  }

  private CompletableFuture<ApiResponse> submit(byte[] body) {
    Tx tx;
    try {
      tx = Canonical.decode(body, Tx.class);
    } catch (IOException e) {
      return done(ApiResponse.error(400, "not a transaction: "
          + e.getMessage().lines().findFirst().orElse("")));
    }
    return replica.submit(tx).handle((result, error) -> {
      if (error == null) {
        return new ApiResponse(result.accepted() ? 200 : 422, Canonical.bytes(result), Map.of());
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      if (cause instanceof NoQuorumException) {
        return ApiResponse.error(503, cause.getMessage());
      }
      return ApiResponse.error(500, "transaction failed: " + cause);
    });
  }

  private static ApiResponse json(Object value) {
    try {
      return ApiResponse.ok(value instanceof Result ? Canonical.bytes(value)
          : JSON.writeValueAsBytes(Canonical.JSON.valueToTree(value)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a response", e);
    }
  }
}
