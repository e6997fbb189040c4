package net.nym.plugin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.nym.testing.NymTestHost;

/**
 * A real {@code nym} host with this module's plugin jar and the mixnode plugin's jar (both built by
 * Maven before the tests), and a helper that initialises nodes on loopback.
 */
final class NymWithGateway extends NymTestHost {
  NymWithGateway(Path root) throws IOException {
    super(root, List.of("nym.test.pluginJar", "nym.test.mixnodeJar"), "gateway");
  }

  /** Runs {@code init} for a node on loopback with free ports and edits its config. */
  Result init(String kind, String id, UnaryOperator<String> edit, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(kind, "init", "--id", id, "--host",
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
}
