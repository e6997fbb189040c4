package net.nym.plugin.validator;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.api.config.ConfigException;
import net.nym.api.config.ConfigSchema;
import net.nym.api.home.NodeHome;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.plugin.validator.ledger.BondingPayload;
import net.nym.plugin.validator.ledger.NodeKind;
import net.nym.plugin.validator.ledger.Tx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym bond mixnode | gateway}: bonds a node initialised on this machine. The node's keys
 * and details come from its home; the node's identity key signs the bonding payload (the bytes
 * {@code nym mixnode sign --contract-msg} signs, see {@link BondingPayload}) and the account signs
 * the transaction. For a node on another machine, {@code --print-payload} prints the base58
 * payload to sign there and {@code --node-signature} takes the result.
 */
final class BondCommands {
  private BondCommands() {}

  static CommandLine tree(PluginContext context) {
    return new CommandLine(new Group())
        .addSubcommand(NodeKind.MIXNODE, new Bond(context, NodeKind.MIXNODE))
        .addSubcommand(NodeKind.GATEWAY, new Bond(context, NodeKind.GATEWAY));
  }

  @Command(name = "bond", mixinStandardHelpOptions = true,
      description = "Bond a mixnode or gateway to an account: pledge stake so it can be chosen.")
  static final class Group {}

  /** The part of a mixnode's config.toml a bond needs (other keys are ignored). */
  record MixnodeView(String id, Mixnet mixnet, Http http) {
    record Mixnet(String announceHost, int port) {}

    record Http(int port) {}

    static final ConfigSchema<MixnodeView> SCHEMA = ConfigSchema.view(MixnodeView.class, 1);
  }

  /** The part of a gateway's config.toml a bond needs (other keys are ignored). */
  record GatewayView(
      String id, MixnodeView.Mixnet mixnet, Clients clients, MixnodeView.Http http) {
    record Clients(int port) {}

    static final ConfigSchema<GatewayView> SCHEMA = ConfigSchema.view(GatewayView.class, 1);
  }

  @Command(mixinStandardHelpOptions = true,
      description = "Bond a node initialised on this machine (its keys and details are read from"
          + " its home).")
  static final class Bond implements Callable<Integer> {
    private final PluginContext context;
    private final String kind;
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client;

    @Option(names = "--id", required = true, paramLabel = "NODE",
        description = "The node's id (its home on this machine).")
    private String id;

    @Option(names = "--account", required = true, paramLabel = "NAME",
        description = "The owning account.")
    private String account;

    @Option(names = "--pledge", required = true, paramLabel = "AMOUNT",
        description = "Stake to pledge, e.g. 100nym (the minimum is 100nym by default).")
    private String pledge;

    @Option(names = "--host", paramLabel = "IP",
        description = "The node's announced IP (default: from the node's config).")
    private String host;

    @Option(names = "--mix-port", paramLabel = "PORT",
        description = "The mix port (default: from the node's config, else 1789).")
    private Integer mixPort;

    @Option(names = "--clients-port", paramLabel = "PORT",
        description = "A gateway's client websocket port (default: its config, else 9000).")
    private Integer clientsPort;

    @Option(names = "--profit-margin", paramLabel = "FRACTION", defaultValue = "0.1",
        description = "The operator's profit margin, 0 to 1 (default: ${DEFAULT-VALUE}).")
    private String profitMargin;

    @Option(names = "--operating-cost", paramLabel = "AMOUNT", defaultValue = "40nym",
        description = "Operating cost per interval (default: ${DEFAULT-VALUE}).")
    private String operatingCost;

    @Option(names = "--node-signature", paramLabel = "BASE58",
        description = "The node's signature of the payload, when its key is not on this"
            + " machine.")
    private String nodeSignature;

    @Option(names = "--print-payload",
        description = "Print the base58 bonding payload for `nym mixnode sign --contract-msg`"
            + " and stop.")
    private boolean printPayload;

    Bond(PluginContext context, String kind) {
      this.context = context;
      this.kind = kind;
    }

    @Override
    public Integer call() throws Exception {
      CommandSpec s = spec;
      long pledged = ClientOptions.amount("--pledge", pledge);
      long cost = ClientOptions.amount("--operating-cost", operatingCost);
      BigDecimal margin;
      try {
        margin = new BigDecimal(profitMargin);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--profit-margin: '" + profitMargin
            + "' is not a number");
      }
      if (margin.signum() < 0 || margin.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("--profit-margin: must be within 0 and 1");
      }
      NodeHome home = context.homes().home(kind, id);
      if (!home.exists()) {
        throw new IllegalArgumentException(kind + " '" + id + "' is not initialised on this"
            + " machine (no " + home.configFile() + ")");
      }
      Ed25519KeyPair nodeKey = context.keys().loadEd25519(home, "identity");
      String identityKey = nodeKey.publicKey().toBase58();
      String sphinxKey = context.keys().loadX25519(home, "sphinx").publicKey().toBase58();
      String nodeHost = host;
      int port = mixPort == null ? 1789 : mixPort;
      int httpPort = 0;
      int clients = clientsPort == null ? 9000 : clientsPort;
      if (NodeKind.MIXNODE.equals(kind)) {
        MixnodeView view = context.configs().read(home.configFile(), MixnodeView.SCHEMA).value();
        nodeHost = host != null ? host : view.mixnet().announceHost();
        port = mixPort != null ? mixPort : view.mixnet().port();
        httpPort = view.http().port();
      } else {
        try {
          GatewayView view =
              context.configs().read(home.configFile(), GatewayView.SCHEMA).value();
          nodeHost = host != null ? host : view.mixnet().announceHost();
          port = mixPort != null ? mixPort : view.mixnet().port();
          clients = clientsPort != null ? clientsPort : view.clients().port();
          httpPort = view.http().port();
        } catch (ConfigException e) {
          if (host == null) {
            throw e;
          }
        }
      }
      Ed25519KeyPair owner = Accounts.load(context, account);
      String ownerAddress = owner.publicKey().toBase58();
      ValidatorClient c = client.client();
      String chain = Submit.chainId(c);
      Tx.Bond details = new Tx.Bond(kind, identityKey, sphinxKey, nodeHost, port, 0, httpPort,
          NodeKind.GATEWAY.equals(kind) ? clients : 0, "", context.hostVersion(), pledged,
          margin.stripTrailingZeros().toPlainString(), cost, null);
      PrintWriter out = s.commandLine().getOut();
      if (printPayload) {
        long nonce = Submit.nonce(c, ownerAddress);
        out.println(Base58.encode(BondingPayload.bytes(details, ownerAddress, nonce, "unym")));
        out.flush();
        return 0;
      }
      Ed25519KeyPair signer = nodeKey;
      return Submit.run(c, ownerAddress, nonce -> {
        byte[] payload = BondingPayload.bytes(details, ownerAddress, nonce, "unym");
        String sig = nodeSignature != null ? nodeSignature : Base58.encode(signer.sign(payload));
        return Tx.bond(chain, owner, nonce, details.withNodeSignature(sig));
      }, out, s.commandLine().getErr(), client.format,
          "bond of " + kind + " '" + id + "' with " + ClientOptions.format(pledged));
    }
  }
}
