package net.nym.plugin.validator.ledger;

import java.util.Map;
import java.util.TreeMap;

/**
 * A bonded node.
 *
 * @param nodeId the node id, assigned at bonding (1, 2, ...; never reused)
 * @param owner the owner account
 * @param details the node's details as bonded (its {@code node_signature} included)
 * @param pledge the operator's stake, {@code unym} (grows with compounded rewards)
 * @param delegations delegated stake by delegator, {@code unym}
 * @param bondedEpoch the epoch in which it was bonded
 * @param performancePpm its performance in millionths (1,000,000 until a network monitor reports)
 */
public record Node(
    long nodeId,
    String owner,
    Tx.Bond details,
    long pledge,
    Map<String, Long> delegations,
    long bondedEpoch,
    long performancePpm) {

  public Node {
    delegations = new TreeMap<>(delegations);
  }

  /** The node's kind. */
  public String kind() {
    return details.kind();
  }

  /** Pledge plus delegations. */
  public long totalStake() {
    long sum = pledge;
    for (long d : delegations.values()) {
      sum = Math.addExact(sum, d);
    }
    return sum;
  }

  /** This node with another pledge and delegations. */
  public Node withStake(long newPledge, Map<String, Long> newDelegations) {
    return new Node(nodeId, owner, details, newPledge, newDelegations, bondedEpoch,
        performancePpm);
  }
}
