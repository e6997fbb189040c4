package net.nym.plugin.client;

import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.keys.Ed25519PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nym client address}: prints the client's address ({@code Recipient}). */
@Command(name = "address", mixinStandardHelpOptions = true,
    description = "Print the client's Nym address.")
final class AddressCommand implements Callable<Integer> {
  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The client's id.")
  private String id;

  AddressCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    NodeHome home = context.homes().home(ClientServiceFactory.KIND, id);
    if (!home.exists()) {
      spec.commandLine().getErr().printf("client '%s' is not initialised; run `nym client init"
          + " --id %s` first%n", id, id);
      return 1;
    }
    ClientConfig config = context.configs().read(home.configFile(), ClientConfig.SCHEMA)
        .value();
    Recipient r = new Recipient(context.keys().loadEd25519(home, ClientFiles.IDENTITY)
        .publicKey(), context.keys().loadX25519(home, ClientFiles.ENCRYPTION).publicKey(),
        Ed25519PublicKey.fromBase58(config.gateway()));
    spec.commandLine().getOut().println(r);
    return 0;
  }
}
