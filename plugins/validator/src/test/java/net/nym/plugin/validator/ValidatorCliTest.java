package net.nym.plugin.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.nym.api.home.NodeHome;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.cli.keys.PemKeyStore;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.keys.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's commands through the real host, against a running single validator. */
class ValidatorCliTest {
  @TempDir Path dir;

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A mixnode home as `nym mixnode init` leaves it (keys and the config keys a bond reads). */
  static void mixnodeHome(NymWithValidator nym, String id, int port) throws Exception {
    NodeHome home = nym.home("mixnode", id);
    home.createDirectories();
    PemKeyStore keys = new PemKeyStore();
    keys.createEd25519(home, "identity", false);
    keys.createX25519(home, "sphinx", false);
    Files.writeString(home.configFile(), "version = 1\nid = \"" + id + "\"\n\n[mixnet]\n"
        + "announce_host = \"127.0.0.1\"\nport = " + port + "\n\n[http]\nport = 8000\n");
  }

  static void gatewayHome(NymWithValidator nym, String id) throws Exception {
    NodeHome home = nym.home("gateway", id);
    home.createDirectories();
    PemKeyStore keys = new PemKeyStore();
    keys.createEd25519(home, "identity", false);
    keys.createX25519(home, "sphinx", false);
    Files.writeString(home.configFile(), "version = 1\nid = \"" + id + "\"\n\n[mixnet]\n"
        + "announce_host = \"127.0.0.2\"\nport = 1790\n\n[clients]\nport = 9100\n\n[http]\n"
        + "port = 8001\n");
  }

  @Test
  void helpListsTheCommands() throws Exception {
    try (NymWithValidator nym = new NymWithValidator(dir)) {
      NymWithValidator.Result r = nym.run("--help");
      assertThat(r.out()).contains("validator", "account", "bond", "unbond", "delegate",
          "undelegate", "topology");
      assertThat(nym.run("validator").exitCode()).isNotZero();
    }
  }

  @Test
  void initRefusesToOverwriteAndRequiresItselfAmongPeers() throws Exception {
    try (NymWithValidator nym = new NymWithValidator(dir)) {
      assertThat(nym.run("validator", "init", "--id", "v1").exitCode()).isZero();
      NymWithValidator.Result again = nym.run("validator", "init", "--id", "v1");
      assertThat(again.exitCode()).isNotZero();
      assertThat(again.err()).contains("already exists", "--force");
      NymWithValidator.Result peers = nym.run("validator", "init", "--id", "v2", "--peers",
          "a@127.0.0.1:1,b@127.0.0.1:2");
      assertThat(peers.exitCode()).isNotZero();
      assertThat(peers.err()).contains("must include this validator");
      NymWithValidator.Result bad = nym.run("validator", "init", "--id", "v3", "--peers",
          "nonsense");
      assertThat(bad.err()).contains("id@host:port");
    }
  }

