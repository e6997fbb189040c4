package net.nym.plugin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.nym.api.home.NodeHome;
import net.nym.api.service.NymService;
import net.nym.cli.HostEnvironment;
import net.nym.cli.NymHost;
import net.nym.cli.home.FileNodeHomes;

/**
 * A real {@code nym} host whose bundled plugins directory holds this module's plugin jar and the
 * mixnode plugin's jar (both built by Maven before the tests), with node homes in a temporary
 * directory and output captured.
 */
final class NymWithGateway implements AutoCloseable {

  /** The outcome of one command line. */
  record Result(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }
  }

  private final Path root;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final NymHost host;

  NymWithGateway(Path root) throws IOException {
    this.root = root;
    Path plugins = root.resolve("install").resolve("plugins");
    Files.createDirectories(plugins);
    for (String property : List.of("nym.test.pluginJar", "nym.test.mixnodeJar")) {
      Path jar = Path.of(System.getProperty(property));
      assertThat(jar).as(property).exists();
      Files.copy(jar, plugins.resolve(jar.getFileName()));
    }
    Path user = root.resolve("user");
    Files.createDirectories(user);
    host = NymHost.open(new HostEnvironment(
        List.of(plugins),
        user,
        Map.of("NYM_HOME", homes().toString()),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        () -> {
          throw new IOException("no terminal in tests");
        }));
    assertThat(host.plugins().status("gateway")).as("gateway plugin loaded").isPresent();
  }

  Path homes() {
    return root.resolve("nym");
  }

  NodeHome home(String kind, String id) {
    return new FileNodeHomes(homes()).home(kind, id);
  }

  synchronized Result run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    int code = host.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  NymService create(String kind, String id) throws Exception {
    return host.plugins().services().create(kind, home(kind, id));
  }

  /** Runs {@code init} for a node on loopback with free ports and edits its config. */
  Result init(String kind, String id, UnaryOperator<String> edit, String... extra)
      throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(kind, "init", "--id", id, "--host",
        "127.0.0.1", "--mix-port", String.valueOf(freePort()), "--http-api-port",
        String.valueOf(freePort()), "-o", "json"));
    if (kind.equals("gateway")) {
      args.addAll(List.of("--clients-port", String.valueOf(freePort())));
    }
    args.addAll(List.of(extra));
    Result r = run(args.toArray(new String[0]));
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path config = home(kind, id).configFile();
    String text = Files.readString(config)
        .replace("window = \"30m\"", "window = \"1m\"")
        .replace("packets_per_second = 2000\n", "packets_per_second = 200\n")
        .replace("shutdown_grace = \"5s\"", "shutdown_grace = \"1s\"")
        .replace("bind_address = \"0.0.0.0\"", "bind_address = \"127.0.0.1\"");
    Files.writeString(config, edit.apply(text));
    return r;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    host.close();
  }
}
