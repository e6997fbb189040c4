package net.nym.api;

import io.netty.channel.EventLoopGroup;
import net.nym.api.config.ConfigService;
import net.nym.api.home.NodeHome;
import net.nym.api.home.NodeHomes;
import net.nym.api.keys.KeyStore;
import org.slf4j.Logger;

/**
 * The host services handed to a plugin.
 *
 * <p>The host creates one context per loaded plugin before it calls any of the plugin's
 * extensions, and passes the same instance to every call. All methods are thread-safe. A plugin
 * must not close or shut down what it gets here: the host owns those resources and releases them
 * when {@code nym} exits.
 */
public interface PluginContext {

  /** The id of the plugin this context belongs to (its {@code Plugin-Id}). */
  String pluginId();

  /** The version of the running {@code nym} host, e.g. {@code 0.1.0}. */
  String hostVersion();

  /**
   * The node homes: {@code <root>/<kind>/<id>/} with {@code config/config.toml} and {@code
   * data/}; the root is {@code ~/.nym} unless {@code --home} or {@code NYM_HOME} says otherwise.
   */
  NodeHomes homes();

  /** Reads and writes commented, versioned TOML configuration files. */
  ConfigService configs();

  /** Creates and loads key files (PEM, owner-only permissions) in node homes. */
  KeyStore keys();

  /**
   * The event-loop group shared by every plugin in this process, for Netty servers and clients.
   * Never run cryptography or blocking work on it: hand that to an executor of your own and
   * return to the loop with the result.
   */
  EventLoopGroup eventLoopGroup();

  /** A logger named after {@code type}, with the plugin id in its context. */
  Logger logger(Class<?> type);

  /**
   * Sends this process's log, from now on, also to {@code <home>/logs/nym.log} (at INFO, or DEBUG
   * with {@code -v}). A {@code run} command calls it once, after it has resolved its node home and
   * before it starts the service; calling it again for the same home does nothing.
   */
  void logToHome(NodeHome home);
}
