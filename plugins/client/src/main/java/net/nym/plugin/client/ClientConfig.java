package net.nym.plugin.client;

import java.util.List;
import net.nym.api.config.ConfigComment;
import net.nym.api.config.ConfigRange;
import net.nym.api.config.ConfigSchema;

/**
 * A native client's {@code config/config.toml}, written by {@code nym client init}.
 *
 * @param id the instance id
 * @param validators validator (nym-api) base URLs the topology is fetched from
 * @param gateway the identity of the gateway this client registered with
 * @param socket the websocket API for local applications
 */
@ConfigComment("Native client configuration, written by `nym client init`.")
public record ClientConfig(
    @ConfigComment("The instance id (the name of this client's home directory).") String id,
    @ConfigComment("Validator / nym-api base URLs; the topology must be signed by them.")
        List<String> validators,
    @ConfigComment("Identity (base58) of the gateway this client is registered with.")
        String gateway,
    @ConfigComment("The websocket API for local applications (Nym's native client API).")
        Socket socket) {

  /** The schema, version 1. */
  public static final ConfigSchema<ClientConfig> SCHEMA = ConfigSchema.of(ClientConfig.class, 1);

  /**
   * The websocket listener.
   *
   * @param host the address to listen on
   * @param port the port
   */
  public record Socket(
      @ConfigComment("Address the websocket API listens on (Nym: 127.0.0.1).") String host,
      @ConfigComment("Port of the websocket API (Nym: 1977).") @ConfigRange(min = 1, max = 65535)
          int port) {}
}
