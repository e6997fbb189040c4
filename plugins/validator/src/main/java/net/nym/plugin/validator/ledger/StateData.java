package net.nym.plugin.validator.ledger;

import java.util.Map;

/**
 * The whole ledger state as one value: the snapshot format and the input of the state hash.
 *
 * @param genesis the genesis
 * @param accounts accounts by address
 * @param nodes bonded nodes by id
 * @param nextNodeId the id the next bond gets
 * @param rewardPool {@code unym} left to pay rewards
 * @param epoch the current epoch
 * @param applied transactions accepted so far
 * @param refused transactions refused so far
 */
public record StateData(
    Genesis genesis,
    Map<String, Account> accounts,
    Map<Long, Node> nodes,
    long nextNodeId,
    long rewardPool,
    Epoch epoch,
    long applied,
    long refused) {}
