package net.nym.examples.hello;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym hello [--name NAME] [-o text|json]}: greets and shows where node homes live.
 *
 * <p>An ordinary picocli command. Two rules matter in a plugin: print through {@code
 * spec.commandLine().getOut()} (so that tests and {@code nym shell} capture the output), and expect
 * the same instance to run several times in the shell (picocli resets the options before each run;
 * keep no other state between runs).
 */
@Command(
    name = "hello",
    mixinStandardHelpOptions = true,
    description = "Greets you and shows where nym keeps its node homes.")
public class HelloCommand implements Callable<Integer> {

  /** The output formats of this command. */
  enum Format {
    text,
    json
  }

  /** The JSON form of the output. */
  record Greeting(String greeting, String homes, String host) {}

  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      defaultValue = "world",
      description = "Who to greet (default: ${DEFAULT-VALUE}).")
  private String name;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Format format;

  HelloCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    // Host services come from the context: here the node-homes root (--home, NYM_HOME or ~/.nym).
    Greeting greeting =
        new Greeting(
            "Hello, " + name + "!",
            context.homes().root().toString(),
            "nym " + context.hostVersion());
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(new ObjectMapper().writeValueAsString(greeting));
    } else {
      out.println(greeting.greeting());
      out.println("Node homes: " + greeting.homes());
    }
    return 0;
  }
}
