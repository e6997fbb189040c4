package net.nym.plugin.mixnode;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import net.nym.mixnet.cli.NodeSignCommand;
import org.pf4j.Extension;
import picocli.CommandLine;

/**
 * Contributes {@code nym mixnode} and its subcommands. Created once by the host; {@link #commands}
 * builds the tree with the plugin's context so that each subcommand reaches the host services.
 */
@Extension
public final class MixnodeCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    CommandLine mixnode =
        new CommandLine(new MixnodeCommand())
            .addSubcommand(new InitCommand(context))
            .addSubcommand(new RunCommand(context))
            .addSubcommand(new NodeDetailsCommand(context))
            .addSubcommand(new DescribeCommand(context))
            .addSubcommand(
                new NodeSignCommand(context, MixnodeServiceFactory.KIND, MixnodeKeys.IDENTITY));
    return List.of(mixnode);
  }
}
