package net.nym.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * What {@code nym} takes from its surroundings: where plugins are, the user's home directory, the
 * environment variables, where output goes and how the shell gets a terminal.
 *
 * @param pluginRoots the absolute plugin directories, searched in this order (see {@link
 *     #pluginRoots(Path, Path)})
 * @param userHome the user's home directory (absolute); {@code ~} in paths, and {@code ~/.nym} for
 *     the node homes unless {@code --home} or {@code NYM_HOME} says otherwise
 * @param env the environment variables
 * @param out standard output for commands
 * @param err standard error for commands and warnings
 * @param terminals opens the terminal for {@code nym shell}
 */
public record HostEnvironment(
    List<Path> pluginRoots,
    Path userHome,
    Map<String, String> env,
    PrintWriter out,
    PrintWriter err,
    TerminalFactory terminals) {

  /**
   * The system property with the installation directory, set by {@code bin/nym}: its {@code
   * plugins/} holds the bundled plugins.
   */
  public static final String INSTALL_DIR_PROPERTY = "nym.install";

  /** Opens a terminal for the interactive shell. */
  @FunctionalInterface
  public interface TerminalFactory {
    /** Opens the terminal; the caller closes it. */
    Terminal open() throws IOException;
  }

  public HostEnvironment {
    pluginRoots = List.copyOf(pluginRoots);
    for (Path root : pluginRoots) {
      if (!root.isAbsolute()) {
        throw new IllegalArgumentException("plugin directory must be absolute: " + root);
      }
    }
    if (!userHome.isAbsolute()) {
      throw new IllegalArgumentException("user home must be absolute: " + userHome);
    }
    env = Map.copyOf(env);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(terminals, "terminals");
  }

  /**
   * The plugin directories: {@code <installDir>/plugins} (bundled plugins) if there is an
   * installation directory, then {@code <userHome>/.nym/plugins} (the user's).
   *
   * @param installDir the installation directory, or {@code null} when not run from one
   * @param userHome the user's home directory
   */
  public static List<Path> pluginRoots(Path installDir, Path userHome) {
    List<Path> roots = new ArrayList<>();
    if (installDir != null) {
      roots.add(installDir.toAbsolutePath().normalize().resolve("plugins"));
    }
    roots.add(userHome.toAbsolutePath().normalize().resolve(".nym").resolve("plugins"));
    return roots;
  }

  /**
   * The real process: install directory from {@value #INSTALL_DIR_PROPERTY}, user home from {@code HOME} (else the {@code user.home}
   * property), {@code System.getenv()}, {@code System.out}/{@code System.err}, and the system
   * terminal (a dumb one when there is no console).
   */
  public static HostEnvironment system() {
    Map<String, String> env = System.getenv();
    String install = System.getProperty(INSTALL_DIR_PROPERTY);
    String home = env.get("HOME");
    Path userHome =
        Path.of(
                home != null && !home.isBlank() && Path.of(home).isAbsolute()
                    ? home
                    : System.getProperty("user.home"))
            .toAbsolutePath();
    Path installDir = install == null || install.isBlank() ? null : Path.of(install);
    return new HostEnvironment(
        pluginRoots(installDir, userHome),
        userHome,
        env,
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        () -> TerminalBuilder.builder().name("nym").system(true).dumb(true).build());
  }
}
