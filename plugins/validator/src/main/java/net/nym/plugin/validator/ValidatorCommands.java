package net.nym.plugin.validator;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;
import picocli.CommandLine;

/**
 * Contributes {@code nym validator}, {@code account}, {@code bond}, {@code unbond}, {@code
 * delegate}, {@code undelegate} and {@code topology}. Created once by the host.
 */
@Extension
public final class ValidatorCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    CommandLine validator = new CommandLine(new ValidatorCommand())
        .addSubcommand(new InitCommand(context))
        .addSubcommand(new RunCommand(context))
        .addSubcommand(new GenesisCommand());
    return List.of(
        validator,
        AccountCommands.tree(context),
        BondCommands.tree(context),
        new CommandLine(new StakeCommands.Unbond(context)),
        new CommandLine(new StakeCommands.Delegate(context)),
        new CommandLine(new StakeCommands.Undelegate(context)),
        new CommandLine(new TopologyCommand()));
  }
}
