package net.nym.cli;

import net.nym.cli.commands.PluginsCommand;
import net.nym.cli.completion.CompletionCommand;
import net.nym.cli.shell.ShellCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;

/**
 * The root command {@code nym}, and the program's {@code main}.
 *
 * <p>The root only holds the global options; {@link NymHost} reads them from each parse result and
 * mounts the plugin commands next to the built-in ones declared here. Not {@code Runnable}: {@code
 * nym} alone is a usage error that lists the commands.
 */
@Command(
    name = "nym",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "The Nym mixnet on the JVM: mixnodes, gateways, validators and clients in one command.",
      "Each part is a plugin; `nym plugins list` shows what is installed."
    },
    subcommands = {
      PluginsCommand.class,
      ShellCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  NYM_HOME       node homes root when --home is not given (default ~/.nym)",
      "  NYM_JAVA_OPTS  extra JVM options for bin/nym, e.g. -Xmx1g",
      "",
      "Plugins are loaded from <install dir>/plugins and ~/.nym/plugins."
    })
public final class Nym {

  /** The name of the {@code --home} option. */
  static final String HOME_OPTION = "--home";

  /** The short name of the {@code --verbose} option. */
  static final String VERBOSE_OPTION = "-v";

  @Option(
      names = HOME_OPTION,
      paramLabel = "DIR",
      description = "Root of the node homes (default: $NYM_HOME, else ~/.nym).")
  private String home;

  @Option(
      names = {VERBOSE_OPTION, "--verbose"},
      description = "More output: -v shows INFO logs and error stack traces, -vv DEBUG logs.")
  private boolean[] verbose;

  /** The {@code --home} value of the last parse, or {@code null}. */
  String home() {
    return home;
  }

  /** How many times {@code -v} was given in the last parse. */
  int verbosity() {
    return verbose == null ? 0 : verbose.length;
  }

  /**
   * Runs {@code nym} with {@code args} in the real environment and exits with the command's exit
   * code: 0 for success, 1 for an error, 2 for a usage error.
   */
  public static void main(String[] args) {
    NymHost host;
    try {
      host = NymHost.open(HostEnvironment.system());
    } catch (RuntimeException | LinkageError e) {
      // Broken plugins are skipped and reported by the host; this is the host itself failing.
      System.err.println("nym: cannot start: " + e);
      System.exit(1);
      return;
    }
    // A command that runs until Ctrl-C or SIGTERM never returns here: release plugins and the
    // event loop on the way out too. close() is idempotent.
    Runtime.getRuntime().addShutdownHook(new Thread(host::close, "nym-shutdown"));
    int exitCode;
    try (host) {
      exitCode = host.execute(args);
    }
    System.exit(exitCode);
  }
}
