package net.nym.plugin.validator.ledger;

import java.util.List;
import java.util.Objects;

/**
 * The ledger's starting point, identical on every validator of one chain.
 *
 * @param chainId the chain id every transaction names
 * @param genesisTimeMillis when epoch 0 starts, Unix milliseconds
 * @param params the protocol parameters
 * @param allocations the initial balances
 * @param validators the validators' Ed25519 identity keys (base58): the only senders of {@code
 *     advance_epoch}
 * @param rewardPool {@code unym} set aside to pay epoch rewards
 */
public record Genesis(
    String chainId,
    long genesisTimeMillis,
    Params params,
    List<Allocation> allocations,
    List<String> validators,
    long rewardPool) {

  public Genesis {
    Objects.requireNonNull(chainId, "chain_id");
    Objects.requireNonNull(params, "params");
    allocations = List.copyOf(allocations);
    validators = List.copyOf(validators);
    if (rewardPool < 0) {
      throw new IllegalArgumentException("reward_pool: must not be negative");
    }
  }

  /**
   * An initial balance.
   *
   * @param address the account's Ed25519 public key, base58
   * @param amount {@code unym}
   */
  public record Allocation(String address, long amount) {}

  /**
   * Protocol parameters.
   *
   * @param denom the token's micro-unit, {@code unym}
   * @param minimumPledge the smallest pledge accepted, {@code unym}
   * @param epochLengthSecs the epoch length in seconds
   * @param epochsInInterval epochs per rewarding interval (operating costs are per interval)
   * @param mixnodes rewarded mixnodes per epoch (dealt into layers 1 to 3)
   * @param entryGateways entry gateways per epoch
   * @param exitGateways exit gateways per epoch
   * @param standby standby nodes per epoch
   * @param stakeSaturationPoint {@code unym} of total stake at which a node is saturated
   * @param epochRewardBudget {@code unym} paid per epoch to a fully saturated, fully performing
   *     rewarded set
   * @param sybilResistancePercent Nym's alpha, a decimal string
   * @param performanceExponent the k in stake saturation x performance^k (Nym: 20)
   * @param keyRotationValidityEpochs epochs each sphinx key rotation lasts
   */
  public record Params(
      String denom,
      long minimumPledge,
      long epochLengthSecs,
      int epochsInInterval,
      int mixnodes,
      int entryGateways,
      int exitGateways,
      int standby,
      long stakeSaturationPoint,
      long epochRewardBudget,
      String sybilResistancePercent,
      int performanceExponent,
      int keyRotationValidityEpochs) {

    public Params {
      if (minimumPledge <= 0 || epochLengthSecs <= 0 || epochsInInterval <= 0
          || stakeSaturationPoint <= 0 || keyRotationValidityEpochs <= 0
          || mixnodes < 0 || entryGateways < 0 || exitGateways < 0 || standby < 0
          || epochRewardBudget < 0 || performanceExponent < 0) {
        throw new IllegalArgumentException("params: out-of-range value in " + this);
      }
    }

    /** The defaults: one-hour epochs, Nym-like set sizes and the 100 nym minimum pledge. */
    public static Params defaults() {
      return new Params("unym", 100_000_000L, 3600, 720, 240, 50, 70, 0, 250_000_000_000L,
          6_000_000_000L, "0.3", 20, 24);
    }

    /** These parameters with another epoch length. */
    public Params withEpochLengthSecs(long secs) {
      return new Params(denom, minimumPledge, secs, epochsInInterval, mixnodes, entryGateways,
          exitGateways, standby, stakeSaturationPoint, epochRewardBudget, sybilResistancePercent,
          performanceExponent, keyRotationValidityEpochs);
    }

    /** The rewarded-set size (Nym's k). */
    public int rewardedSetSize() {
      return mixnodes + entryGateways + exitGateways + standby;
    }
  }
}
