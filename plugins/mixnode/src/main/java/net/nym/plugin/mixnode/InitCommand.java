package net.nym.plugin.mixnode;

import java.util.List;
import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.mixnet.cli.NodeInitOptions;
import net.nym.mixnet.cli.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nym mixnode init}: creates the node home with its config (every key commented) and its
 * identity (Ed25519) and Sphinx (X25519) keys. Refuses to touch an existing node without {@code
 * --force}.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Create a mixnode: its home, config, identity key and sphinx key.")
final class InitCommand implements Callable<Integer> {
  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Mixin private NodeInitOptions node;

  InitCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    List<String> urls = node.validate(spec);
    String id = node.id();
    NodeHome home = context.homes().home(MixnodeServiceFactory.KIND, id);
    if (home.exists() && !node.force()) {
      throw new IllegalStateException(
          "mixnode '"
              + id
              + "' already exists in "
              + home.dir()
              + "; pass --force to overwrite its config and keys");
    }
    home.createDirectories();
    context.keys().createEd25519(home, MixnodeKeys.IDENTITY, node.force());
    context.keys().createX25519(home, MixnodeKeys.SPHINX, node.force());
    MixnodeConfig config = MixnodeConfig.defaults(id, node.host(), node.mixPort(), node.httpPort(), urls);
    context.configs().write(home.configFile(), config, MixnodeConfig.SCHEMA, node.force());
    NodeDetails details = NodeDetails.of(context, home, config);
    if (node.format() == OutputFormat.text) {
      spec.commandLine().getOut().println("Initialised mixnode '" + id + "'.");
    }
    details.print(spec.commandLine().getOut(), node.format());
    return 0;
  }
}
