package net.nym.cli.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.nym.cli.HostEnvironment;
import net.nym.cli.NymHost;

/**
 * A real {@link NymHost} over temporary directories: {@code <tmp>/install/plugins} (bundled) and
 * {@code <tmp>/user/.nym/plugins} (the user's), with stdout and stderr captured.
 */
public final class TestNym implements AutoCloseable {

  /** The outcome of one command line. */
  public record Result(int exitCode, String out, String err) {}

  private final Path root;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private HostEnvironment.TerminalFactory terminals =
      () -> {
        throw new IOException("no terminal in this test");
      };
  private Map<String, String> env = Map.of();
  private NymHost host;

  /** A host layout under {@code root} (usually a JUnit {@code @TempDir}). */
  public TestNym(Path root) {
    this.root = root;
  }

  /** The bundled plugins directory, {@code <root>/install/plugins}. */
  public Path installPlugins() {
    return root.resolve("install").resolve("plugins");
  }

  /** The user's home directory, {@code <root>/user}. */
  public Path userHome() {
    return root.resolve("user");
  }

  /** The user's plugin directory, {@code <root>/user/.nym/plugins}. */
  public Path userPlugins() {
    return userHome().resolve(".nym").resolve("plugins");
  }

  /** Copies the hello example plugin, built by Maven, into the bundled plugins directory. */
  public TestNym withHelloPlugin() throws IOException {
    Files.createDirectories(installPlugins());
    Files.copy(helloJar(), installPlugins().resolve(helloJar().getFileName()));
    return this;
  }

  /** The hello example plugin's jar in {@code target/test-plugins}. */
  public static Path helloJar() throws IOException {
    Path dir = Path.of(System.getProperty("nym.test.plugins"));
    try (var jars = Files.list(dir)) {
      return jars.filter(p -> p.getFileName().toString().startsWith("nym-hello-plugin"))
          .findFirst()
          .orElseThrow(() -> new IOException("no hello plugin jar in " + dir));
    }
  }

  /** Uses these environment variables (default: none). */
  public TestNym withEnv(Map<String, String> env) {
    this.env = env;
    return this;
  }

  /** Uses this terminal factory for {@code nym shell}. */
  public TestNym withTerminals(HostEnvironment.TerminalFactory terminals) {
    this.terminals = terminals;
    return this;
  }

  /** Opens the host (loading the plugins) on first use. */
  public NymHost host() throws IOException {
    if (host == null) {
      Files.createDirectories(userHome());
      host =
          NymHost.open(
              new HostEnvironment(
                  List.of(installPlugins(), userPlugins()),
                  userHome(),
                  env,
                  new PrintWriter(out, true),
                  new PrintWriter(err, true),
                  terminals));
    }
    return host;
  }

  /** Runs one command line; the result holds only this run's output. */
  public Result run(String... args) throws IOException {
    NymHost h = host();
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    int exitCode = h.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  @Override
  public void close() {
    if (host != null) {
      host.close();
    }
  }
}
