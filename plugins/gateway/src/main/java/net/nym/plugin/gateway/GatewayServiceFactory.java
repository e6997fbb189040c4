package net.nym.plugin.gateway;

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
 * Makes {@code gateway} services: reads the home's config and keys and returns an unstarted
 * {@link GatewayService}. Used by {@code nym gateway run}, tests and {@code nym localnet}.
 */
@Extension
public final class GatewayServiceFactory implements ServiceFactory {

  /** The service kind, also the node-home directory name. */
  public static final String KIND = "gateway";

  /** The replay filter's file in {@code data/}. */
  static final String REPLAY_FILE = "replay_filter.bloom";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public GatewayService create(PluginContext context, NodeHome home) throws Exception {
    Logger log = context.logger(GatewayService.class);
    if (!home.exists()) {
      throw new IllegalArgumentException(
          "gateway '" + home.id() + "' is not initialised (no " + home.configFile()
              + "); run `nym gateway init --id " + home.id() + " --host <ip>` first");
    }
    ConfigService.Loaded<GatewayConfig> loaded =
        context.configs().read(home.configFile(), GatewayConfig.SCHEMA);
    for (String warning : loaded.warnings()) {
      log.warn("{}", warning);
    }
    GatewayConfig config = loaded.value();
    Ed25519KeyPair identity = context.keys().loadEd25519(home, GatewayKeys.IDENTITY);
    X25519KeyPair sphinx = context.keys().loadX25519(home, GatewayKeys.SPHINX);
    MixServerSettings settings = settings(home, config);
    return new GatewayService(home, config, settings, identity, sphinx,
        context.eventLoopGroup(), context.hostVersion(), log);
  }

  /** The mix-port engine settings of {@code config}; checks what the format cannot. */
  static MixServerSettings settings(NodeHome home, GatewayConfig config) throws ConfigException {
    Path file = home.configFile();
    GatewayConfig.Mixnet m = config.mixnet();
    InetSocketAddress bind;
    try {
      bind = new InetSocketAddress(IpLiterals.parse(m.bindAddress()), m.port());
      IpLiterals.parse(m.announceHost());
      IpLiterals.parse(config.http().bindAddress());
      IpLiterals.parse(config.clients().bindAddress());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file,
          "mixnet.bind_address / announce_host / clients.bind_address / http.bind_address",
          e.getMessage());
    }
    PacketSize max = PacketSize.fromLabel(m.maxPacketSize()).orElseThrow(
        () -> new ConfigException(file, "mixnet.max_packet_size",
            "expected one of \"ack\", \"regular\", \"extended8\", \"extended16\","
                + " \"extended32\", got \"" + m.maxPacketSize() + "\""));
    positive(file, "mixnet.idle_timeout", m.idleTimeout());
    positive(file, "clients.initial_message_timeout", config.clients().initialMessageTimeout());
    positive(file, "clients.handshake_timeout", config.clients().handshakeTimeout());
    positive(file, "clients.idle_timeout", config.clients().idleTimeout());
    positive(file, "clients.max_request_timestamp_skew",
        config.clients().maxRequestTimestampSkew());
    positive(file, "mailbox.max_message_age", config.mailbox().maxMessageAge());
    positive(file, "mailbox.cleaner_interval", config.mailbox().cleanerInterval());
    positive(file, "replay_protection.window", config.replayProtection().window());
    positive(file, "replay_protection.persist_interval",
        config.replayProtection().persistInterval());
    positive(file, "stats_interval", config.statsInterval());
    double fp = config.replayProtection().falsePositiveRate();
    if (!(fp > 0 && fp < 0.5)) {
      throw new ConfigException(file, "replay_protection.false_positive_rate",
          "expected a number between 0 and 0.5 (exclusive), got " + fp);
    }
    GatewayConfig.Forwarding f = config.forwarding();
    GatewayConfig.Processing p = config.processing();
    return new MixServerSettings(
        "gw-" + home.id(),
        bind,
        max,
        m.maxConnections(),
        m.idleTimeout(),
        Duration.ofSeconds(10),
        m.useLegacyFraming() ? FramingVersion.V7 : FramingVersion.V8,
        p.workerThreads() == 0 ? SphinxWorkerPool.defaultThreads() : p.workerThreads(),
        p.workerQueue(),
        10_000,
        new OutboundConnections.Settings(
            f.queueSize(), f.maxPeers(), f.connectTimeout(), f.initialReconnectBackoff(),
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
