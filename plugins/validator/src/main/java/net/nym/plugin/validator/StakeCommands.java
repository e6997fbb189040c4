package net.nym.plugin.validator;

import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.plugin.validator.ledger.Tx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nym unbond}, {@code nym delegate}, {@code nym undelegate}. */
final class StakeCommands {
  private StakeCommands() {}

  @Command(name = "unbond", mixinStandardHelpOptions = true,
      description = "Unbond the account's node: its pledge and delegations are returned.")
  static final class Unbond implements Callable<Integer> {
    private final PluginContext context;
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client;

    @Option(names = "--account", required = true, paramLabel = "NAME",
        description = "The owning account.")
    private String account;

    Unbond(PluginContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      Ed25519KeyPair key = Accounts.load(context, account);
      ValidatorClient c = client.client();
      String chain = Submit.chainId(c);
      return Submit.run(c, key.publicKey().toBase58(), n -> Tx.unbond(chain, key, n),
          spec.commandLine().getOut(), spec.commandLine().getErr(), client.format, "unbond");
    }
  }

  @Command(name = "delegate", mixinStandardHelpOptions = true,
      description = "Delegate stake to a bonded node.")
  static final class Delegate implements Callable<Integer> {
    private final PluginContext context;
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client;

    @Option(names = "--account", required = true, paramLabel = "NAME",
        description = "The delegating account.")
    private String account;

    @Option(names = "--node-id", required = true, paramLabel = "ID", description = "The node.")
    private long nodeId;

    @Option(names = "--amount", required = true, paramLabel = "AMOUNT",
        description = "e.g. 50nym.")
    private String amount;

    Delegate(PluginContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      long unym = ClientOptions.amount("--amount", amount);
      Ed25519KeyPair key = Accounts.load(context, account);
      ValidatorClient c = client.client();
      String chain = Submit.chainId(c);
      return Submit.run(c, key.publicKey().toBase58(),
          n -> Tx.delegate(chain, key, n, nodeId, unym), spec.commandLine().getOut(),
          spec.commandLine().getErr(), client.format,
          "delegation of " + ClientOptions.format(unym) + " to node " + nodeId);
    }
  }

  @Command(name = "undelegate", mixinStandardHelpOptions = true,
      description = "Withdraw the account's whole delegation from a node.")
  static final class Undelegate implements Callable<Integer> {
    private final PluginContext context;
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client;

    @Option(names = "--account", required = true, paramLabel = "NAME",
        description = "The delegating account.")
    private String account;

    @Option(names = "--node-id", required = true, paramLabel = "ID", description = "The node.")
    private long nodeId;

    Undelegate(PluginContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      Ed25519KeyPair key = Accounts.load(context, account);
      ValidatorClient c = client.client();
      String chain = Submit.chainId(c);
      return Submit.run(c, key.publicKey().toBase58(), n -> Tx.undelegate(chain, key, n, nodeId),
          spec.commandLine().getOut(), spec.commandLine().getErr(), client.format,
          "undelegation from node " + nodeId);
    }
  }
}
