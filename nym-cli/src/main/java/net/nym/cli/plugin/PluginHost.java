package net.nym.cli.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.nym.api.CommandProvider;
import net.nym.api.service.ServiceFactory;
import net.nym.cli.plugin.PluginStatus.State;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import picocli.CommandLine;

/**
 * Loads the plugins, mounts their commands on the root command and registers their services.
 *
 * <p>{@link #start} does everything once, on the calling thread, before any command runs:
 *
 * <ol>
 *   <li>PF4J loads every jar in the roots (see {@link NymPluginManager}), resolves dependencies and
 *       starts the plugins in dependency order.
 *   <li>For each started plugin, in root order and then by id, it asks the plugin's {@link
 *       CommandProvider}s for commands and its {@link ServiceFactory}s for their kinds, with the
 *       plugin's {@link HostPluginContext} and its class loader as context class loader.
 *   <li>If a command name or alias is a built-in, or was mounted from an earlier plugin, or a
 *       service kind is taken, or any of those calls throws, the whole plugin is skipped (and
 *       stopped), and so is every plugin that requires it; otherwise its commands are mounted and
 *       its factories registered.
 * </ol>
 *
 * <p>The outcome of every jar is a {@link PluginStatus}; each problem is also one {@link Problem}
 * for the host to report once.
 */
public final class PluginHost implements AutoCloseable {

  /**
   * A plugin that was skipped, as one line for the operator.
   *
   * @param line e.g. {@code plugin 'x' skipped: start() failed: IllegalStateException: ...}
   * @param cause the exception behind it, or {@code null}
   */
  public record Problem(String line, Throwable cause) {}

  private final NymPluginManager manager;
  private final List<Path> roots;
  private final Map<String, HostPluginContext> contexts = new HashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final Map<String, Throwable> causes = new HashMap<>();
  private final Map<String, List<String>> commandsByPlugin = new HashMap<>();
  private final Map<String, String> commandOwners = new HashMap<>();
  private final Services services = new Services();
  private final List<PluginStatus> statuses = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  private PluginHost(List<Path> roots, NymPluginManager manager) {
    this.roots = List.copyOf(roots);
    this.manager = manager;
  }

  /**
   * Loads and starts the plugins in {@code roots} and mounts their commands on {@code root}, whose
   * built-in subcommands must already be added.
   *
   * @param roots absolute plugin directories (missing ones are fine); may be empty
   * @param hostVersion the host version, for {@code Plugin-Requires}
   * @param services the host services handed to plugins through their contexts
   * @param root the root command
   */
  public static PluginHost start(
      List<Path> roots, String hostVersion, HostServices services, CommandLine root) {
    PluginHost host =
        new PluginHost(roots, roots.isEmpty() ? null : new NymPluginManager(roots, hostVersion));
    if (host.manager != null) {
      host.manager.loadPlugins();
      host.manager.startPlugins();
      host.mountAll(services, root);
      host.collectStatuses();
    }
    return host;
  }

  /** The plugin directories searched, in order (including missing ones). */
  public List<Path> roots() {
    return roots;
  }

  /** Every plugin jar found, sorted by id. */
  public List<PluginStatus> statuses() {
    return List.copyOf(statuses);
  }

