package net.nym.plugin.validator;

import java.time.Duration;
import java.util.List;
import net.nym.api.config.ConfigComment;
import net.nym.api.config.ConfigRange;
import net.nym.api.config.ConfigSchema;

/**
 * A validator's {@code config/config.toml}, written with a comment for every key by {@code nym
 * validator init}.
 *
 * @param id the instance id, also its Raft peer id
 * @param peers the Raft group, this validator included ({@code id@host:port})
 * @param raft the Raft server
 * @param http the HTTP API
 * @param snapshots snapshot policy
 * @param epochCheckInterval how often the leader checks whether the epoch is due
 */
@ConfigComment("Validator configuration, written by `nym validator init`.")
public record ValidatorConfig(
    @ConfigComment("The instance id; also this validator's Raft peer id.") String id,
    @ConfigComment("Every validator of the Raft group as id@host:port, this one included.\n"
            + "All validators must list the same peers and use the same genesis file.")
        List<String> peers,
    @ConfigComment("The Raft server.") Raft raft,
    @ConfigComment("The HTTP API: topology (Nym's nym-api routes), accounts, transactions.")
        Http http,
    @ConfigComment("Snapshots of the ledger in data/raft.") Snapshots snapshots,
    @ConfigComment("How often the leader checks whether the current epoch has ended.")
        Duration epochCheckInterval) {

  /** The schema: version 1. */
  public static final ConfigSchema<ValidatorConfig> SCHEMA =
      ConfigSchema.of(ValidatorConfig.class, 1);

  /** Default Raft port. */
  public static final int DEFAULT_RAFT_PORT = 7070;
  /** Default HTTP API port (nym-api's). */
  public static final int DEFAULT_HTTP_PORT = 8080;

  /**
   * Raft settings.
   *
   * @param electionTimeout the shortest election timeout (the longest is twice it)
   * @param submitTimeout how long a write may wait for a majority before it is refused
   */
  public record Raft(
      @ConfigComment("The shortest leader-election timeout; the longest is twice this.\n"
              + "A leader that fails is replaced after about this long.")
          Duration electionTimeout,
      @ConfigComment("How long a transaction may wait for a majority of validators (retries"
              + " included)\nbefore it is refused with \"no quorum\".")
          Duration submitTimeout) {}

  /**
   * HTTP API settings.
   *
   * @param bindAddress the local address
   * @param port the port
   */
  public record Http(
      @ConfigComment("The local address the HTTP API listens on.") String bindAddress,
      @ConfigComment("The HTTP API port (nym-api's default is 8080).")
          @ConfigRange(min = 0, max = 65535)
          int port) {}

  /**
   * Snapshot policy.
   *
   * @param every log entries between snapshots
   * @param retention snapshots kept
   */
  public record Snapshots(
      @ConfigComment("Take a snapshot after this many log entries; the log is purged up to it.")
          @ConfigRange(min = 1, max = 100_000_000)
          long every,
      @ConfigComment("Snapshots kept on disk (older ones are deleted).")
          @ConfigRange(min = 1, max = 100)
          int retention) {}

  /** The defaults for a new validator. */
  public static ValidatorConfig defaults(String id, List<String> peers, int httpPort) {
    return new ValidatorConfig(id, List.copyOf(peers),
        new Raft(Duration.ofMillis(500), Duration.ofSeconds(10)),
        new Http("0.0.0.0", httpPort),
        new Snapshots(10_000, 3),
        Duration.ofSeconds(1));
  }
}
