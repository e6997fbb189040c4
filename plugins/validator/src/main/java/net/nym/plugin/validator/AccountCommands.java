package net.nym.plugin.validator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.plugin.validator.ledger.Tx;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nym account create | show | balance | send}. */
final class AccountCommands {
  private AccountCommands() {}

  static CommandLine tree(PluginContext context) {
    return new CommandLine(new Group())
        .addSubcommand(new Create(context))
        .addSubcommand(new Show(context))
        .addSubcommand(new Balance(context))
        .addSubcommand(new Send(context));
  }

  @Command(name = "account", mixinStandardHelpOptions = true,
      description = "Ledger accounts: an Ed25519 key in ~/.nym/account/<id>/ whose public key"
          + " (base58) is the address.")
  static final class Group {}

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an account key and print its address.")
  static final class Create implements Callable<Integer> {
    private final PluginContext context;
    @Spec private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "NAME", description = "Account name.")
    private String id;

    @Option(names = "--force", description = "Replace an existing account's key.")
    private boolean force;

    Create(PluginContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      Ed25519KeyPair key = Accounts.create(context, id, force);
      spec.commandLine().getOut().println("Created account '" + id + "': "
          + key.publicKey().toBase58());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print an account's address.")
  static final class Show implements Callable<Integer> {
    private final PluginContext context;
    @Spec private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "NAME", description = "Account name.")
    private String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private ClientOptions.OutputFormat format;

    Show(PluginContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      String address = Accounts.load(context, id).publicKey().toBase58();
      PrintWriter out = spec.commandLine().getOut();
      if (format == ClientOptions.OutputFormat.json) {
        out.println(ClientJson.JSON.writeValueAsString(Map.of("id", id, "address", address)));
      } else {
        out.println(address);
      }
      out.flush();
      return 0;
    }
  }

  /** Exactly one of {@code --id} and {@code --address}. */
  static final class Who {
    @Option(names = "--id", paramLabel = "NAME", description = "Account name.")
    String id;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "Account address.")
    String address;
  }

  @Command(name = "balance", mixinStandardHelpOptions = true,
      description = "Show an account's balance, nonce, bonded node and delegations.")
  static final class Balance implements Callable<Integer> {
    private final PluginContext context;
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Who who;

    Balance(PluginContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      String address = who.address != null ? who.address
          : Accounts.load(context, who.id).publicKey().toBase58();
      Ed25519PublicKey.fromBase58(address);
      ValidatorClient.Answer a = client.client().get("v1/accounts/" + address);
      if (a.status() != 200) {
        throw new IllegalStateException("cannot read account " + address + ": "
            + ValidatorClient.message(a));
      }
      JsonNode j = a.json();
      PrintWriter out = spec.commandLine().getOut();
      if (client.format == ClientOptions.OutputFormat.json) {
        out.println(ClientJson.PRETTY.writeValueAsString(j));
      } else {
        out.println("Address:     " + address);
        out.println("Balance:     " + ClientOptions.format(j.path("balance").asLong())
            + (j.path("exists").asBoolean() ? "" : " (not on the ledger yet)"));
        out.println("Nonce:       " + j.path("nonce").asLong());
        out.println("Bonded node: " + (j.hasNonNull("node_id") ? j.get("node_id").asLong()
            : "none"));
        for (JsonNode d : j.path("delegations")) {
          out.println("Delegation:  node " + d.path("node_id").asLong() + ": "
              + ClientOptions.format(d.path("amount").asLong()));
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "send", mixinStandardHelpOptions = true,
      description = "Transfer nym to another address.")
  static final class Send implements Callable<Integer> {
    private final PluginContext context;
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client;

    @Option(names = "--id", required = true, paramLabel = "NAME",
        description = "The sending account.")
    private String id;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS",
        description = "The recipient's address.")
    private String to;

    @Option(names = "--amount", required = true, paramLabel = "AMOUNT",
        description = "e.g. 10nym, 2.5nym or 2500000unym.")
    private String amount;

    Send(PluginContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      long unym = ClientOptions.amount("--amount", amount);
      try {
        Ed25519PublicKey.fromBase58(to);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--to: '" + to + "' is not an address ("
            + e.getMessage() + ")");
      }
      Ed25519KeyPair key = Accounts.load(context, id);
      ValidatorClient c = client.client();
      String chain = Submit.chainId(c);
      return Submit.run(c, key.publicKey().toBase58(),
          nonce -> Tx.transfer(chain, key, nonce, to, unym), spec.commandLine().getOut(),
          spec.commandLine().getErr(), client.format, "transfer of "
              + ClientOptions.format(unym));
    }
  }
}
