package net.nym.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import net.nym.api.home.NodeHomes;
import net.nym.cli.config.TomlConfigService;
import net.nym.cli.home.FileNodeHomes;
import net.nym.cli.keys.PemKeyStore;
import net.nym.cli.logging.Logging;
import net.nym.cli.plugin.ContextClassLoader;
import net.nym.cli.plugin.HostServices;
import net.nym.cli.plugin.PluginHost;
import net.nym.cli.plugin.PluginStatus;
import org.slf4j.MDC;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * One {@code nym} process: the command tree (built-ins plus plugin commands), the plugins and the
 * host services, assembled from a {@link HostEnvironment}.
 *
 * <p>{@link #open} loads the plugins and builds the tree; {@link #execute} runs one command line
 * (any number of times: the shell runs every line through it); {@link #close} stops the plugins and
 * releases the shared resources.
 *
 * <p>Each execution:
 *
 * <ul>
 *   <li>takes {@code --home} and {@code -v} from the command line, else from the {@linkplain
 *       #inSession session defaults} (none outside the shell);
 *   <li>reports the skipped plugins on stderr, once per process (with stack traces under {@code
 *       -v});
 *   <li>runs a plugin's command with the plugin's class loader as context class loader and its id
 *       in the logging MDC;
 *   <li>exits 0 on success, 2 on a usage error (message and a hint), 1 on any other error (one
 *       line, {@code nym <command>: message}; the stack trace only under {@code -v}).
 * </ul>
 */
public final class NymHost implements AutoCloseable {

  private final HostEnvironment env;
  private final String version = NymVersion.get();
  private final Logging logging = new Logging();
  private final HostServices services;
  private final CommandLine root;
  private final PluginHost plugins;
  private final AtomicBoolean problemsReported = new AtomicBoolean();
  private volatile GlobalOptions defaults = GlobalOptions.NONE;
  private volatile GlobalOptions current = GlobalOptions.NONE;
  private boolean closed;

  private NymHost(HostEnvironment env) {
    this.env = env;
    // Quiet until a command line says otherwise (PF4J logs while the plugins load).
    logging.setVerbosity(0);
    this.services =
        new HostServices(version, this::homes, TomlConfigService::new, PemKeyStore::new, logging);
    this.root = new CommandLine(new Nym(), new HostFactory(this));
    this.plugins = PluginHost.start(env.pluginRoots(), version, services, root);
    // Settings below apply to the subcommands present, so they come after the plugins'.
    root.setOut(env.out());
    root.setErr(env.err());
    root.setExecutionStrategy(this::run);
    root.setExecutionExceptionHandler(this::handleExecutionException);
    root.setParameterExceptionHandler(this::handleParameterException);
    root.getCommandSpec().versionProvider(this::versionLines);
    root.getHelpSectionMap()
        .put(
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            new CommandListRenderer(plugins::commandOwner));
  }

  /** Loads the plugins from {@code env} and builds the command tree. */
  public static NymHost open(HostEnvironment env) {
    return new NymHost(env);
  }

  /** Runs one command line; returns its exit code. */
  public int execute(String... args) {
    return root.execute(args);
  }

  /** The root of the command tree. */
  public CommandLine commandLine() {
    return root;
  }

  /** The environment this host was opened with. */
  public HostEnvironment environment() {
    return env;
  }

  /** The loaded plugins. */
  public PluginHost plugins() {
    return plugins;
  }

  /** The host version. */
  public String version() {
    return version;
  }

  /** The global options of the command running now (or of the last one). */
  public GlobalOptions options() {
    return current;
  }

  /**
   * The root of the node homes for the command running now: {@code --home}, else {@code NYM_HOME},
   * else {@code ~/.nym}.
   *
   * @throws IllegalArgumentException if the value given is not a usable path
   */
  public Path homesRoot() {
    return FileNodeHomes.resolveRoot(current.home(), env.env(), env.userHome());
  }

  /**
   * Runs {@code body} with the current global options as defaults for every command line it
   * executes: in {@code nym -v --home X shell}, each line runs as if it had {@code -v --home X},
   * unless it gives its own.
   */
  public <T> T inSession(Callable<T> body) throws Exception {
    GlobalOptions saved = defaults;
    defaults = current;
    try {
      return body.call();
    } finally {
      defaults = saved;
    }
  }

  /** Stops the plugins, shuts down the event loop and closes log files. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      plugins.close();
    } finally {
      services.close();
    }
  }

  private NodeHomes homes() {
    return new FileNodeHomes(homesRoot());
  }

  private int run(ParseResult parsed) {
    Nym options = root.getCommand();
    current =
        new GlobalOptions(
            parsed.hasMatchedOption(Nym.HOME_OPTION) ? options.home() : defaults.home(),
            parsed.hasMatchedOption(Nym.VERBOSE_OPTION)
                ? options.verbosity()
                : defaults.verbosity());
    logging.setVerbosity(current.verbosity());
    reportPluginProblems(root.getErr());
    Optional<String> owner =
        parsed.hasSubcommand()
            ? plugins.commandOwner(parsed.subcommand().commandSpec().name())
            : Optional.empty();
    if (owner.isEmpty()) {
      return new CommandLine.RunLast().execute(parsed);
    }
    ClassLoader loader = plugins.classLoader(owner.get()).orElseThrow();
    MDC.put(Logging.MDC_PLUGIN, owner.get());
    try {
      return ContextClassLoader.call(loader, () -> new CommandLine.RunLast().execute(parsed));
    } finally {
      MDC.remove(Logging.MDC_PLUGIN);
    }
  }

  private void reportPluginProblems(PrintWriter err) {
    if (!problemsReported.compareAndSet(false, true)) {
      return;
    }
    for (PluginHost.Problem problem : plugins.problems()) {
      err.println("nym: " + problem.line());
      if (current.verbosity() > 0 && problem.cause() != null) {
        problem.cause().printStackTrace(err);
      }
    }
    err.flush();
  }

  private int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getName();
    }
    err.println(
        command.getCommandSpec().qualifiedName()
            + ": "
            + message.strip().replaceAll("\\s*\\R\\s*", " "));
    if (current.verbosity() > 0) {
      e.printStackTrace(err);
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }

  private int handleParameterException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    reportPluginProblems(err);
    CommandSpec spec = command.getCommandSpec();
    err.println(spec.qualifiedName() + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    String path = spec.qualifiedName().substring(spec.root().name().length());
    err.println(
        "Try '"
            + spec.root().name()
            + (path.isEmpty() ? " --help" : " help" + path)
            + "' for more information.");
    err.flush();
    return spec.exitCodeOnInvalidInput();
  }

  private String[] versionLines() {
    long failed =
        plugins.statuses().stream().filter(s -> s.state() == PluginStatus.State.FAILED).count();
    return new String[] {
      "nym " + version,
      "Java "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.vendor")
          + ", "
          + System.getProperty("java.vm.name")
          + ")",
      "Plugins: "
          + plugins.startedCount()
          + " loaded"
          + (failed == 0 ? "" : ", " + failed + " failed (see nym plugins list)")
    };
  }
}
