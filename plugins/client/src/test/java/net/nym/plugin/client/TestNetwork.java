package net.nym.plugin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.nym.api.home.NodeHome;
import net.nym.api.service.NymService;
import net.nym.cli.HostEnvironment;
import net.nym.cli.NymHost;
import net.nym.cli.home.FileNodeHomes;
import net.nym.client.core.engine.ClientKeys;
import net.nym.client.core.gateway.GatewayConnection;
import net.nym.client.core.packet.AckKey;
import net.nym.client.core.topology.Topology;
import net.nym.client.core.topology.TopologyNode;
import net.nym.client.core.topology.TopologyProvider;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519KeyPair;

/**
 * A whole network in this JVM through the real {@code nym} host and the validator, mixnode and
 * gateway plugin jars (and this module's client plugin jar): a validator with 1-second epochs, six mixnodes and two gateways on
 * loopback, each bonded by its own account through {@code nym bond}, all started as services.
 * {@link #topology()} waits until the validator's topology has two mixnodes per layer and both
 * gateways.
 */
final class TestNetwork implements AutoCloseable {
  static final int MIXNODES = 6;
  static final int GATEWAYS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final NymHost host;
  private final Map<String, NymService> services = new LinkedHashMap<>();
  final String validatorUrl;
  final TopologyProvider topologyProvider;
  final SecureRandom random = new SecureRandom();

  record Result(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  TestNetwork(Path root) throws Exception {
    this.root = root;
    Path plugins = root.resolve("install").resolve("plugins");
    Files.createDirectories(plugins);
    for (String property : List.of("nym.test.pluginJar", "nym.test.mixnodeJar",
        "nym.test.gatewayJar", "nym.test.validatorJar")) {
      Path jar = Path.of(System.getProperty(property));
      assertThat(jar).as(property).exists();
      Files.copy(jar, plugins.resolve(jar.getFileName()));
    }
    Path user = root.resolve("user");
    Files.createDirectories(user);
    host = NymHost.open(new HostEnvironment(List.of(plugins), user,
        Map.of("NYM_HOME", root.resolve("nym").toString()), new PrintWriter(out, true),
        new PrintWriter(err, true), () -> {
          throw new IOException("no terminal in tests");
        }));
    int http = freePort();
    validatorUrl = "http://127.0.0.1:" + http;
    topologyProvider = new TopologyProvider(List.of(URI.create(validatorUrl)), List.of());
    try {
      build(http);
    } catch (Exception | AssertionError e) {
      close();
      throw e;
    }
  }

  private void build(int http) throws Exception {
    Result init = ok("validator", "init", "--id", "v", "--raft-port",
        Integer.toString(freePort()), "--http-port", Integer.toString(http), "--epoch-secs", "1",
        "-o", "json");
    assertThat(init.json().path("treasury_account").asText()).isNotEmpty();
    start("validator", "v");
    await().atMost(Duration.ofSeconds(30)).until(() -> run("account", "balance", "--id", "v",
        "--validator", validatorUrl).exitCode() == 0);
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < MIXNODES; i++) {
      nodes.add("m" + i);
    }
    for (int i = 0; i < GATEWAYS; i++) {
      nodes.add("g" + i);
    }
    for (String n : nodes) {
      String kind = n.startsWith("m") ? "mixnode" : "gateway";
      int clientsPort = freePort();
      List<String> args = new ArrayList<>(List.of(kind, "init", "--id", n, "--host",
          "127.0.0.1", "--mix-port", String.valueOf(freePort()), "--http-api-port",
          String.valueOf(freePort()), "-o", "json"));
      if (kind.equals("gateway")) {
        args.addAll(List.of("--clients-port", String.valueOf(clientsPort)));
      }
      ok(args.toArray(new String[0]));
      Path config = home(kind, n).configFile();
      Files.writeString(config, Files.readString(config)
          .replace("bind_address = \"0.0.0.0\"", "bind_address = \"127.0.0.1\"")
          .replace("shutdown_grace = \"5s\"", "shutdown_grace = \"1s\""));
      ok("account", "create", "--id", "owner-" + n);
      String address = ok("account", "show", "--id", "owner-" + n).out().strip();
      ok("account", "send", "--id", "v", "--to", address, "--amount", "1000nym",
          "--validator", validatorUrl);
      if (kind.equals("mixnode")) {
        ok("bond", "mixnode", "--id", n, "--account", "owner-" + n, "--pledge", "150nym",
            "--validator", validatorUrl);
      } else {
        ok("bond", "gateway", "--id", n, "--account", "owner-" + n, "--pledge", "200nym",
            "--host", "127.0.0.1", "--clients-port", String.valueOf(clientsPort), "--validator",
            validatorUrl);
      }
      start(kind, n);
    }
  }

  NodeHome home(String kind, String id) {
    return new FileNodeHomes(root.resolve("nym")).home(kind, id);
  }

  NymService start(String kind, String id) throws Exception {
    NymService s = host.plugins().services().create(kind, home(kind, id));
    s.start();
    services.put(kind + "/" + id, s);
    return s;
  }

  /** A node's identity key, read from its home. */
  Ed25519PublicKey identity(String kind, String id) throws Exception {
    return new net.nym.cli.keys.PemKeyStore().loadEd25519(home(kind, id), "identity")
        .publicKey();
  }

  /** The gateways' identities in base58 order. */
  List<String> gatewayIdentities() {
    return topology().gateways().keySet().stream().map(k -> k.toBase58()).sorted().toList();
  }

  /** Every service's health, for diagnostics. */
  Map<String, Object> healths() {
    Map<String, Object> h = new LinkedHashMap<>();
    services.forEach((k, s) -> h.put(k, s.health()));
    return h;
  }

  /** Stops one node (e.g. {@code mixnode/m0}). */
  void stop(String key) {
    NymService s = services.remove(key);
    if (s != null) {
      s.stop();
    }
  }

  synchronized Result run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    int code = host.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  Result ok(String... args) {
    Result r = run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r;
  }

  /** The topology once it has two mixnodes per layer and both gateways. */
  Topology topology() {
    Topology[] t = new Topology[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .ignoreExceptions().until(() -> {
          t[0] = topologyProvider.fetch();
          return t[0].routable() && t[0].layers().stream().allMatch(l -> l.size() == 2)
              && t[0].gateways().size() == GATEWAYS;
        });
    return t[0];
  }

  /** A client registered with gateway {@code index} (in identity order). */
  ClientKeys register(int index) throws IOException {
    Topology t = topology();
    TopologyNode gw = t.gateways().values().stream()
        .sorted((a, b) -> a.identity().toBase58().compareTo(b.identity().toBase58()))
        .toList().get(index);
    Ed25519KeyPair id = Ed25519KeyPair.generate(random);
    Ed25519PublicKey gateway = gw.identity();
    GatewaySharedKey key = GatewayConnection.register(gw.websocketUri(), id, gateway, random);
    return new ClientKeys(id, X25519KeyPair.generate(random), AckKey.generate(random), gateway,
        key);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    List<String> keys = new ArrayList<>(services.keySet());
    java.util.Collections.reverse(keys);
    for (String k : keys) {
      try {
        services.get(k).stop();
      } catch (RuntimeException e) {
        // keep stopping the rest
      }
    }
    host.close();
  }
}
