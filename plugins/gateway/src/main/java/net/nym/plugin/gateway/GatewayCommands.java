package net.nym.plugin.gateway;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import net.nym.mixnet.cli.NodeSignCommand;
import org.pf4j.Extension;
import picocli.CommandLine;

/**
 * Contributes {@code nym gateway} and its subcommands. Created once by the host; {@link #commands}
 * builds the tree with the plugin's context so that each subcommand reaches the host services.
 */
@Extension
public final class GatewayCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    CommandLine gateway =
        new CommandLine(new GatewayCommand())
            .addSubcommand(new InitCommand(context))
            .addSubcommand(new RunCommand(context))
            .addSubcommand(new NodeDetailsCommand(context))
            .addSubcommand(
                new NodeSignCommand(context, GatewayServiceFactory.KIND, GatewayKeys.IDENTITY));
    return List.of(gateway);
  }
}
