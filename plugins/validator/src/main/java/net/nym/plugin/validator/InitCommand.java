package net.nym.plugin.validator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.plugin.validator.ledger.Genesis;
import net.nym.plugin.validator.raft.Peer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nym validator init}: creates the validator's home, identity key, config and genesis.
 * Without {@code --genesis} it generates a single-validator genesis that lists this validator
 * and allocates the supply to a treasury account named after it ({@code nym account ... --id
 * ID}). Without {@code --peers} the group is this validator alone.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Create a validator: its home, identity key, config and genesis.")
final class InitCommand implements Callable<Integer> {
  static final long TREASURY = 1_000_000_000L * 1_000_000L;
  static final long REWARD_POOL = 250_000_000L * 1_000_000L;

  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The validator's"
      + " id (also its Raft peer id).")
  private String id;

  @Option(names = "--genesis", paramLabel = "FILE", description = "A genesis file shared by all"
      + " validators of the chain (default: generate one for this validator alone).")
  private Path genesisFile;

  @Option(names = "--peers", paramLabel = "ID@HOST:PORT", split = ",",
      description = "Every validator of the group, this one included (default: this one at"
          + " 127.0.0.1 and the Raft port).")
  private List<String> peers;

  @Option(names = "--raft-port", paramLabel = "PORT", defaultValue = "7070",
      description = "The Raft port when --peers is not given (default: ${DEFAULT-VALUE}).")
  private int raftPort;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "The HTTP API port (default: ${DEFAULT-VALUE}).")
  private int httpPort;

  @Mixin private GenesisOptions genesisOptions;

  @Option(names = "--force", description = "Overwrite an existing validator's config and genesis"
      + " (its identity key is kept unless --new-key; its ledger data is never touched).")
  private boolean force;

  @Option(names = "--new-key", description = "With --force: also replace the identity key.")
  private boolean newKey;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private ClientOptions.OutputFormat format;

  private static boolean hasIdentity(NodeHome home) {
    return java.nio.file.Files.exists(home.dataDir().resolve(
        "private_" + ValidatorServiceFactory.IDENTITY + ".pem"));
  }

  InitCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (raftPort < 1 || raftPort > 65535 || httpPort < 0 || httpPort > 65535) {
      throw new ParameterException(spec.commandLine(), "ports must be within 1-65535");
    }
    List<Peer> group;
    try {
      group = peers == null || peers.isEmpty()
          ? List.of(new Peer(id, "127.0.0.1", raftPort)) : Peer.parseList(peers);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--peers: " + e.getMessage());
    }
    if (group.stream().noneMatch(p -> p.id().equals(id))) {
      throw new ParameterException(spec.commandLine(),
          "--peers: must include this validator ('" + id + "@host:port')");
    }
    NodeHome home = context.homes().home(ValidatorServiceFactory.KIND, id);
    if (home.exists() && !force) {
      throw new IllegalStateException("validator '" + id + "' already exists in " + home.dir()
          + "; pass --force to overwrite its config and genesis");
    }
    Genesis genesis = genesisFile == null ? null : GenesisFile.read(genesisFile);
    home.createDirectories();
    Ed25519KeyPair identity = hasIdentity(home) && !newKey
        ? context.keys().loadEd25519(home, ValidatorServiceFactory.IDENTITY)
        : context.keys().createEd25519(home, ValidatorServiceFactory.IDENTITY, true);
    String treasury = null;
    if (genesis == null) {
      NodeHome accountHome = Accounts.home(context, id);
      Ed25519KeyPair account = accountHome.exists() ? Accounts.load(context, id)
          : Accounts.create(context, id, false);
      treasury = account.publicKey().toBase58();
      List<Genesis.Allocation> alloc = new ArrayList<>();
      alloc.add(new Genesis.Allocation(treasury, TREASURY));
      alloc.addAll(genesisOptions.parsedAllocations());
      String chain = genesisOptions.chainId == null ? "nym-local-" + id : genesisOptions.chainId;
      genesis = new Genesis(chain, System.currentTimeMillis(), genesisOptions.params(), alloc,
          List.of(identity.publicKey().toBase58()), REWARD_POOL);
    }
    GenesisFile.write(GenesisFile.of(home), genesis);
    ValidatorConfig config = ValidatorConfig.defaults(id,
        group.stream().map(Peer::toString).toList(), httpPort);
    context.configs().write(home.configFile(), config, ValidatorConfig.SCHEMA, force);
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("identity_key", identity.publicKey().toBase58());
    m.put("chain_id", genesis.chainId());
    m.put("peers", config.peers());
    m.put("http_port", httpPort);
    m.put("genesis", GenesisFile.of(home).toString());
    m.put("treasury_account", treasury);
    m.put("home", home.dir().toString());
    if (format == ClientOptions.OutputFormat.json) {
      out.println(ClientJson.PRETTY.writeValueAsString(m));
    } else {
      out.println("Initialised validator '" + id + "' (" + home.dir() + ")");
      out.println("Identity key: " + m.get("identity_key"));
      out.println("Chain:        " + genesis.chainId() + " (epochs of "
          + genesis.params().epochLengthSecs() + " s)");
      out.println("Peers:        " + String.join(", ", config.peers()));
      out.println("HTTP API:     port " + httpPort);
      if (treasury != null) {
        out.println("Treasury:     account '" + id + "' " + treasury + " holds "
            + ClientOptions.format(TREASURY));
      }
      if (!genesis.validators().contains(identity.publicKey().toBase58())) {
        out.println("Note: this validator's key is not in the genesis validators; it will not"
            + " advance epochs.");
      }
    }
    out.flush();
    return 0;
  }
}
