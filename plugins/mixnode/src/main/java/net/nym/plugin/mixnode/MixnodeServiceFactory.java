package net.nym.plugin.mixnode;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import net.nym.api.PluginContext;
import net.nym.api.config.ConfigException;
import net.nym.api.config.ConfigService;
import net.nym.api.home.NodeHome;
import net.nym.api.service.ServiceFactory;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.mixnet.cli.IpLiterals;
import net.nym.mixnet.forward.OutboundConnections;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.node.MixServerSettings;
import net.nym.mixnet.node.SphinxWorkerPool;
import net.nym.mixnet.replay.ReplayFilter;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * Makes {@code mixnode} services: reads the home's config and keys and returns an unstarted {@link
 * MixnodeService}. Used by {@code nym mixnode run}, tests and {@code nym localnet}.
 */
@Extension
public final class MixnodeServiceFactory implements ServiceFactory {

  /** The service kind, also the node-home directory name. */
  public static final String KIND = "mixnode";

  /** The replay filter's file in {@code data/}. */
  static final String REPLAY_FILE = "replay_filter.bloom";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public MixnodeService create(PluginContext context, NodeHome home) throws Exception {
    Logger log = context.logger(MixnodeService.class);
    if (!home.exists()) {
      throw new IllegalArgumentException(
          "mixnode '"
              + home.id()
              + "' is not initialised (no "
              + home.configFile()
              + "); run `nym mixnode init --id "
              + home.id()
              + " --host <ip>` first");
    }
    ConfigService.Loaded<MixnodeConfig> loaded =
        context.configs().read(home.configFile(), MixnodeConfig.SCHEMA);
    for (String warning : loaded.warnings()) {
      log.warn("{}", warning);
    }
    MixnodeConfig config = loaded.value();
    Ed25519KeyPair identity = context.keys().loadEd25519(home, MixnodeKeys.IDENTITY);
    X25519KeyPair sphinx = context.keys().loadX25519(home, MixnodeKeys.SPHINX);
    MixServerSettings settings = settings(home, config);
    return new MixnodeService(
        home.id(),
        config,
        settings,
        identity,
        sphinx,
        context.eventLoopGroup(),
        context.hostVersion(),
        log);
  }

  /**
   * The engine settings of {@code config}.
   *
   * @throws ConfigException naming the key of a value the config format cannot check itself
   */
  static MixServerSettings settings(NodeHome home, MixnodeConfig config) throws ConfigException {
    Path file = home.configFile();
    MixnodeConfig.Mixnet m = config.mixnet();
    InetSocketAddress bind;
    try {
      bind = new InetSocketAddress(IpLiterals.parse(m.bindAddress()), m.port());
      IpLiterals.parse(m.announceHost());
      IpLiterals.parse(config.http().bindAddress());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          file, "mixnet.bind_address / announce_host / http.bind_address", e.getMessage());
    }
    PacketSize max =
        PacketSize.fromLabel(m.maxPacketSize())
            .orElseThrow(
                () ->
                    new ConfigException(
                        file,
                        "mixnet.max_packet_size",
                        "expected one of \"ack\", \"regular\", \"extended8\", \"extended16\","
                            + " \"extended32\", got \""
                            + m.maxPacketSize()
                            + "\""));
    positive(file, "mixnet.idle_timeout", m.idleTimeout());
    positive(file, "replay_protection.window", config.replayProtection().window());
    positive(
        file, "replay_protection.persist_interval", config.replayProtection().persistInterval());
    positive(file, "stats_interval", config.statsInterval());
    double fp = config.replayProtection().falsePositiveRate();
    if (!(fp > 0 && fp < 0.5)) {
      throw new ConfigException(
          file,
          "replay_protection.false_positive_rate",
          "expected a number between 0 and 0.5 (exclusive), got " + fp);
    }
    MixnodeConfig.Forwarding f = config.forwarding();
    MixnodeConfig.Processing p = config.processing();
    return new MixServerSettings(
        home.id(),
        bind,
        max,
        m.maxConnections(),
        m.idleTimeout(),
        m.maxForwardDelay(),
        m.useLegacyFraming() ? FramingVersion.V7 : FramingVersion.V8,
        p.workerThreads() == 0 ? SphinxWorkerPool.defaultThreads() : p.workerThreads(),
        p.workerQueue(),
        p.maxHeldPackets(),
        new OutboundConnections.Settings(
            f.queueSize(),
            f.maxPeers(),
            f.connectTimeout(),
            f.initialReconnectBackoff(),
            f.maxReconnectBackoff()),
        new ReplayFilter.Settings(
            config.replayProtection().packetsPerSecond(), config.replayProtection().window(), fp),
        home.dataDir().resolve(REPLAY_FILE),
        config.replayProtection().persistInterval(),
        config.statsInterval(),
        config.shutdownGrace());
  }

  private static void positive(Path file, String key, Duration d) throws ConfigException {
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(file, key, "expected a positive duration, got " + d);
    }
  }
}