  @Test
  void accountsBondsDelegationsAndTopologyAgainstARunningValidator() throws Exception {
    try (NymWithValidator nym = new NymWithValidator(dir)) {
      int http = freePort();
      String url = "http://127.0.0.1:" + http;
      NymWithValidator.Result init = nym.run("validator", "init", "--id", "v1", "--raft-port",
          Integer.toString(freePort()), "--http-port", Integer.toString(http), "--epoch-secs",
          "1", "-o", "json");
      assertThat(init.exitCode()).as(init.err()).isZero();
      String treasury = init.json().path("treasury_account").asText();
      NymService validator = nym.create("v1");
      validator.start();
      try {
        await().atMost(Duration.ofSeconds(20)).until(() ->
            nym.run("account", "balance", "--address", treasury, "--validator", url)
                .exitCode() == 0);
        String[] owners = {"alice", "bob", "carol", "dave"};
        for (String o : owners) {
          assertThat(nym.run("account", "create", "--id", o).exitCode()).isZero();
          String address = nym.run("account", "show", "--id", o).out().strip();
          NymWithValidator.Result sent = nym.run("account", "send", "--id", "v1", "--to",
              address, "--amount", "1000nym", "--validator", url);
          assertThat(sent.exitCode()).as(sent.err()).isZero();
          assertThat(sent.out()).contains("accepted");
        }
        JsonNode alice = nym.run("account", "balance", "--id", "alice", "--validator", url,
            "-o", "json").json();
        assertThat(alice.path("balance").asLong()).isEqualTo(1_000_000_000L);

        // A refused transaction says why and exits non-zero.
        NymWithValidator.Result tooMuch = nym.run("account", "send", "--id", "alice", "--to",
            treasury, "--amount", "5000nym", "--validator", url);
        assertThat(tooMuch.exitCode()).isEqualTo(1);
        assertThat(tooMuch.err()).contains("refused", "insufficient balance");
        NymWithValidator.Result tooLittle = nym.run("bond", "mixnode", "--id", "m0",
            "--account", "alice", "--pledge", "1nym", "--validator", url);
        assertThat(tooLittle.exitCode()).isNotZero();

        for (int i = 0; i < 2; i++) {
          mixnodeHome(nym, "m" + i, 3000 + i);
          NymWithValidator.Result b = nym.run("bond", "mixnode", "--id", "m" + i, "--account",
              owners[i], "--pledge", "150nym", "--validator", url);
          assertThat(b.exitCode()).as(b.err()).isZero();
          assertThat(b.out()).contains("node id " + (i + 1));
        }
        // A node whose key is elsewhere: print the payload, sign it as `nym mixnode sign
        // --contract-msg` does (base58-decode, check it is JSON, sign the bytes), pass the
        // signature back.
        mixnodeHome(nym, "m2", 3002);
        NymWithValidator.Result payload = nym.run("bond", "mixnode", "--id", "m2", "--account",
            owners[2], "--pledge", "150nym", "--print-payload", "--validator", url);
        assertThat(payload.exitCode()).as(payload.err()).isZero();
        byte[] message = Base58.decode(payload.out().strip());
        assertThat(new ObjectMapper().readTree(message).path("message_type").asText())
            .isEqualTo("mixnode-bonding");
        Ed25519KeyPair nodeKey = new PemKeyStore().loadEd25519(nym.home("mixnode", "m2"),
            "identity");
        NymWithValidator.Result remote = nym.run("bond", "mixnode", "--id", "m2", "--account",
            owners[2], "--pledge", "150nym", "--node-signature",
            Base58.encode(nodeKey.sign(message)), "--validator", url);
        assertThat(remote.exitCode()).as(remote.err()).isZero();
        assertThat(remote.out()).contains("node id 3");
        NymWithValidator.Result low = nym.run("bond", "mixnode", "--id", "m0", "--account",
            "dave", "--pledge", "150nym", "--validator", url);
        assertThat(low.err()).contains("already bonded");
        gatewayHome(nym, "g0");
        NymWithValidator.Result g = nym.run("bond", "gateway", "--id", "g0", "--account", "dave",
            "--pledge", "200nym", "--validator", url);
        assertThat(g.exitCode()).as(g.err()).isZero();
        JsonNode gateway = new ObjectMapper().readTree(java.net.URI.create(url + "/v1/nodes/4")
            .toURL().openStream()).path("details");
        assertThat(gateway.path("host").asText()).isEqualTo("127.0.0.2");
        assertThat(gateway.path("clients_port").asInt()).isEqualTo(9100);

        NymWithValidator.Result d = nym.run("delegate", "--account", "v1", "--node-id", "1",
            "--amount", "10nym", "--validator", url);
        assertThat(d.exitCode()).as(d.err()).isZero();
        assertThat(nym.run("undelegate", "--account", "v1", "--node-id", "1", "--validator",
            url).exitCode()).isZero();
        assertThat(nym.run("undelegate", "--account", "v1", "--node-id", "1", "--validator",
            url).err()).contains("has no delegation");

        // Epochs are 1 s: soon all four nodes are in the rewarded set.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          NymWithValidator.Result t = nym.run("topology", "--validator", url, "-o", "json");
          assertThat(t.exitCode()).as(t.err()).isZero();
          JsonNode set = t.json().path("rewarded_set");
          assertThat(set.path("layer1")).hasSize(1);
          assertThat(set.path("layer2")).hasSize(1);
          assertThat(set.path("layer3")).hasSize(1);
          assertThat(set.path("entry_gateways")).hasSize(1);
        });
        NymWithValidator.Result text = nym.run("topology", "--validator", url);
        assertThat(text.out()).contains("Epoch ", "Layer 1:", "Layer 3:", "Entry gateways:",
            "127.0.0.1:300");

        assertThat(nym.run("unbond", "--account", "alice", "--validator", url).exitCode())
            .isZero();
        assertThat(nym.run("unbond", "--account", "alice", "--validator", url).err())
            .contains("has no bonded node");
        assertThat(validator.health().status()).isEqualTo(Health.Status.UP);
      } finally {
        validator.stop();
      }
      assertThat(validator.health().status()).isEqualTo(Health.Status.DOWN);
    }
  }

  @Test
  void noValidatorAnsweringIsAClearErrorWithinSeconds() throws Exception {
    try (NymWithValidator nym = new NymWithValidator(dir)) {
      nym.run("account", "create", "--id", "alice");
      String url = "http://127.0.0.1:" + freePort();
      long t0 = System.nanoTime();
      NymWithValidator.Result r = nym.run("account", "balance", "--id", "alice", "--validator",
          url);
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.err()).contains("no validator answered", url, "connection refused");
      NymWithValidator.Result s = nym.run("account", "send", "--id", "alice", "--to",
          nym.run("account", "show", "--id", "alice").out().strip(), "--amount", "1nym",
          "--validator", url);
      assertThat(s.err()).contains("no validator answered");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
