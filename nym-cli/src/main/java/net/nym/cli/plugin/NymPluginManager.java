package net.nym.cli.plugin;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginStatusProvider;
import org.pf4j.DependencyResolver;
import org.pf4j.InvalidPluginDescriptorException;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's plugin manager, set up for nym.
 *
 * <ul>
 *   <li>Plugins are jars (with the descriptor in the manifest) in the given absolute roots, loaded
 *       in root order and then by file name; never a relative or working-directory path, and the
 *       {@code pf4j.pluginsDir} and {@code pf4j.mode} system properties are ignored.
 *   <li>{@code Plugin-Requires} is checked against the host version.
 *   <li>Each plugin's class loader has {@link HostApiClassLoader} as parent.
 *   <li>A plugin that cannot be loaded or resolved (bad manifest, duplicate id, missing or
 *       wrong-version dependency, cyclic dependencies) is unloaded alone and remembered as {@link
 *       Rejected}, instead of failing the whole load.
 *   <li>{@code start()} and {@code stop()} run with the plugin's context class loader.
 *   <li>{@code disabled.txt} / {@code enabled.txt} are read from the last root (the user's).
 * </ul>
 */
final class NymPluginManager extends DefaultPluginManager {

  /**
   * A jar that PF4J could not load or resolve.
   *
   * @param path the jar
   * @param descriptor its descriptor (possibly without id or version), or {@code null} if the
   *     manifest could not be read
   * @param reason one line for the operator
   * @param cause the underlying exception
   */
  record Rejected(Path path, PluginDescriptor descriptor, String reason, Throwable cause) {}

  private static final ClassLoader HOST_API =
      new HostApiClassLoader(NymPluginManager.class.getClassLoader());

  private final Map<Path, Rejected> rejected = new LinkedHashMap<>();

  /**
   * A manager for the jars in {@code roots}.
   *
   * @param roots absolute plugin directories, at least one; missing ones are skipped
   * @param hostVersion the version {@code Plugin-Requires} is checked against
   */
  NymPluginManager(List<Path> roots, String hostVersion) {
    super(requireAbsolute(roots));
    setSystemVersion(hostVersion);
    setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
  }

  private static List<Path> requireAbsolute(List<Path> roots) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no plugin roots");
    }
    for (Path root : roots) {
      if (!root.isAbsolute()) {
        throw new IllegalArgumentException("plugin root must be absolute: " + root);
      }
    }
    return List.copyOf(roots);
  }

  /** The jars that could not be loaded or resolved, in load order. */
  List<Rejected> rejected() {
    return List.copyOf(rejected.values());
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginRepository createPluginRepository() {
    List<Path> roots = List.copyOf(getPluginsRoots());
    JarPluginRepository repository = new JarPluginRepository(roots);
    repository.setComparator(
        Comparator.comparingInt((File jar) -> roots.indexOf(jar.getParentFile().toPath()))
            .thenComparing(File::getName));
    return repository;
  }

  @Override
  protected PluginDescriptorFinder createPluginDescriptorFinder() {
    return new ManifestPluginDescriptorFinder() {
      @Override
      protected Manifest readManifest(Path pluginPath) {
        Manifest manifest = super.readManifest(pluginPath);
        if (manifest == null) {
          throw new InvalidPluginDescriptorException("the jar has no META-INF/MANIFEST.MF");
        }
        return manifest;
      }
    };
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new JarPluginLoader(this) {
      @Override
      protected PluginClassLoader createPluginClassLoader(
          Path pluginPath, PluginDescriptor pluginDescriptor) {
        return new PluginClassLoader(pluginManager, pluginDescriptor, HOST_API);
      }
    };
  }

  @Override
  protected PluginFactory createPluginFactory() {
    return NymPluginManager::createPlugin;
  }

  @Override
  protected PluginStatusProvider createPluginStatusProvider() {
    List<Path> roots = getPluginsRoots();
    return new DefaultPluginStatusProvider(roots.get(roots.size() - 1));
  }

  @Override
  protected void validatePluginDescriptor(PluginDescriptor descriptor) {
    if (descriptor.getPluginId() == null || descriptor.getPluginId().isBlank()) {
      throw new InvalidPluginDescriptorException("the manifest has no Plugin-Id");
    }
    if (descriptor.getVersion() == null || descriptor.getVersion().isBlank()) {
      throw new InvalidPluginDescriptorException("the manifest has no Plugin-Version");
    }
  }

  @Override
  public void loadPlugins() {
    try {
      super.loadPlugins();
    } catch (DependencyResolver.CyclicDependencyException e) {
      for (PluginWrapper plugin : new ArrayList<>(getUnresolvedPlugins())) {
        reject(plugin, "its Plugin-Dependencies form a cycle", e);
      }
    }
  }

  @Override
  protected PluginWrapper loadPluginFromPath(Path pluginPath) {
    PluginDescriptor descriptor = null;
    try {
      descriptor = getPluginDescriptorFinder().find(pluginPath);
      validatePluginDescriptor(descriptor);
      PluginWrapper other = getPlugin(descriptor.getPluginId());
      if (other != null) {
        throw new PluginRuntimeException(
            "plugin id '{}' is already used by {}",
            descriptor.getPluginId(),
            other.getPluginPath().getFileName());
      }
      return super.loadPluginFromPath(pluginPath);
    } catch (RuntimeException e) {
      rejected.put(pluginPath, new Rejected(pluginPath, descriptor, message(e), e));
      throw e instanceof PluginRuntimeException pre ? pre : new PluginRuntimeException(e);
    }
  }

  /**
   * Unloads, one by one, the plugins whose dependencies are missing or of the wrong version, so
   * that PF4J's own recovery (which unloads a wrong-version dependency instead of its dependent)
   * never runs.
   */
  @Override
  protected DependencyResolver.Result resolveDependencies() {
    while (true) {
      List<PluginDescriptor> descriptors =
          getPlugins().stream().map(PluginWrapper::getDescriptor).toList();
      DependencyResolver.Result result = dependencyResolver.resolve(descriptors);
      if (result.isOK() || result.hasCyclicDependency()) {
        return super.resolveDependencies();
      }
      for (String missing : result.getNotFoundDependencies()) {
        for (String dependent : dependencyResolver.getDependents(missing)) {
          PluginWrapper plugin = getPlugin(dependent);
          if (plugin != null) {
            reject(plugin, "it needs plugin '" + missing + "', which is not installed", null);
          }
        }
      }
      for (DependencyResolver.WrongDependencyVersion wrong : result.getWrongVersionDependencies()) {
        PluginWrapper plugin = getPlugin(wrong.getDependentId());
        if (plugin != null) {
          reject(
              plugin,
              "it needs plugin '"
                  + wrong.getDependencyId()
                  + "' "
                  + wrong.getRequiredVersion()
                  + ", but "
                  + wrong.getExistingVersion()
                  + " is installed",
              null);
        }
      }
    }
  }

  private void reject(PluginWrapper plugin, String reason, Throwable cause) {
    Path path = plugin.getPluginPath();
    rejected.putIfAbsent(path, new Rejected(path, plugin.getDescriptor(), reason, cause));
    unloadPlugin(plugin.getPluginId(), false, false);
  }

  /** Starts the resolved, enabled plugins in dependency order, each with its context loader. */
  @Override
  public void startPlugins() {
    for (PluginWrapper plugin : new ArrayList<>(getResolvedPlugins())) {
      if (!plugin.getPluginState().isDisabled() && !plugin.getPluginState().isStarted()) {
        ContextClassLoader.run(
            plugin.getPluginClassLoader(), () -> startPlugin(plugin.getPluginId()));
      }
    }
  }

  /** Stops the started plugins in reverse start order, each with its context loader. */
  @Override
  public void stopPlugins() {
    List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
    Collections.reverse(started);
    for (PluginWrapper plugin : started) {
      ContextClassLoader.run(plugin.getPluginClassLoader(), () -> stopPlugin(plugin.getPluginId()));
    }
  }

  /**
   * Stops plugin {@code id} (with its context class loader) but not the plugins that depend on it:
   * the host decides about those itself.
   */
  void stopAlone(String id) {
    PluginWrapper plugin = getPlugin(id);
    if (plugin != null && plugin.getPluginState().isStarted()) {
      ContextClassLoader.run(plugin.getPluginClassLoader(), () -> stopPlugin(id, false));
    }
  }

  /**
   * Creates the {@code Plugin-Class} instance through its public no-argument constructor (a plain
   * {@link Plugin} when the manifest names none), failing with a message that says what is wrong;
   * PF4J's default factory logs and returns {@code null} instead.
   */
  private static Plugin createPlugin(PluginWrapper wrapper) {
    String className = wrapper.getDescriptor().getPluginClass();
    if (className == null || className.isBlank() || className.equals(Plugin.class.getName())) {
      return new Plugin();
    }
    Class<?> type;
    try {
      type = wrapper.getPluginClassLoader().loadClass(className);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PluginRuntimeException(e, "Plugin-Class {} cannot be loaded: {}", className, e);
    }
    if (!Plugin.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
      throw new PluginRuntimeException(
          "Plugin-Class {} is not a concrete subclass of org.pf4j.Plugin", className);
    }
    try {
      return (Plugin) type.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new PluginRuntimeException(
          "Plugin-Class {} needs a public no-argument constructor", className);
    } catch (InvocationTargetException e) {
      throw new PluginRuntimeException(
          e.getCause(), "the constructor of {} failed: {}", className, message(e.getCause()));
    } catch (ReflectiveOperationException e) {
      throw new PluginRuntimeException(e, "Plugin-Class {} cannot be created: {}", className, e);
    }
  }

  /** The message of {@code e} on one line, or its type when it has none. */
  static String message(Throwable e) {
    String text = e.getMessage();
    if (text == null || text.isBlank()) {
      return e.getClass().getName();
    }
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
