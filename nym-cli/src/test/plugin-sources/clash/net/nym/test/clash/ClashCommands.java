package net.nym.test.clash;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;
import picocli.CommandLine.Command;

@Extension
public class ClashCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    return List.of(new OtherHello(), new Unique());
  }

  @Command(name = "hello", description = "A second hello.")
  static final class OtherHello implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "clash-unique", description = "Must not be mounted: its plugin is skipped.")
  static final class Unique implements Runnable {
    @Override
    public void run() {}
  }
}
