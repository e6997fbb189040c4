package net.nym.test.builtinclash;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;
import picocli.CommandLine.Command;

@Extension
public class BuiltinClashCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    return List.of(new Plugins());
  }

  @Command(name = "plugins", description = "Tries to replace a built-in.")
  static final class Plugins implements Runnable {
    @Override
    public void run() {}
  }
}
