package net.nym.testing;

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
 * A real {@code nym} host for a plugin's tests: its bundled plugins directory holds the plugin jars
 * that Maven built before the tests (named by system properties), node homes live in a temporary
 * directory, and the output of each command line is captured.
 */
public class NymTestHost implements AutoCloseable {

  /** The outcome of one command line. */
  public record Result(int exitCode, String out, String err) {
    /** The standard output parsed as JSON (for {@code -o json}). */
    public JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }
  }

  private final Path root;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final NymHost host;

  /**
   * Opens a host under {@code root} with the jars named by the system properties {@code
   * jarProperties} as bundled plugins, and checks that plugin {@code expected} loaded.
   */
  public NymTestHost(Path root, List<String> jarProperties, String expected) throws IOException {
    this.root = root;
    Path plugins = root.resolve("install").resolve("plugins");
    Files.createDirectories(plugins);
    for (String property : jarProperties) {
      String value = System.getProperty(property);
      assertThat(value).as("system property " + property).isNotNull();
      Path jar = Path.of(value);
      assertThat(jar).as(property).exists();
      Files.copy(jar, plugins.resolve(jar.getFileName()));
    }
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
    assertThat(host.plugins().status(expected)).as(expected + " plugin loaded").isPresent();
  }

  /** The node-homes root. */
  public Path homes() {
    return root.resolve("nym");
  }

  /** The home of node {@code id} of {@code kind}. */
  public NodeHome home(String kind, String id) {
    return new FileNodeHomes(homes()).home(kind, id);
  }

  /** Runs one command line. */
  public synchronized Result run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    int code = host.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Creates (unstarted) the service of node {@code id} of {@code kind} through the registry. */
  public NymService create(String kind, String id) throws Exception {
    return host.plugins().services().create(kind, home(kind, id));
  }

  @Override
  public void close() {
    host.close();
  }
}
