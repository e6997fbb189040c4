package net.nym.cli.plugin;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.nym.api.NetTransport;
import net.nym.api.config.ConfigService;
import net.nym.api.home.NodeHomes;
import net.nym.api.keys.KeyStore;
import net.nym.cli.logging.Logging;

/**
 * The host services shared by every plugin's {@link HostPluginContext}: one instance per {@code
 * nym} process. Owns the shared event-loop group and the per-home log files, and releases them in
 * {@link #close()}. Thread-safe.
 */
public final class HostServices implements AutoCloseable {

  private final String hostVersion;
  private final Supplier<NodeHomes> homes;
  private final Supplier<ConfigService> configFactory;
  private final Supplier<KeyStore> keyStoreFactory;
  private ConfigService configs;
  private KeyStore keys;
  private final Logging logging;
  private EventLoopGroup eventLoopGroup;
  private boolean closed;

  /**
   * Services backed by the given parts.
   *
   * @param hostVersion the running host's version
   * @param homes the node homes as of the command being run (it depends on {@code --home})
   * @param configs creates the configuration service, on first use (it loads Jackson, which
   *     commands such as {@code --version} need not wait for)
   * @param keys creates the key store, on first use
   * @param logging the logging setup, for {@link #logToFile}
   */
  public HostServices(
      String hostVersion,
      Supplier<NodeHomes> homes,
      Supplier<ConfigService> configs,
      Supplier<KeyStore> keys,
      Logging logging) {
    this.hostVersion = Objects.requireNonNull(hostVersion, "hostVersion");
    this.homes = Objects.requireNonNull(homes, "homes");
    this.configFactory = Objects.requireNonNull(configs, "configs");
    this.keyStoreFactory = Objects.requireNonNull(keys, "keys");
    this.logging = Objects.requireNonNull(logging, "logging");
  }

  /** The running host's version. */
  public String hostVersion() {
    return hostVersion;
  }

  /** The node homes under the root in force for the current command. */
  public NodeHomes homes() {
    return homes.get();
  }

  /** The configuration service. */
  public synchronized ConfigService configs() {
    if (configs == null) {
      configs = Objects.requireNonNull(configFactory.get(), "config service");
    }
    return configs;
  }

  /** The key store. */
  public synchronized KeyStore keys() {
    if (keys == null) {
      keys = Objects.requireNonNull(keyStoreFactory.get(), "key store");
    }
    return keys;
  }

  /**
   * The shared event-loop group ({@link NetTransport}'s transport: epoll on Linux, else NIO;
   * Netty's default thread count), created on first use and shut down by {@link #close()}.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized EventLoopGroup eventLoopGroup() {
    if (closed) {
      throw new IllegalStateException("nym is shutting down");
    }
    if (eventLoopGroup == null) {
      eventLoopGroup = NetTransport.newGroup(0, new DefaultThreadFactory("nym-io"));
    }
    return eventLoopGroup;
  }

  /** Sends the log also to {@code file} from now on (idempotent). */
  public void logToFile(Path file) {
    logging.addFile(file);
  }

  /** Shuts down the event-loop group (if it was created) and closes the log files. */
  @Override
  public void close() {
    EventLoopGroup group;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      group = eventLoopGroup;
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    logging.closeFiles();
  }
}
