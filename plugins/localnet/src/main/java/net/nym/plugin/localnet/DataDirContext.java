package net.nym.plugin.localnet;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.nym.api.PluginContext;
import net.nym.api.config.ConfigService;
import net.nym.api.home.NodeHome;
import net.nym.api.home.NodeHomes;
import net.nym.api.keys.KeyStore;
import org.slf4j.Logger;

/**
 * The host's plugin context with the node homes moved under the localnet's data directory, so
 * that every node of the localnet lives in {@code <data>/<kind>/<id>/}.
 */
final class DataDirContext implements PluginContext {
  private final PluginContext host;
  private final NodeHomes homes;

  DataDirContext(PluginContext host, Path root) {
    this.host = host;
    Path abs = root.toAbsolutePath().normalize();
    this.homes = new NodeHomes() {
      @Override
      public Path root() {
        return abs;
      }

      @Override
      public NodeHome home(String kind, String id) {
        // The host's homes validate the names; reuse that check.
        host.homes().home(kind, id);
        return new NodeHome(kind, id, abs.resolve(kind).resolve(id));
      }

      @Override
      public List<String> ids(String kind) {
        Path dir = abs.resolve(kind);
        if (!Files.isDirectory(dir)) {
          return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
          return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  @Override
  public String pluginId() {
    return host.pluginId();
  }

  @Override
  public String hostVersion() {
    return host.hostVersion();
  }

  @Override
  public NodeHomes homes() {
    return homes;
  }

  @Override
  public ConfigService configs() {
    return host.configs();
  }

  @Override
  public KeyStore keys() {
    return host.keys();
  }

  @Override
  public EventLoopGroup eventLoopGroup() {
    return host.eventLoopGroup();
  }

  @Override
  public Logger logger(Class<?> type) {
    return host.logger(type);
  }

  @Override
  public void logToHome(NodeHome home) {
    host.logToHome(home);
  }
}
