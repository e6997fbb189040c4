package net.nym.cli.plugin;

import io.netty.channel.EventLoopGroup;
import java.util.Objects;
import net.nym.api.PluginContext;
import net.nym.api.config.ConfigService;
import net.nym.api.home.NodeHome;
import net.nym.api.home.NodeHomes;
import net.nym.api.keys.KeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PluginContext} of one plugin: its id plus the process-wide {@link HostServices}. The
 * {@link PluginHost} creates exactly one per plugin and passes it to every extension call.
 */
public final class HostPluginContext implements PluginContext {

  private final String pluginId;
  private final HostServices services;

  /** A context for plugin {@code pluginId}. */
  public HostPluginContext(String pluginId, HostServices services) {
    this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
    this.services = Objects.requireNonNull(services, "services");
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public String hostVersion() {
    return services.hostVersion();
  }

  @Override
  public NodeHomes homes() {
    return services.homes();
  }

  @Override
  public ConfigService configs() {
    return services.configs();
  }

  @Override
  public KeyStore keys() {
    return services.keys();
  }

  @Override
  public EventLoopGroup eventLoopGroup() {
    return services.eventLoopGroup();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The plugin id is in the MDC (key {@code plugin}) while the plugin's command runs on the main
   * thread, and the log files print it.
   */
  @Override
  public Logger logger(Class<?> type) {
    return LoggerFactory.getLogger(type);
  }

  @Override
  public void logToHome(NodeHome home) {
    services.logToFile(home.logDir().resolve("nym.log"));
  }

  @Override
  public String toString() {
    return "PluginContext[" + pluginId + "]";
  }
}
