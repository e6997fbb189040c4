package net.nym.test.greeter;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Extension
public class GreeterCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    return List.of(new Greet(context));
  }

  @Command(name = "greet", aliases = "gr", description = "Greets from the greeter plugin.")
  static final class Greet implements Runnable {
    private final PluginContext context;

    @Spec CommandSpec spec;

    Greet(PluginContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      boolean own = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
      spec.commandLine().getOut().println(Greeter.greeting());
      spec.commandLine()
          .getOut()
          .println("plugin=" + context.pluginId() + " tccl-is-plugin=" + own);
    }
  }
}
