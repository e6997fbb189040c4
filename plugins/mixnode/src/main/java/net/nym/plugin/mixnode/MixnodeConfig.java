package net.nym.plugin.mixnode;

import java.time.Duration;
import java.util.List;
import net.nym.api.config.ConfigComment;
import net.nym.api.config.ConfigRange;
import net.nym.api.config.ConfigSchema;

/**
 * A mixnode's {@code config/config.toml}. Every key is written with its comment by {@code init};
 * defaults follow nym-node ({@code nym-node/src/config/mod.rs} at Nym commit b4046a89) where it has
 * the setting.
 *
 * @param id the instance id
 * @param validators nym-api / validator endpoints
 * @param mixnet the mix port
 * @param forwarding next-hop connections
 * @param processing Sphinx workers and the delay scheduler
 * @param replayProtection the replay filter
 * @param http the HTTP API
 * @param description what the node says about itself
 * @param shutdownGrace how long a stop may flush
 * @param statsInterval the counters' reporting interval
 */
@ConfigComment("Mixnode configuration, written by `nym mixnode init`.")
public record MixnodeConfig(
    @ConfigComment("The instance id (the name of this node's home directory).") String id,
    @ConfigComment("Validator / nym-api endpoints this node talks to (URLs).")
        List<String> validators,
    @ConfigComment(
            "How long a stop (SIGTERM, Ctrl-C) may spend releasing due packets and"
                + " draining queues\nbefore it drops what is left.")
        Duration shutdownGrace,
    @ConfigComment(
            "How often the packet counters close an interval (the HTTP API's last_interval"
                + " and the log line).")
        Duration statsInterval,
    @ConfigComment("The mix port: Sphinx packets from clients' gateways and other mixnodes.")
        Mixnet mixnet,
    @ConfigComment("Connections to next hops.") Forwarding forwarding,
    @ConfigComment("Sphinx processing and delays.") Processing processing,
    @ConfigComment("Replay protection: a packet seen before is dropped.")
        ReplayProtection replayProtection,
    @ConfigComment("The HTTP API (/api/v1/health, /api/v1/metrics/packets-stats, /metrics, ...).")
        Http http,
    @ConfigComment("What the node says about itself (`nym mixnode describe` sets these).")
        Description description) {

  /** The schema: version 1, no migrations yet. */
  public static final ConfigSchema<MixnodeConfig> SCHEMA = ConfigSchema.of(MixnodeConfig.class, 1);

  /** Nym's default mix port. */
  public static final int DEFAULT_MIX_PORT = 1789;

  /** The default HTTP API port of this implementation. */
  public static final int DEFAULT_HTTP_PORT = 8000;

  /**
   * The mix port.
   *
   * @param announceHost the public IP address other nodes and clients send packets to
   * @param bindAddress the local address to listen on
   * @param port the TCP port
   * @param maxConnections inbound connections at once
   * @param idleTimeout silent connections are closed after this
   * @param maxPacketSize the largest packet size accepted
   * @param maxForwardDelay the largest delay honoured
   * @param useLegacyFraming write version 7 frames
   */
  public record Mixnet(
      @ConfigComment(
              "The public IP address announced for this node: other nodes send packets to"
                  + " it.\nNym routes to IP addresses only, never to host names.")
          String announceHost,
      @ConfigComment("The local address the mix port listens on (0.0.0.0 or :: for all).")
          String bindAddress,
      @ConfigComment("The mix port (Nym's default is 1789).") @ConfigRange(min = 1, max = 65535)
          int port,
      @ConfigComment(
              "Inbound connections accepted at once; further ones are closed at once and"
                  + " counted.")
          @ConfigRange(min = 1, max = 1_000_000)
          int maxConnections,
      @ConfigComment(
              "An inbound connection that sends nothing (or stalls inside a frame) for this"
                  + " long is closed.")
          Duration idleTimeout,
      @ConfigComment(
              "The largest packet size accepted: one of \"ack\", \"regular\","
                  + " \"extended8\", \"extended16\", \"extended32\".\nA frame announcing a larger"
                  + " packet closes its connection.")
          String maxPacketSize,
      @ConfigComment("Header delays above this are clamped to it (nym-node: 10s).")
          Duration maxForwardDelay,
      @ConfigComment(
              "Write framing version 7 (no key-rotation byte) to next hops, as nym-node"
                  + " does by default;\nfalse writes version 8. Both are always accepted.")
          boolean useLegacyFraming) {}

  /**
   * Next-hop connections.
   *
   * @param queueSize packets queued per next hop
   * @param maxPeers next hops at once
   * @param connectTimeout TCP connect timeout
   * @param initialReconnectBackoff first wait after a failed connection
   * @param maxReconnectBackoff cap of the doubling wait
   */
  public record Forwarding(
      @ConfigComment(
              "Packets queued per next hop while it is slow or down; more are dropped and"
                  + " counted (nym-node: 2000).")
          @ConfigRange(min = 1, max = 10_000_000)
          int queueSize,
      @ConfigComment(
              "Next hops connected at once; packets to further ones are dropped and" + " counted.")
          @ConfigRange(min = 1, max = 100_000)
          int maxPeers,
      @ConfigComment("TCP connect timeout (nym-node: 1.5s).") Duration connectTimeout,
      @ConfigComment(
              "Wait after the first failed connection attempt; it doubles after each"
                  + " failure (nym-node: 10s).")
          Duration initialReconnectBackoff,
      @ConfigComment("The longest wait between connection attempts (nym-node: 5m).")
          Duration maxReconnectBackoff) {}

  /**
   * Sphinx processing and delays.
   *
   * @param workerThreads Sphinx worker threads, 0 for one per core
   * @param workerQueue packets waiting for a worker
   * @param maxHeldPackets packets held for their delay at once
   */
  public record Processing(
      @ConfigComment("Threads unwrapping Sphinx packets; 0 means one per processor core.")
          @ConfigRange(min = 0, max = 1024)
          int workerThreads,
      @ConfigComment("Packets waiting for a worker; more are dropped (counted as overloaded).")
          @ConfigRange(min = 1, max = 10_000_000)
          int workerQueue,
      @ConfigComment(
              "Packets held for their delay at once; more are dropped (scheduler_full).\n"
                  + "Worst-case heap: this times the packet size (2413 bytes for regular packets).")
          @ConfigRange(min = 1, max = 100_000_000)
          int maxHeldPackets) {}

  /**
   * Replay protection.
   *
   * @param packetsPerSecond sizing rate
   * @param window how long one filter covers
   * @param falsePositiveRate false-positive rate of a full filter
   * @param persistInterval how often the filter is saved while running
   */
  public record ReplayProtection(
      @ConfigComment("The packet rate the filter is sized for (nym-node: 2000, at least 200).")
          @ConfigRange(min = 1, max = 10_000_000)
          long packetsPerSecond,
      @ConfigComment(
              "Each of the two rotating filters covers this long: a replay is always caught within"
                  + " one window\n"
                  + "of the first copy, never later than two. Heap for both filters: about 7 bytes"
                  + " x rate x window.")
          Duration window,
      @ConfigComment(
              "False-positive rate of a full filter (nym-node: 1e-5): the share of fresh"
                  + " packets wrongly dropped.")
          double falsePositiveRate,
      @ConfigComment(
              "How often the filter is saved to data/ while running (nym-node: 10m); it is"
                  + " also saved on stop.")
          Duration persistInterval) {}

  /**
   * The HTTP API.
   *
   * @param bindAddress the local address
   * @param port the port
   */
  public record Http(
      @ConfigComment("The local address the HTTP API listens on.") String bindAddress,
      @ConfigComment("The HTTP API port.") @ConfigRange(min = 1, max = 65535) int port) {}

  /**
   * The node's description.
   *
   * @param name a name for humans (nym-node: moniker)
   * @param description a free-form description (nym-node: details)
   * @param link a web link (nym-node: website)
   * @param location where the node runs
   */
  public record Description(
      @ConfigComment("The node's name (served as \"moniker\").") String name,
      @ConfigComment("A free-form description (served as \"details\").") String description,
      @ConfigComment("A web link (served as \"website\").") String link,
      @ConfigComment("Where the node runs, e.g. a country code.") String location) {}

  /** A fresh configuration with the defaults and the values {@code init} was given. */
  public static MixnodeConfig defaults(
      String id, String host, int mixPort, int httpPort, List<String> validators) {
    return new MixnodeConfig(
        id,
        List.copyOf(validators),
        Duration.ofSeconds(5),
        Duration.ofMinutes(1),
        new Mixnet(
            host,
            "0.0.0.0",
            mixPort,
            4096,
            Duration.ofMinutes(10),
            "extended32",
            Duration.ofSeconds(10),
            true),
        new Forwarding(
            2000, 1000, Duration.ofMillis(1500), Duration.ofSeconds(10), Duration.ofMinutes(5)),
        new Processing(0, 4000, 20_000),
        new ReplayProtection(2000, Duration.ofMinutes(30), 1e-5, Duration.ofMinutes(10)),
        new Http("0.0.0.0", httpPort),
        new Description("", "", "", ""));
  }

  /** This configuration with another description. */
  public MixnodeConfig withDescription(Description d) {
    return new MixnodeConfig(
        id,
        validators,
        shutdownGrace,
        statsInterval,
        mixnet,
        forwarding,
        processing,
        replayProtection,
        http,
        d);
  }
}
