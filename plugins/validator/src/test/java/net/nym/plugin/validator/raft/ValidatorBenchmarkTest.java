package net.nym.plugin.validator.raft;

import static net.nym.plugin.validator.ledger.TestChain.CHAIN;
import static net.nym.plugin.validator.ledger.TestChain.NYM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.plugin.validator.api.ApiServer;
import net.nym.plugin.validator.api.ValidatorApi;
import net.nym.plugin.validator.ledger.NodeKind;
import net.nym.plugin.validator.ledger.Result;
import net.nym.plugin.validator.ledger.TestChain;
import net.nym.plugin.validator.ledger.TestChain.NodeKeys;
import net.nym.plugin.validator.ledger.Tx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator measurements of docs/benchmarks.md. Off by default; run with
 *
 * <pre>
 * mvn -o -Dnym.target=target-val -pl plugins/validator -am test -Dnym.bench=true \
 *   -Dtest=ValidatorBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the results in target-val/surefire-reports/*ValidatorBenchmarkTest-output.txt.
 */
@EnabledIfSystemProperty(named = "nym.bench", matches = "true")
class ValidatorBenchmarkTest {
  @TempDir Path dir;

  private static void report(String line) {
    System.out.println("BENCH " + line);
  }

  @Test
  void pipelinedTransactionsFailoverAndTopologyLatency() throws Exception {
    int accounts = 100;
    int perAccount = 200;
    TestChain chain = new TestChain(accounts, 3600);
    List<Tx> txs = new ArrayList<>();
    Ed25519KeyPair sink = Ed25519KeyPair.generate(new SecureRandom());
    for (int n = 0; n < perAccount; n++) {
      for (int a = 0; a < accounts; a++) {
        txs.add(Tx.transfer(CHAIN, chain.account(a), n, sink.publicKey().toBase58(), 1));
      }
    }
    try (Cluster c = new Cluster(3, dir, chain.genesis)) {
      // The election timeout of a default config (raft.election_timeout = 500ms).
      c.electionTimeout = Duration.ofMillis(500);
      c.submitTimeout = Duration.ofSeconds(10);
      c.startAll();
      RaftReplica via = c.replicas[0];
      await().atMost(Duration.ofSeconds(20)).until(() -> c.replicas[0].leaderId() != null);
      // Warm-up.
      via.submit(txs.get(0)).join();
      List<Tx> run = txs.subList(1, txs.size());
      for (int round = 0; round < 2; round++) {
        Semaphore window = new Semaphore(2000);
        AtomicLong refused = new AtomicLong();
        List<CompletableFuture<Result>> all = new ArrayList<>();
        long t0 = System.nanoTime();
        List<Tx> part = round == 0 ? run.subList(0, run.size() / 2)
            : run.subList(run.size() / 2, run.size());
        for (Tx tx : part) {
          window.acquire();
          all.add(via.submit(tx).whenComplete((r, e) -> {
            window.release();
            if (e != null || !r.accepted()) {
              refused.incrementAndGet();
            }
          }));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
        double secs = (System.nanoTime() - t0) / 1e9;
        report(String.format("pipelined transfers, 3 validators: %d tx in %.2f s = %.0f tx/s"
            + " (%d refused)", part.size(), secs, part.size() / secs, refused.get()));
      }

      // Topology latency: 100 concurrent clients against one validator's API.
      EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
      Ed25519KeyPair identity = Ed25519KeyPair.generate(new SecureRandom());
      for (int i = 0; i < 12; i++) {
        String kind = i < 9 ? NodeKind.MIXNODE : NodeKind.GATEWAY;
        via.submit(chain.bondTx(i, perAccount, NodeKeys.generate(), kind, 200 * NYM, 3000 + i))
            .join();
      }
      via.submit(Tx.advanceEpoch(CHAIN, chain.validator, 1,
          chain.genesis.genesisTimeMillis() + 3_600_000)).join();
      try (ApiServer api = new ApiServer(new ValidatorApi("v0", via, identity))
          .start(group, new InetSocketAddress("127.0.0.1", 0))) {
        EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1,
            NioIoHandler.newFactory());
        try {
          for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            long[] all = HttpLoad.run(clientGroup, api.localAddress(),
                "/api/v2/unstable/nym-nodes/skimmed/mixnodes/active", 100, 300, 50);
            double secs = (System.nanoTime() - t0) / 1e9;
            report(String.format("topology GET skimmed/mixnodes/active, 100 concurrent"
                + " keep-alive clients, %d requests: p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                + " (~%.0f req/s incl. warm-up)", all.length, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6,
                100 * 350 / secs));
          }
        } finally {
          clientGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
      } finally {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
      }

      // Leader failover: stop the leader, time until a write commits through a follower.
      for (int round = 0; round < 3; round++) {
        int leader = -1;
        long waitStart = System.nanoTime();
        while (leader < 0 && System.nanoTime() - waitStart < 20_000_000_000L) {
          for (int k = 0; k < 3; k++) {
            if (c.replicas[k] != null && c.replicas[k].isLeader()) {
              leader = k;
            }
          }
          Thread.onSpinWait();
        }
        assertThat(leader).isNotNegative();
        RaftReplica follower = c.replicas[(leader + 1) % 3];
        long t0 = System.nanoTime();
        c.stop(leader);
        Result r = follower.submit(Tx.transfer(CHAIN, chain.account(accounts - 1),
            perAccount + round, sink.publicKey().toBase58(), 1)).join();
        double ms = (System.nanoTime() - t0) / 1e6;
        report(String.format("leader failover %d: write committed %.0f ms after the leader"
            + " stopped (accepted=%s)", round + 1, ms, r.accepted()));
        c.start(leader);
      }
    }
  }
}
