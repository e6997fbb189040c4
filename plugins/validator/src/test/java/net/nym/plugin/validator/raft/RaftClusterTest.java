package net.nym.plugin.validator.raft;

import static net.nym.plugin.validator.ledger.TestChain.CHAIN;
import static net.nym.plugin.validator.ledger.TestChain.NYM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import net.nym.plugin.validator.ledger.NodeKind;
import net.nym.plugin.validator.ledger.Result;
import net.nym.plugin.validator.ledger.RewardedSet;
import net.nym.plugin.validator.ledger.TestChain;
import net.nym.plugin.validator.ledger.TestChain.NodeKeys;
import net.nym.plugin.validator.ledger.Tx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final TestChain chain = new TestChain(12, 1);

  @TempDir Path dir;

  private static Result commit(RaftReplica via, Tx tx) {
    Result r = via.submit(tx).join();
    assertThat(r.accepted()).as("refused: %s", r.reason()).isTrue();
    return r;
  }

  private static long nonce(RaftReplica r, String address) {
    return r.stateMachine().read(l -> l.account(address).orElseThrow().nonce());
  }

  private static RewardedSet rewardedSet(RaftReplica r) {
    return r.stateMachine().read(l -> l.epoch().rewardedSet());
  }

  private void awaitSame(Cluster c, int... which) {
    await().atMost(WAIT).untilAsserted(() -> {
      String h = c.hash(which[0]);
      for (int i : which) {
        assertThat(c.hash(i)).as("replica %d", i).isEqualTo(h);
      }
    });
  }

  @Test
  void threeValidatorsReplicateSurviveOneFailureAndCatchUp() throws Exception {
    try (Cluster c = new Cluster(3, dir, chain.genesis).startAll()) {
      // A bond submitted through any validator is visible on all.
      Result bond = commit(c.replicas[2],
          chain.bondTx(0, 0, NodeKeys.generate(), NodeKind.MIXNODE, 200 * NYM, 1789));
      for (RaftReplica r : c.replicas) {
        await().atMost(WAIT).until(() -> r.stateMachine().read(l -> l.node(bond.nodeId())
            .isPresent()));
      }
      // A refusal is replicated as a refusal.
      Result replay = c.replicas[1].submit(
          chain.bondTx(0, 0, NodeKeys.generate(), NodeKind.MIXNODE, 200 * NYM, 1789)).join();
      assertThat(replay.accepted()).isFalse();
      assertThat(replay.reason()).contains("replayed nonce");

      // Stop one: writes continue.
      c.stop(0);
      for (int i = 0; i < 10; i++) {
        commit(c.replicas[1], Tx.transfer(CHAIN, chain.account(1), i, chain.address(2), NYM));
      }
      commit(c.replicas[2],
          chain.bondTx(3, 0, NodeKeys.generate(), NodeKind.GATEWAY, 300 * NYM, 1790));
      // Restart it: it catches up.
      c.start(0);
      awaitSame(c, 0, 1, 2);
      assertThat(nonce(c.replicas[0], chain.address(1))).isEqualTo(10);
    }
  }

  @Test
  void withoutAMajorityWritesAreRefusedQuickly() throws Exception {
    try (Cluster c = new Cluster(3, dir, chain.genesis).startAll()) {
      commit(c.replicas[0], Tx.transfer(CHAIN, chain.account(0), 0, chain.address(1), NYM));
      c.stop(1);
      c.stop(2);
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> c.replicas[0].submit(
              Tx.transfer(CHAIN, chain.account(0), 1, chain.address(1), NYM)).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(NoQuorumException.class)
          .hasMessageContaining("no quorum");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
      // Nothing was applied on the survivor (no split brain).
      assertThat(nonce(c.replicas[0], chain.address(0))).isEqualTo(1);
    }
  }

  @Test
  void restartFromDiskGivesIdenticalStateAndTheSameRewardedSet() throws Exception {
    try (Cluster c = new Cluster(3, dir, chain.genesis).startAll()) {
      for (int i = 0; i < 12; i++) {
        String kind = i < 9 ? NodeKind.MIXNODE : NodeKind.GATEWAY;
        commit(c.replicas[i % 3],
            chain.bondTx(i, 0, NodeKeys.generate(), kind, (100 + 11L * i) * NYM, 2000 + i));
      }
      // Enough pipelined transfers to cross the snapshot threshold (50 entries).
      for (int i = 1; i <= 60; i++) {
        c.replicas[0].submit(Tx.transfer(CHAIN, chain.account(0), i, chain.address(1), 1));
      }
      commit(c.replicas[0], Tx.transfer(CHAIN, chain.account(0), 61, chain.address(1), 1));
      commit(c.replicas[1], Tx.advanceEpoch(CHAIN, chain.validator, 1,
          chain.genesis.genesisTimeMillis() + 1000));
      awaitSame(c, 0, 1, 2);
      RewardedSet set = c.replicas[0].stateMachine().read(l -> l.epoch().rewardedSet());
      for (RaftReplica r : c.replicas) {
        assertThat(rewardedSet(r)).isEqualTo(set);
      }
      assertThat(set.layer1()).hasSize(2);
      assertThat(set.entryGateways()).hasSize(1);
      String before = c.hash(0);
      for (int i = 0; i < 3; i++) {
        c.stop(i);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith("snapshot."))
            .count()).as("snapshots written").isPositive();
      }
      c.startAll();
      for (int i = 0; i < 3; i++) {
        int k = i;
        await().atMost(WAIT).untilAsserted(() -> assertThat(c.hash(k)).isEqualTo(before));
        assertThat(rewardedSet(c.replicas[i])).isEqualTo(set);
      }
      // And the restarted cluster takes writes.
      commit(c.replicas[2], Tx.transfer(CHAIN, chain.account(0), 62, chain.address(1), 1));
    }
  }

  @Test
  void oneValidatorRestartsFromSnapshotPlusLogAndKeepsOnlyTheNewestSnapshots() throws Exception {
    try (Cluster c = new Cluster(1, dir, chain.genesis)) {
      c.snapshotEvery = 20;
      c.startAll();
      for (int i = 0; i < 70; i++) {
        // One at a time, so that each is its own log entry and snapshots are due every 20.
        commit(c.replicas[0], Tx.transfer(CHAIN, chain.account(0), i, chain.address(1), 1));
      }
      String before = c.hash(0);
      c.stop(0);
      List<Path> snapshots;
      try (Stream<Path> files = Files.walk(dir)) {
        snapshots = files
            .filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
            .toList();
      }
      assertThat(snapshots).as("retention: 2 of the snapshots at 20, 40, 60").hasSize(2);
      c.start(0);
      await().atMost(WAIT).untilAsserted(() -> assertThat(c.hash(0)).isEqualTo(before));
      assertThat(nonce(c.replicas[0], chain.address(0))).isEqualTo(70);
      commit(c.replicas[0], Tx.transfer(CHAIN, chain.account(0), 70, chain.address(1), 1));
    }
  }
}
