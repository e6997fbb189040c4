package net.nym.plugin.gateway;

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

/** {@code nym gateway init | node-details | sign | run} through the real command tree. */
class GatewayCliTest {
  @TempDir Path dir;
  private NymWithGateway nym;

  @BeforeEach
  void open() throws Exception {
    nym = new NymWithGateway(dir);
  }

  @AfterEach
  void close() {
    nym.close();
  }

  private JsonNode init(String id, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("gateway", "init", "--id", id,
        "--host", "203.0.113.9", "-o", "json"));
    args.addAll(List.of(extra));
    NymWithGateway.Result r = nym.run(args.toArray(new String[0]));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.json();
  }

  @Test
  void theJarHoldsOnlyThePluginAndItsExtensionIndex() throws Exception {
    try (java.util.jar.JarFile jar =
        new java.util.jar.JarFile(System.getProperty("nym.test.pluginJar"))) {
      List<String> classes = jar.stream().map(java.util.jar.JarEntry::getName)
          .filter(n -> n.endsWith(".class")).toList();
      assertThat(classes).allMatch(n -> n.startsWith("net/nym/plugin/gateway/"));
      String index = new String(jar.getInputStream(jar.getEntry("META-INF/extensions.idx"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertThat(index).contains(GatewayCommands.class.getName())
          .contains(GatewayServiceFactory.class.getName());
      assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("gateway");
    }
  }

  @Test
  void helpListsTheGatewayCommands() {
    NymWithGateway.Result r = nym.run("gateway", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("init", "run", "node-details", "sign");
  }

  @Test
  void initCreatesConfigAndKeysWithEveryKeyCommented() throws Exception {
    JsonNode j = init("g1", "--mix-port", "1790", "--clients-port", "9001", "--http-api-port",
        "8002", "--validators", "https://validator.example/api");
    assertThat(j.get("mix_address").asText()).isEqualTo("203.0.113.9:1790");
    assertThat(j.get("clients_address").asText()).isEqualTo("ws://203.0.113.9:9001");
    assertThat(j.get("http_api_port").asInt()).isEqualTo(8002);
    Path data = nym.home("gateway", "g1").dataDir();
    assertThat(data.resolve("private_identity.pem")).exists();
    assertThat(data.resolve("private_sphinx.pem")).exists();
    List<String> lines = Files.readAllLines(nym.home("gateway", "g1").configFile());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("[")) {
        assertThat(lines.get(i - 1).strip()).as("comment above '%s'", line).startsWith("#");
      }
    }
    assertThat(String.join("\n", lines))
        .contains("[clients]").contains("port = 9001")
        .contains("initial_message_timeout = \"10s\"")
        .contains("max_request_timestamp_skew = \"2m\"")
        .contains("[mailbox]").contains("message_retrieval_limit = 100")
        .contains("[bandwidth]");
  }

  @Test
  void initRefusesToOverwriteWithoutForceAndRefusesBadInput() throws Exception {
    init("g1");
    NymWithGateway.Result again = nym.run("gateway", "init", "--id", "g1", "--host", "10.0.0.2");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already exists").contains("--force");
    assertThat(nym.run("gateway", "init", "--id", "g2", "--host", "gw.example.org").exitCode())
        .isEqualTo(2);
    assertThat(nym.run("gateway", "init", "--id", "g2", "--host", "10.0.0.1", "--clients-port",
        "70000").exitCode()).isEqualTo(2);
    assertThat(nym.home("gateway", "g2").exists()).isFalse();
  }

  @Test
  void nodeDetailsAndSign() throws Exception {
    JsonNode created = init("g1");
    NymWithGateway.Result details = nym.run("gateway", "node-details", "--id", "g1", "-o", "json");
    assertThat(details.exitCode()).isZero();
    assertThat(details.json().get("identity_key")).isEqualTo(created.get("identity_key"));
    assertThat(nym.run("gateway", "node-details", "--id", "g1").out())
        .contains("Clients address: ws://203.0.113.9:9000");
    NymWithGateway.Result signed = nym.run("gateway", "sign", "--id", "g1", "--text", "hello",
        "-o", "json");
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    byte[] sig = Base58.decode(signed.json().get("encoded_signature").asText());
    assertThat(Ed25519PublicKey.fromBase58(created.get("identity_key").asText())
        .verify("hello".getBytes(StandardCharsets.UTF_8), sig)).isTrue();
    NymWithGateway.Result missing = nym.run("gateway", "run", "--id", "nope");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("not initialised");
  }
}