  /** The status of plugin {@code id} (or of a jar listed under its file name). */
  public Optional<PluginStatus> status(String id) {
    return statuses.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The number of plugins started and mounted. */
  public long startedCount() {
    return statuses.stream().filter(s -> s.state() == State.STARTED).count();
  }

  /** The skipped plugins, one line each. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** The service factories of the started plugins. */
  public Services services() {
    return services;
  }

  /** The id of the plugin that contributed top-level command {@code name}, if one did. */
  public Optional<String> commandOwner(String name) {
    return Optional.ofNullable(commandOwners.get(name));
  }

  /** The class loader of started plugin {@code id}. */
  public Optional<ClassLoader> classLoader(String id) {
    return Optional.ofNullable(manager == null ? null : manager.getPlugin(id))
        .map(PluginWrapper::getPluginClassLoader);
  }

  /** Stops the plugins in reverse start order and closes their class loaders. */
  @Override
  public void close() {
    if (manager != null) {
      manager.stopPlugins();
      manager.unloadPlugins();
    }
  }

  private void mountAll(HostServices hostServices, CommandLine root) {
    Set<String> builtIns = Set.copyOf(root.getSubcommands().keySet());
    List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
    started.sort(
        Comparator.comparingInt((PluginWrapper p) -> rootIndex(p.getPluginPath()))
            .thenComparing(PluginWrapper::getPluginId));
    // 1. Collect each plugin's contribution; the first plugin to claim a name or kind keeps it.
    Map<String, Contribution> accepted = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    Map<String, String> kinds = new HashMap<>();
    for (PluginWrapper plugin : started) {
      String id = plugin.getPluginId();
      HostPluginContext context =
          contexts.computeIfAbsent(id, pluginId -> new HostPluginContext(pluginId, hostServices));
      try {
        Contribution contribution =
            ContextClassLoader.call(
                plugin.getPluginClassLoader(), () -> Contribution.collect(manager, id, context));
        String clash = clash(contribution, builtIns, names, kinds);
        if (clash != null) {
          fail(id, clash, null);
          continue;
        }
        for (CommandLine command : contribution.commands()) {
          command.getCommandSpec().names().forEach(name -> names.put(name, id));
        }
        contribution.factories().keySet().forEach(kind -> kinds.put(kind, id));
        accepted.put(id, contribution);
      } catch (ContributionException e) {
        fail(id, e.getMessage(), e.getCause());
      } catch (RuntimeException | LinkageError e) {
        fail(id, "its extensions could not be created: " + describe(e), e);
      }
    }
    // 2. A plugin whose required dependency was skipped is skipped too (in dependency order).
    for (PluginWrapper plugin : manager.getStartedPlugins()) {
      for (PluginDependency dependency : plugin.getDescriptor().getDependencies()) {
        if (accepted.containsKey(plugin.getPluginId())
            && !dependency.isOptional()
            && failures.containsKey(dependency.getPluginId())) {
          accepted.remove(plugin.getPluginId());
          fail(
              plugin.getPluginId(),
              "it needs plugin '" + dependency.getPluginId() + "', which was skipped",
              null);
        }
      }
    }
    // 3. Mount the rest; stop the skipped ones.
    accepted.forEach((id, contribution) -> mount(id, contribution, root));
    for (String id : failures.keySet()) {
      manager.stopAlone(id);
    }
  }

  private void mount(String id, Contribution contribution, CommandLine root) {
    List<String> mounted = new ArrayList<>();
    for (CommandLine command : contribution.commands()) {
      root.addSubcommand(command);
      mounted.add(command.getCommandName());
      command.getCommandSpec().names().forEach(name -> commandOwners.put(name, id));
    }
    commandsByPlugin.put(id, mounted);
    ClassLoader loader = manager.getPlugin(id).getPluginClassLoader();
    contribution
        .factories()
        .forEach(
            (kind, factory) ->
                services.add(
                    new Services.Registration(kind, id, factory, contexts.get(id), loader)));
  }

  /** Why {@code contribution} cannot be mounted, or {@code null} if it can. */
  private static String clash(
      Contribution contribution,
      Set<String> builtIns,
      Map<String, String> names,
      Map<String, String> kinds) {
    Set<String> own = new LinkedHashSet<>();
    for (CommandLine command : contribution.commands()) {
      for (String name : command.getCommandSpec().names()) {
        if (builtIns.contains(name)) {
          return "command '" + name + "' is a built-in command of nym";
        }
        if (names.containsKey(name)) {
          return "command '" + name + "' is already provided by plugin '" + names.get(name) + "'";
        }
        if (!own.add(name)) {
          return "it provides command '" + name + "' twice";
        }
      }
    }
    for (String kind : contribution.factories().keySet()) {
      if (kinds.containsKey(kind)) {
        return "service kind '"
            + kind
            + "' is already provided by plugin '"
            + kinds.get(kind)
            + "'";
      }
    }
    return null;
  }

  private void fail(String id, String reason, Throwable cause) {
    failures.put(id, reason);
    if (cause != null) {
      causes.put(id, cause);
    }
  }

  private void collectStatuses() {
    Map<String, PluginStatus> byId = new TreeMap<>();
    Map<Path, Problem> problemsByPath = new LinkedHashMap<>();
    for (PluginWrapper plugin : manager.getPlugins()) {
      String id = plugin.getPluginId();
      PluginDescriptor descriptor = plugin.getDescriptor();
      State state;
      String reason;
      Throwable cause = causes.get(id);
      if (failures.containsKey(id)) {
        state = State.FAILED;
        reason = failures.get(id);
      } else if (plugin.getPluginState() == PluginState.STARTED) {
        state = State.STARTED;
        reason = "";
      } else if (plugin.getPluginState().isDisabled() && plugin.getFailedException() == null) {
        state = State.DISABLED;
        reason = "listed in " + roots.get(roots.size() - 1).resolve("disabled.txt");
      } else if (plugin.getPluginState().isDisabled()) {
        state = State.FAILED;
        reason =
            "it requires nym "
                + descriptor.getRequires()
                + ", but this is nym "
                + manager.getSystemVersion();
      } else {
        state = State.FAILED;
        cause = plugin.getFailedException();
        reason =
            cause == null
                ? "it did not start (state " + plugin.getPluginState() + ")"
                : "start() failed: " + describe(cause);
      }
      byId.put(id, status(id, descriptor, plugin.getPluginPath(), state, reason));
      if (state == State.FAILED) {
        problemsByPath.put(
            plugin.getPluginPath(), new Problem("plugin '" + id + "' skipped: " + reason, cause));
      }
    }
    for (NymPluginManager.Rejected rejected : manager.rejected()) {
      PluginDescriptor descriptor = rejected.descriptor();
      String name = rejected.path().getFileName().toString();
      boolean known = descriptor != null && !nullToEmpty(descriptor.getPluginId()).isBlank();
      String id = known ? descriptor.getPluginId() : name;
      // A second jar with a loaded plugin's id is listed under its file name.
      String key = byId.containsKey(id) ? name : id;
      byId.put(
          key,
          status(key, known ? descriptor : null, rejected.path(), State.FAILED, rejected.reason()));
      String who = known ? "plugin '" + id + "'" : "plugin jar '" + name + "'";
      problemsByPath.put(
          rejected.path(), new Problem(who + " skipped: " + rejected.reason(), rejected.cause()));
    }
    statuses.addAll(byId.values());
    problems.addAll(problemsByPath.values());
  }

  private PluginStatus status(
      String id, PluginDescriptor descriptor, Path path, State state, String reason) {
    if (descriptor == null) {
      return new PluginStatus(
          id,
          "",
          state,
          reason,
          path.toString(),
          "",
          "",
          "",
          "",
          "",
          List.of(),
          List.of(),
          List.of(),
          List.of());
    }
    List<String> dependencies = new ArrayList<>();
    for (PluginDependency dependency : descriptor.getDependencies()) {
      String support = dependency.getPluginVersionSupport();
      dependencies.add(
          dependency.getPluginId()
              + ("*".equals(support) ? "" : "@" + support)
              + (dependency.isOptional() ? "?" : ""));
    }
    List<String> extensions =
        manager.getPlugin(id) == null
            ? List.of()
            : manager.getExtensionClassNames(id).stream().sorted().toList();
    List<String> kinds =
        state == State.STARTED
            ? services.kinds().stream()
                .filter(k -> services.get(k).map(r -> r.pluginId().equals(id)).orElse(false))
                .toList()
            : List.of();
    return new PluginStatus(
        id,
        nullToEmpty(descriptor.getVersion()),
        state,
        reason,
        path.toString(),
        nullToEmpty(descriptor.getPluginDescription()),
        nullToEmpty(descriptor.getProvider()),
        nullToEmpty(descriptor.getRequires()),
        nullToEmpty(descriptor.getLicense()),
        nullToEmpty(descriptor.getPluginClass()),
        dependencies,
        extensions,
        state == State.STARTED ? commandsByPlugin.getOrDefault(id, List.of()) : List.of(),
        kinds);
  }

  private int rootIndex(Path jar) {
    int index = roots.indexOf(jar.getParent());
    return index < 0 ? roots.size() : index;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  /** {@code Type: message} on one line; just the message for PF4J's own exceptions. */
  static String describe(Throwable e) {
    String message = NymPluginManager.message(e);
    if (e instanceof PluginRuntimeException || message.equals(e.getClass().getName())) {
      return message;
    }
    return e.getClass().getSimpleName() + ": " + message;
  }

  /** A plugin extension failed; the message says which and how. */
  private static final class ContributionException extends Exception {
    private static final long serialVersionUID = 1L;

    ContributionException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What one plugin offers: its commands, and its service factories by kind. */
  private record Contribution(List<CommandLine> commands, Map<String, ServiceFactory> factories) {

    static Contribution collect(NymPluginManager manager, String id, HostPluginContext context)
        throws ContributionException {
      List<CommandLine> commands = new ArrayList<>();
      for (CommandProvider provider : manager.getExtensions(CommandProvider.class, id)) {
        String where = provider.getClass().getName() + ".commands()";
        List<Object> objects;
        try {
          objects = provider.commands(context);
        } catch (RuntimeException | LinkageError e) {
          throw new ContributionException(where + " failed: " + describe(e), e);
        }
        if (objects == null) {
          throw new ContributionException(where + " returned null", null);
        }
        for (Object object : objects) {
          commands.add(commandLine(where, object));
        }
      }
      Map<String, ServiceFactory> factories = new LinkedHashMap<>();
      for (ServiceFactory factory : manager.getExtensions(ServiceFactory.class, id)) {
        String where = factory.getClass().getName() + ".kind()";
        String kind;
        try {
          kind = factory.kind();
        } catch (RuntimeException | LinkageError e) {
          throw new ContributionException(where + " failed: " + describe(e), e);
        }
        if (kind == null || kind.isBlank()) {
          throw new ContributionException(where + " returned no kind", null);
        }
        if (factories.putIfAbsent(kind, factory) != null) {
          throw new ContributionException("it provides service kind '" + kind + "' twice", null);
        }
      }
      return new Contribution(commands, factories);
    }

    private static CommandLine commandLine(String where, Object object)
        throws ContributionException {
      if (object == null) {
        throw new ContributionException(where + " returned a null command", null);
      }
      CommandLine command;
      try {
        command = object instanceof CommandLine given ? given : new CommandLine(object);
      } catch (CommandLine.InitializationException e) {
        throw new ContributionException(
            "invalid command " + object.getClass().getName() + ": " + describe(e), e);
      }
      if (CommandLine.Model.CommandSpec.DEFAULT_COMMAND_NAME.equals(command.getCommandName())) {
        throw new ContributionException(
            "command " + object.getClass().getName() + " has no name", null);
      }
      return command;
    }
  }
}
