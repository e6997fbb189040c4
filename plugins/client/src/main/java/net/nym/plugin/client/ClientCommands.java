package net.nym.plugin.client;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Contributes {@code nym client init | run | address}. Created once by the host. */
@Extension
public final class ClientCommands implements CommandProvider {

  /** {@code nym client}: the parent of the subcommands. */
  @Command(name = "client", mixinStandardHelpOptions = true,
      description = "Nym's native client with its websocket API for local applications.")
  static final class ClientCommand implements Runnable {
    @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Override
  public List<Object> commands(PluginContext context) {
    return List.of(new CommandLine(new ClientCommand())
        .addSubcommand(new InitCommand(context))
        .addSubcommand(new RunCommand(context))
        .addSubcommand(new AddressCommand(context)));
  }
}
