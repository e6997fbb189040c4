package net.nym.plugin.validator.ledger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Epoch rewards, a simplification of Nym's {@code MixNodeRewarding::node_reward} and {@code
 * determine_reward_split} ({@code common/cosmwasm-smart-contracts/mixnet-contract/src/
 * mixnode.rs} at Nym commit b4046a89):
 *
 * <pre>
 * reward   = budget x performance x sigma x (omega + alpha x lambda / k) / (1 + alpha)
 * sigma    = min(pledge + delegations, saturation point) / saturation point
 * lambda   = min(pledge, saturation point) / saturation point
 * omega    = 1 / (mixnodes + entry gateways + exit gateways)   (equal work for active nodes)
 * k        = rewarded-set size (mixnodes + entry + exit + standby)
 * cost     = interval operating cost / epochs in interval x performance
 * operator = cost + (reward - cost) x (margin + (1 - margin) x pledge / total stake)
 * delegates share the rest pro rata; if reward &le; cost the operator takes all of it
 * </pre>
 *
 * <p>Simplifications: standby nodes earn nothing (Nym gives them a smaller work factor); the
 * budget is a genesis parameter rather than derived from the reward pool and staking supply each
 * interval; rewards compound into the pledge and delegations at once; arithmetic is {@link
 * BigDecimal} with 18 decimals rounded down, and whole {@code unym} are paid (the dust stays in
 * the pool); payments stop when the pool runs dry (nodes in id order).
 */
public final class Rewards {
  private static final MathContext MC = new MathContext(40, RoundingMode.DOWN);
  private static final int SCALE = 18;

  private Rewards() {}

  /**
   * The state after paying the epoch's rewards.
   *
   * @param nodes the nodes whose stake changed
   * @param rewardPool the pool left
   * @param paid {@code unym} paid by node id
   */
  public record Outcome(Map<Long, Node> nodes, long rewardPool, Map<Long, Long> paid) {}

  /** Pays epoch {@code epoch}'s active nodes from {@code pool}. */
  public static Outcome pay(Genesis.Params p, Epoch epoch, Map<Long, Node> nodes, long pool) {
    RewardedSet set = epoch.rewardedSet();
    List<Long> active = new ArrayList<>();
    active.addAll(set.layer1());
    active.addAll(set.layer2());
    active.addAll(set.layer3());
    active.addAll(set.entryGateways());
    active.addAll(set.exitGateways());
    active.sort(null);
    Map<Long, Node> changed = new TreeMap<>();
    Map<Long, Long> paid = new TreeMap<>();
    int activeSize = p.mixnodes() + p.entryGateways() + p.exitGateways();
    if (activeSize == 0) {
      return new Outcome(changed, pool, paid);
    }
    BigDecimal sat = BigDecimal.valueOf(p.stakeSaturationPoint());
    BigDecimal alpha = new BigDecimal(p.sybilResistancePercent());
    BigDecimal k = BigDecimal.valueOf(p.rewardedSetSize());
    BigDecimal omega = BigDecimal.ONE.divide(BigDecimal.valueOf(activeSize), SCALE,
        RoundingMode.DOWN);
    BigDecimal budget = BigDecimal.valueOf(p.epochRewardBudget());
    long left = pool;
    for (long id : active) {
      Node n = nodes.get(id);
      if (n == null) {
        continue; // unbonded during the epoch
      }
      BigDecimal perf = BigDecimal.valueOf(n.performancePpm()).movePointLeft(6);
      BigDecimal total = BigDecimal.valueOf(n.totalStake());
      BigDecimal sigma = total.min(sat).divide(sat, SCALE, RoundingMode.DOWN);
      BigDecimal lambda = BigDecimal.valueOf(n.pledge()).min(sat).divide(sat, SCALE,
          RoundingMode.DOWN);
      BigDecimal reward = budget.multiply(perf, MC).multiply(sigma, MC)
          .multiply(omega.add(alpha.multiply(lambda, MC).divide(k, SCALE, RoundingMode.DOWN)),
              MC)
          .divide(BigDecimal.ONE.add(alpha), SCALE, RoundingMode.DOWN);
      BigDecimal cost = BigDecimal.valueOf(n.details().intervalOperatingCost())
          .divide(BigDecimal.valueOf(p.epochsInInterval()), SCALE, RoundingMode.DOWN)
          .multiply(perf, MC);
      BigDecimal operator;
      BigDecimal delegates;
      if (reward.compareTo(cost) > 0) {
        BigDecimal profit = reward.subtract(cost);
        BigDecimal margin = new BigDecimal(n.details().profitMarginPercent());
        BigDecimal share = BigDecimal.valueOf(n.pledge()).divide(total, SCALE, RoundingMode.DOWN);
        BigDecimal op = profit.multiply(
            margin.add(BigDecimal.ONE.subtract(margin).multiply(share, MC)), MC);
        operator = cost.add(op);
        delegates = profit.subtract(op);
      } else {
        operator = reward;
        delegates = BigDecimal.ZERO;
      }
      long opUnym = Math.min(left, operator.setScale(0, RoundingMode.DOWN).longValueExact());
      left -= opUnym;
      long paidHere = opUnym;
      TreeMap<String, Long> del = new TreeMap<>(n.delegations());
      long delTotal = 0;
      for (long d : del.values()) {
        delTotal += d;
      }
      if (delTotal > 0 && delegates.signum() > 0) {
        for (Map.Entry<String, Long> e : del.entrySet()) {
          long share = delegates.multiply(BigDecimal.valueOf(e.getValue()), MC)
              .divide(BigDecimal.valueOf(delTotal), 0, RoundingMode.DOWN).longValueExact();
          share = Math.min(left, share);
          left -= share;
          paidHere += share;
          e.setValue(e.getValue() + share);
        }
      }
      changed.put(id, n.withStake(n.pledge() + opUnym, del));
      paid.put(id, paidHere);
    }
    return new Outcome(changed, left, paid);
  }
}
