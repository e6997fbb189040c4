package net.nym.plugin.validator.ledger;

import java.util.List;

/**
 * The nodes chosen for an epoch, by role: Nym's {@code RewardedSet} / {@code
 * RewardedSetResponse} ({@code epoch_id}, {@code entry_gateways}, {@code exit_gateways}, {@code
 * layer1..3}, {@code standby}).
 *
 * @param epochId the epoch
 * @param entryGateways entry gateway node ids
 * @param exitGateways exit gateway node ids
 * @param layer1 layer-1 mixnode ids
 * @param layer2 layer-2 mixnode ids
 * @param layer3 layer-3 mixnode ids
 * @param standby standby node ids
 */
public record RewardedSet(
    long epochId,
    List<Long> entryGateways,
    List<Long> exitGateways,
    List<Long> layer1,
    List<Long> layer2,
    List<Long> layer3,
    List<Long> standby) {

  public RewardedSet {
    entryGateways = List.copyOf(entryGateways);
    exitGateways = List.copyOf(exitGateways);
    layer1 = List.copyOf(layer1);
    layer2 = List.copyOf(layer2);
    layer3 = List.copyOf(layer3);
    standby = List.copyOf(standby);
  }

  /** The empty set of epoch {@code epochId}. */
  public static RewardedSet empty(long epochId) {
    return new RewardedSet(epochId, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of());
  }

  /** Every node id in the set. */
  public List<Long> all() {
    java.util.ArrayList<Long> all = new java.util.ArrayList<>();
    all.addAll(entryGateways);
    all.addAll(exitGateways);
    all.addAll(layer1);
    all.addAll(layer2);
    all.addAll(layer3);
    all.addAll(standby);
    return all;
  }

  /**
   * The role of {@code nodeId}: {@code layer1..3}, {@code entry}, {@code exit}, {@code standby},
   * or {@code inactive}.
   */
  public String roleOf(long nodeId) {
    if (layer1.contains(nodeId)) {
      return "layer1";
    } else if (layer2.contains(nodeId)) {
      return "layer2";
    } else if (layer3.contains(nodeId)) {
      return "layer3";
    } else if (entryGateways.contains(nodeId)) {
      return "entry";
    } else if (exitGateways.contains(nodeId)) {
      return "exit";
    } else if (standby.contains(nodeId)) {
      return "standby";
    }
    return "inactive";
  }
}
