package net.nym.plugin.validator.ledger;

import static net.nym.plugin.validator.ledger.TestChain.CHAIN;
import static net.nym.plugin.validator.ledger.TestChain.NYM;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.plugin.validator.ledger.TestChain.NodeKeys;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private final TestChain chain = new TestChain(4, 60);
  private final Ledger ledger = new Ledger(chain.genesis);

  private void assertRefused(Tx tx, String reasonPart) {
    String before = ledger.stateHash();
    Result r = ledger.apply(tx.encode());
    assertThat(r.accepted()).as("accepted: %s", r).isFalse();
    assertThat(r.reason()).contains(reasonPart);
    // Nothing but the refusal counter moves.
    StateData d = ledger.data();
    Ledger copy = new Ledger(new StateData(d.genesis(), d.accounts(), d.nodes(), d.nextNodeId(),
        d.rewardPool(), d.epoch(), d.applied(), d.refused() - 1));
    assertThat(copy.stateHash()).isEqualTo(before);
  }

  private Result accept(Tx tx) {
    Result r = ledger.apply(tx.encode());
    assertThat(r.accepted()).as("refused: %s", r.reason()).isTrue();
    return r;
  }

  @Test
  void transferMovesFundsAndBumpsTheNonce() {
    accept(Tx.transfer(CHAIN, chain.account(0), 0, chain.address(1), 5 * NYM));
    assertThat(ledger.account(chain.address(0)).orElseThrow())
        .isEqualTo(new Account(999_995 * NYM, 1));
    assertThat(ledger.account(chain.address(1)).orElseThrow().balance())
        .isEqualTo(1_000_005 * NYM);
  }

  @Test
  void transferToANewAddressCreatesTheAccount() {
    String fresh = Ed25519KeyPair.generate(new SecureRandom()).publicKey().toBase58();
    accept(Tx.transfer(CHAIN, chain.account(0), 0, fresh, 7));
    assertThat(ledger.account(fresh).orElseThrow()).isEqualTo(new Account(7, 0));
  }

  @Test
  void refusesUnknownAccount() {
    Ed25519KeyPair stranger = Ed25519KeyPair.generate(new SecureRandom());
    assertRefused(Tx.transfer(CHAIN, stranger, 0, chain.address(0), 1), "unknown account");
  }

  @Test
  void refusesBadSignature() {
    Tx good = Tx.transfer(CHAIN, chain.account(0), 0, chain.address(1), 1);
    Tx forged = new Tx(good.chainId(), good.type(), good.sender(), good.nonce(),
        new Tx.Transfer(chain.address(1), 1_000 * NYM), null, null, null, good.signature());
    assertRefused(forged, "bad signature");
    Tx otherSigner = good.signedBy(chain.account(1));
    assertRefused(otherSigner, "bad signature");
  }

  @Test
  void refusesInsufficientBalance() {
    assertRefused(Tx.transfer(CHAIN, chain.account(0), 0, chain.address(1), 2_000_000 * NYM),
        "insufficient balance");
    assertRefused(Tx.transfer(CHAIN, chain.account(0), 0, chain.address(1), 0),
        "must be positive");
  }

  @Test
  void refusesReplayedAndFutureNonces() {
    Tx tx = Tx.transfer(CHAIN, chain.account(0), 0, chain.address(1), 1);
    accept(tx);
    assertRefused(tx, "replayed nonce 0");
    assertRefused(Tx.transfer(CHAIN, chain.account(0), 5, chain.address(1), 1), "ahead");
  }

  @Test
  void refusesAnotherChainsTransaction() {
    assertRefused(Tx.transfer("other", chain.account(0), 0, chain.address(1), 1),
        "wrong chain id");
  }

  @Test
  void refusesMalformedBytes() {
    String before = ledger.stateHash();
    Result r = ledger.apply("{\"nonce\":1.5}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.accepted()).isFalse();
    assertThat(r.reason()).startsWith("malformed transaction");
    assertThat(ledger.data().refused()).isEqualTo(1);
    assertThat(ledger.data().accounts()).isEqualTo(new Ledger(chain.genesis).data().accounts());
    assertThat(before).isNotEqualTo(ledger.stateHash()); // only the counter moved
  }

  @Test
  void bondTakesThePledgeAndAssignsANodeId() {
    NodeKeys node = NodeKeys.generate();
    Result r = accept(chain.bondTx(0, 0, node, NodeKind.MIXNODE, 200 * NYM, 1789));
    assertThat(r.nodeId()).isEqualTo(1L);
    Node n = ledger.node(1).orElseThrow();
    assertThat(n.pledge()).isEqualTo(200 * NYM);
    assertThat(n.owner()).isEqualTo(chain.address(0));
    assertThat(ledger.account(chain.address(0)).orElseThrow().balance())
        .isEqualTo(999_800 * NYM);
  }

  @Test
  void refusesPledgeBelowMinimum() {
    assertRefused(chain.bondTx(0, 0, NodeKeys.generate(), NodeKind.MIXNODE, 99 * NYM, 1789),
        "below the minimum");
  }

  @Test
  void refusesPledgeAboveBalance() {
    assertRefused(chain.bondTx(0, 0, NodeKeys.generate(), NodeKind.MIXNODE,
        2_000_000 * NYM, 1789), "insufficient balance");
  }

  @Test
  void refusesDoubleBondOfAnIdentityAndSecondBondOfAnOwner() {
    NodeKeys node = NodeKeys.generate();
    accept(chain.bondTx(0, 0, node, NodeKind.MIXNODE, 200 * NYM, 1789));
    assertRefused(chain.bondTx(1, 0, node, NodeKind.MIXNODE, 200 * NYM, 1789),
        "already bonded as node 1");
    assertRefused(chain.bondTx(0, 1, NodeKeys.generate(), NodeKind.MIXNODE, 200 * NYM, 1789),
        "already owns node 1");
  }

  @Test
  void refusesBondWithoutTheNodesSignature() {
    NodeKeys node = NodeKeys.generate();
    NodeKeys other = NodeKeys.generate();
    Tx.Bond signedByOther = TestChain.signedBond(other, NodeKind.MIXNODE, chain.address(0), 0,
        200 * NYM, 1789);
    Tx.Bond claimed = TestChain.signedBond(node, NodeKind.MIXNODE, chain.address(0), 0,
        200 * NYM, 1789).withNodeSignature(signedByOther.nodeSignature());
    assertRefused(Tx.bond(CHAIN, chain.account(0), 0, claimed), "bad node signature");
    // The node signed for another owner: refused too.
    Tx.Bond forOther = TestChain.signedBond(node, NodeKind.MIXNODE, chain.address(1), 0,
        200 * NYM, 1789);
    assertRefused(Tx.bond(CHAIN, chain.account(0), 0, forOther), "bad node signature");
  }

  @Test
  void unbondReturnsPledgeAndDelegations() {
    accept(chain.bondTx(0, 0, NodeKeys.generate(), NodeKind.MIXNODE, 200 * NYM, 1789));
    accept(Tx.delegate(CHAIN, chain.account(1), 0, 1, 50 * NYM));
    assertThat(ledger.node(1).orElseThrow().totalStake()).isEqualTo(250 * NYM);
    accept(Tx.unbond(CHAIN, chain.account(0), 1));
    assertThat(ledger.node(1)).isEmpty();
    assertThat(ledger.account(chain.address(0)).orElseThrow().balance())
        .isEqualTo(1_000_000 * NYM);
    assertThat(ledger.account(chain.address(1)).orElseThrow().balance())
        .isEqualTo(1_000_000 * NYM);
    assertRefused(Tx.unbond(CHAIN, chain.account(0), 2), "has no bonded node");
  }

  @Test
  void delegationRefusals() {
    assertRefused(Tx.delegate(CHAIN, chain.account(1), 0, 9, 50 * NYM), "no bonded node 9");
    accept(chain.bondTx(0, 0, NodeKeys.generate(), NodeKind.MIXNODE, 200 * NYM, 1789));
    assertRefused(Tx.delegate(CHAIN, chain.account(1), 0, 1, 5_000_000 * NYM),
        "insufficient balance");
    assertRefused(Tx.undelegate(CHAIN, chain.account(1), 0, 1), "has no delegation");
    accept(Tx.delegate(CHAIN, chain.account(1), 0, 1, 50 * NYM));
    accept(Tx.undelegate(CHAIN, chain.account(1), 1, 1));
    assertThat(ledger.account(chain.address(1)).orElseThrow().balance())
        .isEqualTo(1_000_000 * NYM);
  }

  @Test
  void epochAdvanceOnlyByAValidatorWhenDueAndOnce() {
    long due = chain.genesis.genesisTimeMillis() + 60_000;
    assertRefused(Tx.advanceEpoch(CHAIN, chain.account(0), 1, due), "genesis validator");
    assertRefused(Tx.advanceEpoch(CHAIN, chain.validator, 1, due - 1), "early");
    assertRefused(Tx.advanceEpoch(CHAIN, chain.validator, 2, due), "not next");
    accept(Tx.advanceEpoch(CHAIN, chain.validator, 1, due));
    assertThat(ledger.epoch().id()).isEqualTo(1);
    assertThat(ledger.epoch().startMillis()).isEqualTo(due);
    assertRefused(Tx.advanceEpoch(CHAIN, chain.validator, 1, due + 60_000), "not next");
  }

  /** Bonds 9 mixnodes and 3 gateways with varied stakes, then advances one epoch. */
  private static List<Tx> network(TestChain c, int accountsNeeded) {
    List<Tx> txs = new ArrayList<>();
    for (int i = 0; i < accountsNeeded; i++) {
      String kind = i < 9 ? NodeKind.MIXNODE : NodeKind.GATEWAY;
      txs.add(c.bondTx(i, 0, NodeKeys.generate(), kind, (100 + 37L * i) * NYM, 2000 + i));
    }
    txs.add(Tx.advanceEpoch(CHAIN, c.validator, 1, c.genesis.genesisTimeMillis() + 60_000));
    return txs;
  }

  @Test
  void activeSetAndLayersAreDeterministic() throws Exception {
    TestChain c = new TestChain(12, 60);
    List<Tx> txs = network(c, 12);
    Function<List<Tx>, Ledger> replay = list -> {
      Ledger l = new Ledger(c.genesis);
      list.forEach(t -> l.apply(t.encode()));
      return l;
    };
    Ledger a = replay.apply(txs);
    Ledger b = replay.apply(txs);
    RewardedSet set = a.epoch().rewardedSet();
    assertThat(set).isEqualTo(b.epoch().rewardedSet());
    assertThat(a.stateHash()).isEqualTo(b.stateHash());
    // A restored snapshot gives the same state and the same next draw.
    Ledger restored = Ledger.restore(a.snapshot());
    assertThat(restored.stateHash()).isEqualTo(a.stateHash());
    Tx next = Tx.advanceEpoch(CHAIN, c.validator, 2, c.genesis.genesisTimeMillis() + 120_000);
    a.apply(next.encode());
    restored.apply(next.encode());
    assertThat(restored.epoch().rewardedSet()).isEqualTo(a.epoch().rewardedSet());
    assertThat(restored.stateHash()).isEqualTo(a.stateHash());

    assertThat(set.layer1()).hasSize(2);
    assertThat(set.layer2()).hasSize(2);
    assertThat(set.layer3()).hasSize(2);
    assertThat(set.entryGateways()).hasSize(1);
    assertThat(set.exitGateways()).hasSize(1);
    assertThat(new HashSet<>(set.all())).hasSize(8);
    for (long id : set.layer1()) {
      assertThat(a.node(id).orElseThrow().kind()).isEqualTo(NodeKind.MIXNODE);
    }
    for (long id : set.entryGateways()) {
      assertThat(a.node(id).orElseThrow().kind()).isEqualTo(NodeKind.GATEWAY);
    }
  }

  @Test
  void heavierNodesAreChosenMoreOften() {
    Genesis.Params p = chain.genesis.params();
    Node light = new Node(1, "a", null, 100 * NYM, java.util.Map.of(), 0, 1_000_000);
    Node heavy = new Node(2, "b", null, 250_000 * NYM, java.util.Map.of(), 0, 1_000_000);
    Node over = new Node(3, "c", null, 900_000 * NYM, java.util.Map.of(), 0, 1_000_000);
    Node poor = new Node(4, "d", null, 250_000 * NYM, java.util.Map.of(), 0, 900_000);
    assertThat(Selection.weight(p, light)).isEqualTo(400);
    assertThat(Selection.weight(p, heavy)).isEqualTo(1_000_000);
    assertThat(Selection.weight(p, over)).as("saturated").isEqualTo(1_000_000);
    // 0.9^20 = 0.1215...
    assertThat(Selection.weight(p, poor)).isBetween(121_000L, 122_000L);
  }

  @Test
  void rewardsArePaidToActiveNodesAndDelegators() {
    TestChain c = new TestChain(13, 60);
    Ledger l = new Ledger(c.genesis);
    network(c, 12).forEach(t -> assertThat(l.apply(t.encode()).accepted()).isTrue());
    long active = l.epoch().rewardedSet().layer1().get(0);
    assertThat(l.apply(Tx.delegate(CHAIN, c.account(12), 0, active, 1_000 * NYM).encode())
        .accepted()).isTrue();
    long pledgeBefore = l.node(active).orElseThrow().pledge();
    long poolBefore = l.data().rewardPool();
    l.apply(Tx.advanceEpoch(CHAIN, c.validator, 2, c.genesis.genesisTimeMillis() + 120_000)
        .encode());
    Node after = l.node(active).orElseThrow();
    assertThat(after.pledge()).isGreaterThan(pledgeBefore);
    assertThat(after.delegations().get(c.address(12))).isGreaterThan(1_000 * NYM);
    long paid = poolBefore - l.data().rewardPool();
    assertThat(paid).isPositive();
    // Supply is conserved: balances + stakes + pool never change in total.
    long total = l.data().rewardPool();
    for (Account a : l.data().accounts().values()) {
      total += a.balance();
    }
    for (Node n : l.data().nodes().values()) {
      total += n.totalStake();
    }
    assertThat(total).isEqualTo(1_000_000_000 * NYM + 13 * 1_000_000 * NYM);
  }
}
