package net.nym.plugin.validator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.nym.api.PluginContext;
import net.nym.api.config.ConfigException;
import net.nym.api.config.ConfigService;
import net.nym.api.home.NodeHome;
import net.nym.api.service.ServiceFactory;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.plugin.validator.ledger.Genesis;
import net.nym.plugin.validator.raft.Peer;
import net.nym.plugin.validator.raft.ReplicaSettings;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * Makes {@code validator} services: reads the home's config, genesis and identity key and
 * returns an unstarted {@link ValidatorService}. Used by {@code nym validator run}, tests and
 * {@code nym localnet}.
 */
@Extension
public final class ValidatorServiceFactory implements ServiceFactory {

  /** The service kind, also the node-home directory name. */
  public static final String KIND = "validator";
  /** The validator's Ed25519 identity key in {@code data/}. */
  static final String IDENTITY = "identity";
  /** The Raft storage directory in {@code data/}. */
  static final String RAFT_DIR = "raft";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public ValidatorService create(PluginContext context, NodeHome home) throws Exception {
    return create(context, home, Clock.systemUTC());
  }

  /** As {@link #create(PluginContext, NodeHome)} with the epoch clock given. */
  public ValidatorService create(PluginContext context, NodeHome home, Clock clock)
      throws Exception {
    Logger log = context.logger(ValidatorService.class);
    if (!home.exists()) {
      throw new IllegalArgumentException("validator '" + home.id() + "' is not initialised (no "
          + home.configFile() + "); run `nym validator init --id " + home.id() + "` first");
    }
    ConfigService.Loaded<ValidatorConfig> loaded =
        context.configs().read(home.configFile(), ValidatorConfig.SCHEMA);
    loaded.warnings().forEach(w -> log.warn("{}", w));
    ValidatorConfig config = loaded.value();
    List<Peer> peers;
    try {
      peers = Peer.parseList(config.peers());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(home.configFile(), "peers", e.getMessage());
    }
    if (peers.stream().noneMatch(p -> p.id().equals(home.id()))) {
      throw new ConfigException(home.configFile(), "peers",
          "this validator '" + home.id() + "' must be one of the peers " + config.peers());
    }
    positive(home, "raft.election_timeout", config.raft().electionTimeout());
    positive(home, "raft.submit_timeout", config.raft().submitTimeout());
    positive(home, "epoch_check_interval", config.epochCheckInterval());
    Genesis genesis;
    try {
      genesis = GenesisFile.read(GenesisFile.of(home));
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Ed25519KeyPair identity = context.keys().loadEd25519(home, IDENTITY);
    ReplicaSettings settings = new ReplicaSettings(home.id(), peers,
        home.dataDir().resolve(RAFT_DIR), config.snapshots().every(),
        config.snapshots().retention(), config.raft().electionTimeout(),
        config.raft().submitTimeout());
    try {
      return new ValidatorService(home.id(), settings, genesis, identity,
          context.eventLoopGroup(),
          ValidatorService.bind(config.http().bindAddress(), config.http().port()),
          config.epochCheckInterval().toMillis(), clock, log);
    } catch (IOException e) {
      throw new ConfigException(home.configFile(), "http.bind_address", e.getMessage());
    }
  }

  private static void positive(NodeHome home, String key, Duration d) throws ConfigException {
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(home.configFile(), key, "expected a positive duration, got " + d);
    }
  }
}
