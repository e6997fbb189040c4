package net.nym.plugin.client;

import net.nym.api.PluginContext;
import net.nym.api.config.ConfigService;
import net.nym.api.home.NodeHome;
import net.nym.api.service.ServiceFactory;
import net.nym.client.core.engine.TrafficSettings;
import org.pf4j.Extension;

/**
 * Makes {@code client} services from an initialised client home (Nym's default traffic
 * settings). Used by {@code nym client run} and tests.
 */
@Extension
public final class ClientServiceFactory implements ServiceFactory {
  /** The service kind, also the home directory name. */
  public static final String KIND = "client";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public ClientService create(PluginContext context, NodeHome home) throws Exception {
    return create(context, home, TrafficSettings.defaults());
  }

  /** A service with these traffic settings (used by {@code nym localnet}). */
  public static ClientService create(PluginContext context, NodeHome home, TrafficSettings settings)
      throws Exception {
    if (!home.exists()) {
      throw new IllegalArgumentException("client '" + home.id() + "' is not initialised (no "
          + home.configFile() + "); run `nym client init --id " + home.id() + "` first");
    }
    ConfigService.Loaded<ClientConfig> loaded =
        context.configs().read(home.configFile(), ClientConfig.SCHEMA);
    loaded.warnings().forEach(w -> context.logger(ClientServiceFactory.class).warn("{}", w));
    ClientConfig config = loaded.value();
    return new ClientService(context, home, config, ClientFiles.load(context, home, config),
        settings);
  }
}
