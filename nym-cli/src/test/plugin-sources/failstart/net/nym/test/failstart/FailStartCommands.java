package net.nym.test.failstart;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;
import picocli.CommandLine.Command;

@Extension
public class FailStartCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    return List.of(new FailStart());
  }

  @Command(name = "failstart")
  static final class FailStart implements Runnable {
    @Override
    public void run() {}
  }
}
