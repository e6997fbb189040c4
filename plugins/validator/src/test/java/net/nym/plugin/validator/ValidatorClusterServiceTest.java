package net.nym.plugin.validator;

import static net.nym.plugin.validator.ValidatorCliTest.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.nym.api.service.NymService;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.mixnet.topology.SignedResponse;
import net.nym.mixnet.topology.TopologyRejectedException;
import net.nym.mixnet.topology.TopologyVerifier;
import net.nym.plugin.validator.api.ValidatorApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three validator services in one host: the same signed topology from each, t-of-n checking, and
 * losing the leader.
 */
class ValidatorClusterServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;

  @Test
  void threeValidatorsSignTheSameTopologySurviveTheLeadersLossAndRefuseWithoutQuorum() throws Exception {
    try (NymWithValidator nym = new NymWithValidator(dir)) {
      int n = 3;
      List<String> peers = new ArrayList<>();
      List<String> urls = new ArrayList<>();
      int[] http = new int[n];
      for (int i = 0; i < n; i++) {
        peers.add("v" + i + "@127.0.0.1:" + freePort());
        http[i] = freePort();
        urls.add("http://127.0.0.1:" + http[i]);
      }
      String peerList = String.join(",", peers);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        NymWithValidator.Result r = nym.run("validator", "init", "--id", "v" + i, "--peers",
            peerList, "--http-port", Integer.toString(http[i]), "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        keys.add(r.json().path("identity_key").asText());
      }
      nym.run("account", "create", "--id", "bank");
      String bank = nym.run("account", "show", "--id", "bank").out().strip();
      Path genesis = dir.resolve("genesis.json");
      NymWithValidator.Result g = nym.run("validator", "genesis", "--chain-id", "nym-three",
          "--validator-key", String.join(",", keys), "--epoch-secs", "2", "--allocate",
          bank + "=100000nym", "--out", genesis.toString());
      assertThat(g.exitCode()).as(g.err()).isZero();
      NymService[] v = new NymService[n];
      for (int i = 0; i < n; i++) {
        NymWithValidator.Result r = nym.run("validator", "init", "--id", "v" + i, "--peers",
            peerList, "--http-port", Integer.toString(http[i]), "--genesis", genesis.toString(),
            "--force", "-o", "json");
        assertThat(r.json().path("identity_key").asText()).as("key kept").isEqualTo(keys.get(i));
        v[i] = nym.create("v" + i);
      }
      try {
        for (NymService s : v) {
          s.start();
        }
        String all = String.join(",", urls);
        String[] owners = {"a", "b", "c", "d"};
        for (int i = 0; i < owners.length; i++) {
          nym.run("account", "create", "--id", owners[i]);
          String address = nym.run("account", "show", "--id", owners[i]).out().strip();
          NymWithValidator.Result sent = nym.run("account", "send", "--id", "bank", "--to",
              address, "--amount", "500nym", "--validator", urls.get(i % n));
          assertThat(sent.exitCode()).as(sent.err()).isZero();
          if (i < 3) {
            ValidatorCliTest.mixnodeHome(nym, "m" + i, 4000 + i);
            assertThat(nym.run("bond", "mixnode", "--id", "m" + i, "--account", owners[i],
                "--pledge", "200nym", "--validator", all).exitCode()).isZero();
          } else {
            ValidatorCliTest.gatewayHome(nym, "g");
            assertThat(nym.run("bond", "gateway", "--id", "g", "--account", owners[i],
                "--pledge", "200nym", "--host", "127.0.0.1", "--validator", all).exitCode())
                .isZero();
          }
        }
        // Every validator serves byte-identical, individually signed topology for an epoch.
        List<Ed25519PublicKey> trusted = keys.stream().map(Ed25519PublicKey::fromBase58).toList();
        TopologyVerifier verifier = TopologyVerifier.withDefaultThreshold(trusted);
        assertThat(verifier.threshold()).isEqualTo(2);
        ValidatorClient client = new ValidatorClient(urls);
        String path = ValidatorApi.TOPOLOGY_PATHS.get(0);
        List<SignedResponse> agreed = await().atMost(WAIT).until(() -> {
          List<SignedResponse> got = new ArrayList<>();
          for (ValidatorClient.Answer a : client.getAll(path)) {
            got.add(ValidatorClient.signed(a, path));
          }
          return got;
        }, got -> got.size() == 3 && got.stream().allMatch(r -> r.epoch() == got.get(0).epoch()
            && Arrays.equals(r.body(), got.get(0).body()))
            && new String(got.get(0).body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("\"layer3\":[") && !new String(got.get(0).body(),
                java.nio.charset.StandardCharsets.UTF_8).contains("\"layer3\":[]"));
        assertThat(verifier.verify(agreed).signers()).hasSize(3);
        assertThat(verifier.verify(agreed.subList(0, 2)).signers()).hasSize(2);
        assertThatThrownBy(() -> verifier.verify(agreed.subList(0, 1)))
            .isInstanceOf(TopologyRejectedException.class)
            .hasMessageContaining("only 1 of 3");
        // `nym topology` does the same check across the three.
        NymWithValidator.Result topo = nym.run("topology", "--validator", all);
        assertThat(topo.exitCode()).as(topo.err()).isZero();
        assertThat(topo.out()).contains("signed by at least 2 of 3 validators");
        assertThat(nym.run("topology", "--validator", urls.get(0)).err())
            .contains("only 1 of 3");

        // Lose the leader: writes continue through the others.
        int leader = -1;
        for (int i = 0; i < n; i++) {
          if (Boolean.TRUE.equals(v[i].health().metrics().get("leader"))) {
            leader = i;
          }
        }
        assertThat(leader).isNotNegative();
        v[leader].stop();
        List<String> rest = new ArrayList<>(urls);
        rest.remove(leader);
        NymWithValidator.Result after = nym.run("account", "send", "--id", "bank", "--to", bank,
            "--amount", "1nym", "--validator", String.join(",", rest));
        assertThat(after.exitCode()).as(after.err()).isZero();
        // It comes back and catches up.
        v[leader] = nym.create("v" + leader);
        v[leader].start();
        ValidatorClient back = new ValidatorClient(List.of(urls.get(leader)));
        ValidatorClient other = new ValidatorClient(rest);
        await().atMost(WAIT).until(() -> Submit.nonce(back, bank) == Submit.nonce(other, bank)
            && Submit.nonce(back, bank) == 5);

        // Two of three down: the survivor refuses writes with a clear error, within bounds.
        int survivor = (leader + 2) % n;
        v[leader].stop();
        v[(leader + 1) % n].stop();
        long t0 = System.nanoTime();
        NymWithValidator.Result refused = nym.run("account", "send", "--id", "bank", "--to", bank,
            "--amount", "1nym", "--validator", urls.get(survivor));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("could not commit the transaction", "no quorum");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        // Reads still work from the survivor's last committed state.
        assertThat(Submit.nonce(new ValidatorClient(List.of(urls.get(survivor))), bank))
            .isEqualTo(5);
      } finally {
        for (NymService s : v) {
          if (s != null) {
            s.stop();
          }
        }
      }
    }
  }
}
