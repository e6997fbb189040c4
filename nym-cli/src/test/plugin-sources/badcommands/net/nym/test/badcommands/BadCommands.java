package net.nym.test.badcommands;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;

@Extension
public class BadCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    throw new IllegalStateException("no commands today");
  }
}
