package net.nym.plugin.localnet;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;
import picocli.CommandLine;

/** Contributes {@code nym localnet}. Created once by the host. */
@Extension
public final class LocalnetCommands implements CommandProvider {
  @Override
  public List<Object> commands(PluginContext context) {
    return List.of(new CommandLine(new LocalnetCommand(context)));
  }
}
