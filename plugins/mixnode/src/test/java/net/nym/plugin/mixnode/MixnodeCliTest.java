package net.nym.plugin.mixnode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.keys.Ed25519PublicKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nym mixnode init | node-details | describe | sign} through the real command tree. */
class MixnodeCliTest {
  @TempDir Path dir;
  private NymWithMixnode nym;

  @BeforeEach
  void open() throws Exception {
    nym = new NymWithMixnode(dir);
  }

  @AfterEach
  void close() {
    nym.close();
  }

  private JsonNode init(String id, String... extra) throws Exception {
    String[] args =
        new String[] {"mixnode", "init", "--id", id, "--host", "203.0.113.7", "-o", "json"};
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    NymWithMixnode.Result r = nym.run(all);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.json();
  }

  @Test
  void theJarHoldsOnlyThePluginAndItsExtensionIndex() throws Exception {
    try (java.util.jar.JarFile jar =
        new java.util.jar.JarFile(System.getProperty("nym.test.pluginJar"))) {
      List<String> classes =
          jar.stream()
              .map(java.util.jar.JarEntry::getName)
              .filter(n -> n.endsWith(".class"))
              .toList();
      assertThat(classes).allMatch(n -> n.startsWith("net/nym/plugin/mixnode/"));
      String index =
          new String(
              jar.getInputStream(jar.getEntry("META-INF/extensions.idx")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(index)
          .contains(MixnodeCommands.class.getName())
          .contains(MixnodeServiceFactory.class.getName());
      assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("mixnode");
    }
  }

  @Test
  void helpListsTheMixnodeCommands() {
    NymWithMixnode.Result r = nym.run("mixnode", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("init", "run", "node-details", "describe", "sign");
  }

  @Test
  void initCreatesConfigAndKeys() throws Exception {
    JsonNode j =
        init(
            "m1",
            "--mix-port",
            "1790",
            "--http-api-port",
            "8001",
            "--validators",
            "https://validator.example/api,http://10.0.0.1:8080");
    assertThat(j.get("identity_key").asText()).hasSizeBetween(43, 44);
    assertThat(j.get("sphinx_key").asText()).hasSizeBetween(43, 44);
    assertThat(j.get("mix_address").asText()).isEqualTo("203.0.113.7:1790");
    assertThat(j.get("http_api_port").asInt()).isEqualTo(8001);
    assertThat(j.get("validators")).hasSize(2);
    Path data = nym.home("m1").dataDir();
    assertThat(data.resolve("private_identity.pem")).exists();
    assertThat(data.resolve("private_sphinx.pem")).exists();

    List<String> lines = Files.readAllLines(nym.home("m1").configFile());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("[")) {
        assertThat(lines.get(i - 1).strip()).as("comment above '%s'", line).startsWith("#");
      }
    }
    assertThat(String.join("\n", lines))
        .contains("announce_host = \"203.0.113.7\"")
        .contains("port = 1790")
        .contains("queue_size = 2000")
        .contains("max_forward_delay = \"10s\"");
  }

  @Test
  void initRefusesToOverwriteWithoutForce() throws Exception {
    JsonNode first = init("m1");
    byte[] key = Files.readAllBytes(nym.home("m1").dataDir().resolve("private_identity.pem"));
    NymWithMixnode.Result again = nym.run("mixnode", "init", "--id", "m1", "--host", "10.0.0.2");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already exists").contains("--force");
    assertThat(Files.readAllBytes(nym.home("m1").dataDir().resolve("private_identity.pem")))
        .isEqualTo(key);
    JsonNode forced = init("m1", "--force");
    assertThat(forced.get("identity_key").asText())
        .isNotEqualTo(first.get("identity_key").asText());
  }

  @Test
  void initRefusesHostNamesAndBadPorts() {
    NymWithMixnode.Result r =
        nym.run("mixnode", "init", "--id", "m1", "--host", "node.example.org");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("not an IP address");
    assertThat(
            nym.run("mixnode", "init", "--id", "m1", "--host", "10.0.0.1", "--mix-port", "0")
                .exitCode())
        .isEqualTo(2);
    assertThat(nym.home("m1").exists()).isFalse();
  }

  @Test
  void nodeDetailsInTextAndJson() throws Exception {
    JsonNode created = init("m1");
    NymWithMixnode.Result json = nym.run("mixnode", "node-details", "--id", "m1", "-o", "json");
    assertThat(json.exitCode()).isZero();
    assertThat(json.json().get("identity_key")).isEqualTo(created.get("identity_key"));
    assertThat(json.json().get("sphinx_key")).isEqualTo(created.get("sphinx_key"));
    assertThat(json.json().get("version").asText()).isNotBlank();
    NymWithMixnode.Result text = nym.run("mixnode", "node-details", "--id", "m1");
    assertThat(text.out())
        .contains("Identity key:  " + created.get("identity_key").asText())
        .contains("Sphinx key:    " + created.get("sphinx_key").asText())
        .contains("Mix address:   203.0.113.7:1789")
        .contains("HTTP API port: 8000");
    NymWithMixnode.Result missing = nym.run("mixnode", "node-details", "--id", "nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("not initialised");
  }

  @Test
  void runRefusesAnUninitialisedNodeAndABrokenConfig() throws Exception {
    NymWithMixnode.Result missing = nym.run("mixnode", "run", "--id", "nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("not initialised").contains("nym mixnode init");

    init("m1");
    Path config = nym.home("m1").configFile();
    Files.writeString(
        config,
        Files.readString(config).replace("max_packet_size = \"extended32\"",
            "max_packet_size = \"huge\""));
    NymWithMixnode.Result broken = nym.run("mixnode", "run", "--id", "m1");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.err()).contains("mixnet.max_packet_size").contains("\"huge\"");
  }

  @Test
  void describeSetsTheDescription() throws Exception {
    init("m1");
    NymWithMixnode.Result r =
        nym.run(
            "mixnode",
            "describe",
            "--id",
            "m1",
            "--name",
            "Alpine mix",
            "--description",
            "runs on a JVM",
            "--link",
            "https://mix.example",
            "--location",
            "CH");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Name:        Alpine mix");
    nym.run("mixnode", "describe", "--id", "m1", "--location", "DE");
    JsonNode d =
        nym.run("mixnode", "node-details", "--id", "m1", "-o", "json").json().get("description");
    assertThat(d.get("name").asText()).isEqualTo("Alpine mix");
    assertThat(d.get("description").asText()).isEqualTo("runs on a JVM");
    assertThat(d.get("link").asText()).isEqualTo("https://mix.example");
    assertThat(d.get("location").asText()).isEqualTo("DE");
    assertThat(Files.readString(nym.home("m1").configFile())).contains("name = \"Alpine mix\"");
  }

  @Test
  void signsTextAndContractMessages() throws Exception {
    JsonNode created = init("m1");
    Ed25519PublicKey identity = Ed25519PublicKey.fromBase58(created.get("identity_key").asText());

    NymWithMixnode.Result text =
        nym.run("mixnode", "sign", "--id", "m1", "--text", "hello nym", "-o", "json");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.json().get("encoded_message").asText()).isEqualTo("hello nym");
    byte[] sig = Base58.decode(text.json().get("encoded_signature").asText());
    assertThat(identity.verify("hello nym".getBytes(StandardCharsets.UTF_8), sig)).isTrue();

    String payload = "{\"nonce\":0,\"message\":\"bond\"}";
    String msg = Base58.encode(payload.getBytes(StandardCharsets.UTF_8));
    NymWithMixnode.Result contract =
        nym.run("mixnode", "sign", "--id", "m1", "--contract-msg", msg, "-o", "json");
    assertThat(contract.exitCode()).as(contract.err()).isZero();
    assertThat(contract.json().get("encoded_message").asText()).isEqualTo(payload);
    assertThat(
            identity.verify(
                payload.getBytes(StandardCharsets.UTF_8),
                Base58.decode(contract.json().get("encoded_signature").asText())))
        .isTrue();

    NymWithMixnode.Result notJson =
        nym.run(
            "mixnode",
            "sign",
            "--id",
            "m1",
            "--contract-msg",
            Base58.encode("not json".getBytes(StandardCharsets.UTF_8)));
    assertThat(notJson.exitCode()).isEqualTo(1);
    assertThat(notJson.err()).contains("does not decode to JSON");
    assertThat(
            nym.run("mixnode", "sign", "--id", "m1", "--text", "a", "--contract-msg", msg)
                .exitCode())
        .isEqualTo(2);
    assertThat(nym.run("mixnode", "sign", "--id", "m1").exitCode()).isEqualTo(2);
  }
}
