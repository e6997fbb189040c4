package net.nym.plugin.validator.ledger;

import java.util.Map;
import java.util.TreeMap;

/**
 * The current epoch and what was fixed at its start.
 *
 * @param id the absolute epoch id (0 from genesis)
 * @param startMillis when it started, Unix milliseconds (from the {@code advance_epoch}
 *     transaction, never from a replica's clock)
 * @param rewardedSet the nodes chosen for it
 * @param nodes every node bonded at its start, by id: the topology served during the epoch
 * @param seed the hex state hash the draw was seeded with (empty for epoch 0)
 */
public record Epoch(
    long id, long startMillis, RewardedSet rewardedSet, Map<Long, Node> nodes, String seed) {
  public Epoch {
    nodes = new TreeMap<>(nodes);
  }
}
