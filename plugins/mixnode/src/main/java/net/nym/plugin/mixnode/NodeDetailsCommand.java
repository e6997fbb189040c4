package net.nym.plugin.mixnode;

import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.mixnet.cli.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nym mixnode node-details}: keys, addresses, ports and version of a node. */
@Command(
    name = "node-details",
    mixinStandardHelpOptions = true,
    description = "Show a mixnode's identity and sphinx keys, addresses, ports and version.")
final class NodeDetailsCommand implements Callable<Integer> {
  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The node's id.")
  private String id;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  NodeDetailsCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    NodeDetails.load(context, context.homes().home(MixnodeServiceFactory.KIND, id))
        .print(spec.commandLine().getOut(), format);
    return 0;
  }
}
