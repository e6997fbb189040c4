package net.nym.cli.plugin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.api.service.ServiceFactory;

/**
 * The service factories contributed by the started plugins, by kind ({@code mixnode}, {@code
 * gateway}, ...). Kinds are unique: the {@link PluginHost} skips a plugin whose kind is taken. Used
 * by the {@code run} commands and {@code nym localnet} to create services in-process. Thread-safe
 * once the host has started.
 */
public final class Services {

  /**
   * One registered factory.
   *
   * @param kind the service kind
   * @param pluginId the plugin that contributed it
   * @param factory the factory
   * @param context the plugin's context, passed to {@link ServiceFactory#create}
   * @param classLoader the plugin's class loader
   */
  public record Registration(
      String kind,
      String pluginId,
      ServiceFactory factory,
      PluginContext context,
      ClassLoader classLoader) {}

  private final Map<String, Registration> byKind = new TreeMap<>();

  Services() {}

  synchronized void add(Registration registration) {
    if (byKind.putIfAbsent(registration.kind(), registration) != null) {
      throw new IllegalStateException("service kind already registered: " + registration.kind());
    }
  }

  /** The registered kinds, sorted. */
  public synchronized List<String> kinds() {
    return List.copyOf(byKind.keySet());
  }

  /** The registration of {@code kind}, if a started plugin offers it. */
  public synchronized Optional<Registration> get(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /**
   * Creates (but does not start) the service of {@code kind} for {@code home}. The factory and
   * every method of the returned service run with the plugin's context class loader.
   *
   * @throws IllegalArgumentException if no started plugin offers {@code kind}
   * @throws Exception what the factory throws (an operator-readable message)
   */
  public NymService create(String kind, NodeHome home) throws Exception {
    Registration registration =
        get(kind)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no plugin offers service kind '" + kind + "'; available: " + kinds()));
    NymService service =
        ContextClassLoader.call(
            registration.classLoader(),
            () -> registration.factory().create(registration.context(), home));
    return new PluginLoaderService(
        Objects.requireNonNull(service, "ServiceFactory.create returned null"),
        registration.classLoader());
  }

  /** Runs each call into a service with its plugin's context class loader. */
  private record PluginLoaderService(NymService delegate, ClassLoader loader)
      implements NymService {

    @Override
    public String kind() {
      return delegate.kind();
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public void start() throws Exception {
      ContextClassLoader.call(
          loader,
          () -> {
            delegate.start();
            return null;
          });
    }

    @Override
    public void stop() {
      ContextClassLoader.run(loader, delegate::stop);
    }

    @Override
    public Health health() {
      return ContextClassLoader.call(loader, delegate::health);
    }
  }
}
