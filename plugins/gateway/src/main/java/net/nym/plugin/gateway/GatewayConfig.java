package net.nym.plugin.gateway;

import java.time.Duration;
import java.util.List;
import net.nym.api.config.ConfigComment;
import net.nym.api.config.ConfigRange;
import net.nym.api.config.ConfigSchema;

/**
 * A gateway's {@code config/config.toml}. Every key is written with its comment by {@code init};
 * defaults follow nym-node ({@code nym-node/src/config/{mod,gateway_tasks}.rs} at Nym commit
 * b4046a89) where it has the setting.
 *
 * @param id the instance id
 * @param validators nym-api / validator endpoints
 * @param shutdownGrace how long a stop may flush
 * @param statsInterval the counters' reporting interval
 * @param mixnet the mix port
 * @param forwarding next-hop connections
 * @param processing Sphinx workers
 * @param replayProtection the replay filter
 * @param clients the client websocket port and its limits
 * @param mailbox stored messages for offline clients
 * @param bandwidth client allowances
 * @param http the HTTP API
 * @param description what the node says about itself
 */
@ConfigComment("Gateway configuration, written by `nym gateway init`.")
public record GatewayConfig(
    @ConfigComment("The instance id (the name of this node's home directory).") String id,
    @ConfigComment("Validator / nym-api endpoints this node talks to (URLs).")
        List<String> validators,
    @ConfigComment("How long a stop (SIGTERM, Ctrl-C) may spend draining queues before it drops"
            + " what is left.")
        Duration shutdownGrace,
    @ConfigComment("How often the packet counters close an interval (the HTTP API's last_interval"
            + " and the log line).")
        Duration statsInterval,
    @ConfigComment("The mix port: packets from the last mix layer (and SURB-acks) arrive here.")
        Mixnet mixnet,
    @ConfigComment("Connections to first-layer mixnodes.") Forwarding forwarding,
    @ConfigComment("Sphinx processing of final-hop packets.") Processing processing,
    @ConfigComment("Replay protection: a packet seen before is dropped.")
        ReplayProtection replayProtection,
    @ConfigComment("The client port: websocket sessions of Nym clients.") Clients clients,
    @ConfigComment("The mailbox (SQLite, data/gateway.sqlite): messages for clients that are"
            + " offline.")
        Mailbox mailbox,
    @ConfigComment("Client bandwidth: every forwarded packet costs its size in bytes.")
        Bandwidth bandwidth,
    @ConfigComment("The HTTP API (/api/v1/health, /api/v1/gateway/client-interfaces, /metrics,"
            + " ...).")
        Http http,
    @ConfigComment("What the node says about itself.") Description description) {

  /** The schema: version 1, no migrations yet. */
  public static final ConfigSchema<GatewayConfig> SCHEMA = ConfigSchema.of(GatewayConfig.class, 1);

  /** Nym's default client (websocket) port. */
  public static final int DEFAULT_CLIENTS_PORT = 9000;

  /**
   * The mix port.
   *
   * @param announceHost the public IP address
   * @param bindAddress the local address
   * @param port the TCP port
   * @param maxConnections inbound connections at once
   * @param idleTimeout silent connections are closed after this
   * @param maxPacketSize largest packet size accepted
   * @param useLegacyFraming write version 7 frames
   */
  public record Mixnet(
      @ConfigComment("The public IP address announced for this node (clients and mixnodes use"
              + " it).\nNym routes to IP addresses only, never to host names.")
          String announceHost,
      @ConfigComment("The local address the mix port listens on (0.0.0.0 or :: for all).")
          String bindAddress,
      @ConfigComment("The mix port (Nym's default is 1789).") @ConfigRange(min = 1, max = 65535)
          int port,
      @ConfigComment("Inbound mix connections accepted at once; further ones are closed and"
              + " counted.")
          @ConfigRange(min = 1, max = 1_000_000)
          int maxConnections,
      @ConfigComment("An inbound mix connection that sends nothing for this long is closed.")
          Duration idleTimeout,
      @ConfigComment("The largest packet size accepted: one of \"ack\", \"regular\","
              + " \"extended8\", \"extended16\", \"extended32\".")
          String maxPacketSize,
      @ConfigComment("Write framing version 7 (no key-rotation byte) to mixnodes, as nym-node"
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
      @ConfigComment("Packets queued per mixnode while it is slow or down; more are dropped and"
              + " counted (nym-node: 2000).")
          @ConfigRange(min = 1, max = 10_000_000)
          int queueSize,
      @ConfigComment("Mixnodes connected at once.") @ConfigRange(min = 1, max = 100_000)
          int maxPeers,
      @ConfigComment("TCP connect timeout (nym-node: 1.5s).") Duration connectTimeout,
      @ConfigComment("Wait after the first failed connection attempt; doubles after each"
              + " failure (nym-node: 10s).")
          Duration initialReconnectBackoff,
      @ConfigComment("The longest wait between connection attempts (nym-node: 5m).")
          Duration maxReconnectBackoff) {}

  /**
   * Sphinx processing.
   *
   * @param workerThreads Sphinx worker threads, 0 for one per core
   * @param workerQueue packets waiting for a worker
   */
  public record Processing(
      @ConfigComment("Threads unwrapping final-hop packets; 0 means one per processor core.")
          @ConfigRange(min = 0, max = 1024)
          int workerThreads,
      @ConfigComment("Packets waiting for a worker; more are dropped (counted as overloaded).")
          @ConfigRange(min = 1, max = 10_000_000)
          int workerQueue) {}

  /**
   * Replay protection.
   *
   * @param packetsPerSecond sizing rate
   * @param window how long one filter covers
   * @param falsePositiveRate false-positive rate
   * @param persistInterval how often the filter is saved
   */
  public record ReplayProtection(
      @ConfigComment("The packet rate the filter is sized for (nym-node: 2000).")
          @ConfigRange(min = 1, max = 10_000_000)
          long packetsPerSecond,
      @ConfigComment("Each of the two rotating filters covers this long.") Duration window,
      @ConfigComment("False-positive rate of a full filter (nym-node: 1e-5).")
          double falsePositiveRate,
      @ConfigComment("How often the filter is saved to data/ while running.")
          Duration persistInterval) {}

  /**
   * The client websocket port and its abuse limits.
   *
   * @param bindAddress local address
   * @param port websocket port
   * @param maxSessions sessions at once
   * @param maxFrameSize largest websocket message
   * @param initialMessageTimeout first message deadline
   * @param handshakeTimeout per-step registration deadline
   * @param idleTimeout authenticated-session silence limit
   * @param maxRequestTimestampSkew authentication clock skew
   * @param maxPacketsPerSecond token-bucket rate per client
   * @param packetBurst token-bucket size per client
   * @param workerThreads session crypto / storage threads
   */
  public record Clients(
      @ConfigComment("The local address the websocket port listens on.") String bindAddress,
      @ConfigComment("The websocket port clients connect to (Nym's default is 9000).")
          @ConfigRange(min = 1, max = 65535)
          int port,
      @ConfigComment("Client connections at once; further ones are closed at once and counted.")
          @ConfigRange(min = 1, max = 10_000_000)
          int maxSessions,
      @ConfigComment("The largest websocket message accepted, in bytes; a larger one closes the"
              + " session (status 1009).")
          @ConfigRange(min = 1024, max = 16_777_216)
          int maxFrameSize,
      @ConfigComment("A new connection must send its first request within this (nym-node: 10s).")
          Duration initialMessageTimeout,
      @ConfigComment("Each step of the registration handshake must arrive within this"
              + " (nym-node: 5s).")
          Duration handshakeTimeout,
      @ConfigComment("An authenticated session that sends nothing for this long is closed.")
          Duration idleTimeout,
      @ConfigComment("Authentication timestamps may differ from the gateway's clock by this much"
              + " (nym-node: 120s).")
          Duration maxRequestTimestampSkew,
      @ConfigComment("Packets per second each client may send (token bucket rate); excess"
              + " packets are refused with an error.")
          @ConfigRange(min = 1, max = 10_000_000)
          int maxPacketsPerSecond,
      @ConfigComment("Packets a client may send in a burst (token bucket size).")
          @ConfigRange(min = 1, max = 10_000_000)
          int packetBurst,
      @ConfigComment("Threads doing the sessions' cryptography and mailbox access; 0 means one"
              + " per processor core.")
          @ConfigRange(min = 0, max = 1024)
          int workerThreads) {}

  /**
   * The mailbox.
   *
   * @param maxMessagesPerClient quota per client
   * @param messageRetrievalLimit page size
   * @param maxMessageAge stale message age
   * @param cleanerInterval how often stale messages are deleted
   */
  public record Mailbox(
      @ConfigComment("Messages stored per offline client. When full, NEW messages for that client"
              + " are dropped\n(the stored ones are kept) and counted as mailbox_full.")
          @ConfigRange(min = 1, max = 100_000_000)
          int maxMessagesPerClient,
      @ConfigComment("Stored messages are pushed to a reconnecting client in pages of this many"
              + " (nym-node: 100).")
          @ConfigRange(min = 1, max = 100_000)
          int messageRetrievalLimit,
      @ConfigComment("Stored messages older than this are deleted (nym-node: 24h).")
          Duration maxMessageAge,
      @ConfigComment("How often old messages are deleted (nym-node: 1h).")
          Duration cleanerInterval) {}

  /**
   * Bandwidth allowances.
   *
   * @param freeAllowance bytes granted at registration
   * @param freeTestnetClaim bytes added by claimFreeTestnetBandwidth
   */
  public record Bandwidth(
      @ConfigComment("Bytes of bandwidth a newly registered client receives for free (until"
              + " credentials exist).")
          @ConfigRange(min = 0, max = Long.MAX_VALUE / 2)
          long freeAllowance,
      @ConfigComment("Bytes added when a client sends claimFreeTestnetBandwidth (nym-node:"
              + " 64 GiB); 0 refuses the claim.")
          @ConfigRange(min = 0, max = Long.MAX_VALUE / 2)
          long freeTestnetClaim) {}

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
   * @param name a name for humans
   * @param description free-form text
   * @param link a web link
   * @param location where the node runs
   */
  public record Description(
      @ConfigComment("The node's name (served as \"moniker\").") String name,
      @ConfigComment("A free-form description (served as \"details\").") String description,
      @ConfigComment("A web link (served as \"website\").") String link,
      @ConfigComment("Where the node runs, e.g. a country code.") String location) {}

  /** A fresh configuration with the defaults and the values {@code init} was given. */
  public static GatewayConfig defaults(String id, String host, int mixPort, int clientsPort,
      int httpPort, List<String> validators) {
    return new GatewayConfig(
        id,
        List.copyOf(validators),
        Duration.ofSeconds(5),
        Duration.ofMinutes(1),
        new Mixnet(host, "0.0.0.0", mixPort, 4096, Duration.ofMinutes(10), "extended32", true),
        new Forwarding(2000, 1000, Duration.ofMillis(1500), Duration.ofSeconds(10),
            Duration.ofMinutes(5)),
        new Processing(0, 4000),
        new ReplayProtection(2000, Duration.ofMinutes(30), 1e-5, Duration.ofMinutes(10)),
        new Clients("0.0.0.0", clientsPort, 20_000, 65_536, Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(120), 2_000, 4_000,
            0),
        new Mailbox(10_000, 100, Duration.ofHours(24), Duration.ofHours(1)),
        new Bandwidth(1L << 30, 64L << 30),
        new Http("0.0.0.0", httpPort),
        new Description("", "", "", ""));
  }
}
