package net.nym.test.consumer;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Extension
public class ConsumerCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    return List.of(new Consume());
  }

  @Command(name = "consume", description = "Tells whether this plugin can load a class.")
  static final class Consume implements Runnable {
    @Spec CommandSpec spec;

    @Parameters String className;

    @Override
    public void run() {
      try {
        Class.forName(className, true, Consume.class.getClassLoader());
        spec.commandLine().getOut().println("visible: " + className);
      } catch (ClassNotFoundException | LinkageError e) {
        spec.commandLine().getOut().println("not visible: " + className);
      }
    }
  }
}
