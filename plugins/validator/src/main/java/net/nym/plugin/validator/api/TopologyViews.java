package net.nym.plugin.validator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Predicate;
import net.nym.plugin.validator.ledger.Epoch;
import net.nym.plugin.validator.ledger.Genesis;
import net.nym.plugin.validator.ledger.Node;
import net.nym.plugin.validator.ledger.NodeKind;
import net.nym.plugin.validator.ledger.RewardedSet;

/**
 * The topology in the JSON shapes Nym's clients parse (nym-api at Nym commit b4046a89: {@code
 * nym-api/nym-api-requests/src/nym_nodes.rs}, {@code pagination.rs}, {@code models/mixnet.rs}).
 * Everything is derived from the epoch as fixed at its start, never from a clock, so every
 * validator produces the same bytes for the same epoch and their signatures can be compared.
 */
public final class TopologyViews {
  /** Insertion-ordered, compact output. */
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

  private TopologyViews() {}

  /** {@code GET v1/nym-nodes/rewarded-set}: Nym's {@code RewardedSetResponse}. */
  public static byte[] rewardedSet(Epoch epoch) {
    RewardedSet s = epoch.rewardedSet();
    ObjectNode o = JSON.createObjectNode();
    o.put("epoch_id", epoch.id());
    ids(o.putArray("entry_gateways"), s.entryGateways());
    ids(o.putArray("exit_gateways"), s.exitGateways());
    ids(o.putArray("layer1"), s.layer1());
    ids(o.putArray("layer2"), s.layer2());
    ids(o.putArray("layer3"), s.layer3());
    ids(o.putArray("standby"), s.standby());
    return bytes(o);
  }

  /** {@code .../skimmed/mixnodes/active}: the mixnodes in layers 1 to 3. */
  public static byte[] activeMixnodes(Genesis.Params p, Epoch epoch) {
    RewardedSet s = epoch.rewardedSet();
    return skimmed(p, epoch, n -> s.roleOf(n.nodeId()).startsWith("layer"));
  }

  /** {@code .../skimmed/entry-gateways}: every gateway bonded at the epoch's start. */
  public static byte[] entryGateways(Genesis.Params p, Epoch epoch) {
    return skimmed(p, epoch, n -> NodeKind.GATEWAY.equals(n.kind()));
  }

  /** {@code .../skimmed}: every node bonded at the epoch's start. */
  public static byte[] allNodes(Genesis.Params p, Epoch epoch) {
    return skimmed(p, epoch, n -> true);
  }

  /**
   * Nym's {@code PaginatedCachedNodesResponseV2<SkimmedNode>}: one page with everything ({@code
   * page} 0, {@code total} = {@code size} = the count), {@code status} null.
   */
  static byte[] skimmed(Genesis.Params p, Epoch epoch, Predicate<Node> which) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode meta = o.putObject("metadata");
    meta.putNull("status");
    meta.put("absolute_epoch_id", epoch.id());
    meta.put("rotation_id", rotationId(p, epoch.id()));
    meta.put("refreshed_at", RFC3339.format(Instant.ofEpochMilli(epoch.startMillis())));
    ObjectNode nodes = o.putObject("nodes");
    ObjectNode page = nodes.putObject("pagination");
    ArrayNode data = JSON.createArrayNode();
    for (Node n : epoch.nodes().values()) {
      if (which.test(n)) {
        data.add(skimmedNode(n, epoch.rewardedSet()));
      }
    }
    page.put("total", data.size());
    page.put("page", 0);
    page.put("size", data.size());
    nodes.set("data", data);
    return bytes(o);
  }

  /** Nym's {@code SkimmedNode}. */
  static ObjectNode skimmedNode(Node n, RewardedSet set) {
    boolean gateway = NodeKind.GATEWAY.equals(n.kind());
    ObjectNode o = JSON.createObjectNode();
    o.put("node_id", n.nodeId());
    o.put("ed25519_identity_pubkey", n.details().identityKey());
    o.putArray("ip_addresses").add(n.details().host());
    o.put("mix_port", n.details().mixPort());
    o.put("x25519_sphinx_pubkey", n.details().sphinxKey());
    String role = set.roleOf(n.nodeId());
    switch (role) {
      case "layer1", "layer2", "layer3" ->
          o.putObject("role").putObject("Mixnode").put("layer",
              Integer.parseInt(role.substring(5)));
      case "entry" -> o.put("role", "EntryGateway");
      case "exit" -> o.put("role", "ExitGateway");
      case "standby" -> o.put("role", "Standby");
      default -> o.put("role", "Inactive");
    }
    ObjectNode roles = o.putObject("supported_roles");
    roles.put("mixnode", !gateway);
    roles.put("entry", gateway);
    roles.put("exit_nr", gateway);
    roles.put("exit_ipr", gateway);
    if (gateway) {
      ObjectNode entry = o.putObject("entry");
      entry.putNull("hostname");
      entry.put("ws_port", n.details().clientsPort());
      entry.putNull("wss_port");
    } else {
      o.putNull("entry");
    }
    o.put("performance", BigDecimal.valueOf(n.performancePpm(), 6).stripTrailingZeros()
        .toPlainString());
    return o;
  }

  /**
   * {@code GET v1/epoch/key-rotation-info}: Nym's {@code KeyRotationInfoResponse} (the flattened
   * {@code KeyRotationDetails} plus {@code progress}); the key rotation started at epoch 0.
   */
  public static byte[] keyRotationInfo(Genesis.Params p, Epoch epoch) {
    long validity = p.keyRotationValidityEpochs();
    ObjectNode o = JSON.createObjectNode();
    ObjectNode state = o.putObject("key_rotation_state");
    state.put("validity_epochs", validity);
    state.put("initial_epoch_id", 0);
    o.put("current_absolute_epoch_id", epoch.id());
    o.put("current_epoch_start", RFC3339.format(Instant.ofEpochMilli(epoch.startMillis())));
    ObjectNode d = o.putObject("epoch_duration");
    d.put("secs", p.epochLengthSecs());
    d.put("nanos", 0);
    long rotation = rotationId(p, epoch.id());
    ObjectNode progress = o.putObject("progress");
    progress.put("current_key_rotation_id", rotation);
    progress.put("current_rotation_starting_epoch", rotation * validity);
    progress.put("current_rotation_ending_epoch", rotation * validity + validity - 1);
    return bytes(o);
  }

  /** Nym's {@code KeyRotationState::key_rotation_id} with {@code initial_epoch_id} 0. */
  public static long rotationId(Genesis.Params p, long epochId) {
    return epochId / p.keyRotationValidityEpochs();
  }

  private static void ids(ArrayNode a, List<Long> ids) {
    ids.forEach(a::add);
  }

  private static byte[] bytes(ObjectNode o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a topology view", e);
    }
  }
}
