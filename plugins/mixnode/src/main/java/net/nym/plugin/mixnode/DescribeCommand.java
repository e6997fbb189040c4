package net.nym.plugin.mixnode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.mixnet.cli.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym mixnode describe}: sets the node's name, description, link and location (the ones
 * given; the others stay) and prints the result. A running node serves the new description after
 * its next start.
 */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Set a mixnode's name, description, link and location (served by its HTTP API).")
final class DescribeCommand implements Callable<Integer> {
  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The node's id.")
  private String id;

  @Option(names = "--name", paramLabel = "TEXT", description = "The node's name.")
  private String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "What the node is.")
  private String description;

  @Option(names = "--link", paramLabel = "URL", description = "A web link.")
  private String link;

  @Option(names = "--location", paramLabel = "TEXT", description = "Where it runs.")
  private String location;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  DescribeCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    NodeHome home = context.homes().home(MixnodeServiceFactory.KIND, id);
    if (!home.exists()) {
      throw new IllegalArgumentException(
          "mixnode '" + id + "' is not initialised (no " + home.configFile() + ")");
    }
    MixnodeConfig config = context.configs().read(home.configFile(), MixnodeConfig.SCHEMA).value();
    MixnodeConfig.Description old = config.description();
    MixnodeConfig.Description d =
        new MixnodeConfig.Description(
            name == null ? old.name() : name.strip(),
            description == null ? old.description() : description.strip(),
            link == null ? old.link() : link.strip(),
            location == null ? old.location() : location.strip());
    if (!d.equals(old)) {
      context
          .configs()
          .write(home.configFile(), config.withDescription(d), MixnodeConfig.SCHEMA, true);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.println(new ObjectMapper().writeValueAsString(d));
    } else {
      out.println("Name:        " + d.name());
      out.println("Description: " + d.description());
      out.println("Link:        " + d.link());
      out.println("Location:    " + d.location());
    }
    out.flush();
    return 0;
  }
}
