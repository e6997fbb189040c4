package net.nym.plugin.validator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.nym.api.home.NodeHome;
import net.nym.api.service.NymService;
import net.nym.cli.HostEnvironment;
import net.nym.cli.NymHost;
import net.nym.cli.home.FileNodeHomes;

/**
 * A real {@code nym} host whose bundled plugins directory holds the validator plugin jar (built by
 * Maven before the tests), with node homes in a temporary directory and output captured.
 */
final class NymWithValidator implements AutoCloseable {

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

  NymWithValidator(Path root) throws IOException {
    this.root = root;
    Path plugins = root.resolve("install").resolve("plugins");
    Files.createDirectories(plugins);
    Path jar = Path.of(System.getProperty("nym.test.pluginJar"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    Path user = root.resolve("user");
    Files.createDirectories(user);
    host =
        NymHost.open(
            new HostEnvironment(
                List.of(plugins),
                user,
                Map.of("NYM_HOME", homes().toString()),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                () -> {
                  throw new IOException("no terminal in tests");
                }));
    assertThat(host.plugins().status("validator")).as("validator plugin loaded").isPresent();
  }

  /** The node-homes root. */
  Path homes() {
    return root.resolve("nym");
  }

  /** The home of {@code kind} {@code id}. */
  NodeHome home(String kind, String id) {
    return new FileNodeHomes(homes()).home(kind, id);
  }

  /** Runs one command line. */
  synchronized Result run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    int code = host.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Creates (unstarted) the validator {@code id} through the host's service registry. */
  NymService create(String id) throws Exception {
    return host.plugins().services().create("validator", home("validator", id));
  }

  @Override
  public void close() {
    host.close();
  }
}
