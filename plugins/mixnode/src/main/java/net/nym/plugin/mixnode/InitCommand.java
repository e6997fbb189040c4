package net.nym.plugin.mixnode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The node's id.")
  private String id;

  @Option(
      names = "--host",
      required = true,
      paramLabel = "IP",
      description = "The public IP address other nodes send packets to.")
  private String host;

  @Option(
      names = "--mix-port",
      paramLabel = "PORT",
      defaultValue = "1789",
      description = "The mix port (default: ${DEFAULT-VALUE}).")
  private int mixPort;

  @Option(
      names = "--http-api-port",
      paramLabel = "PORT",
      defaultValue = "8000",
      description = "The HTTP API port (default: ${DEFAULT-VALUE}).")
  private int httpPort;

  @Option(
      names = "--validators",
      paramLabel = "URL",
      split = ",",
      description = "Validator / nym-api endpoints, comma-separated.")
  private List<String> validators;

  @Option(names = "--force", description = "Overwrite an existing node's config and keys.")
  private boolean force;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  InitCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    try {
      IpLiterals.parse(host);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--host: " + e.getMessage());
    }
    checkPort("--mix-port", mixPort);
    checkPort("--http-api-port", httpPort);
    List<String> urls =
        validators == null
            ? List.of()
            : validators.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String url : urls) {
      checkUrl(url);
    }
    NodeHome home = context.homes().home(MixnodeServiceFactory.KIND, id);
    if (home.exists() && !force) {
      throw new IllegalStateException(
          "mixnode '"
              + id
              + "' already exists in "
              + home.dir()
              + "; pass --force to overwrite its config and keys");
    }
    home.createDirectories();
    context.keys().createEd25519(home, MixnodeKeys.IDENTITY, force);
    context.keys().createX25519(home, MixnodeKeys.SPHINX, force);
    MixnodeConfig config = MixnodeConfig.defaults(id, host.strip(), mixPort, httpPort, urls);
    context.configs().write(home.configFile(), config, MixnodeConfig.SCHEMA, force);
    NodeDetails details = NodeDetails.of(context, home, config);
    if (format == OutputFormat.text) {
      spec.commandLine().getOut().println("Initialised mixnode '" + id + "'.");
    }
    details.print(spec.commandLine().getOut(), format);
    return 0;
  }

  private void checkPort(String option, int port) {
    if (port < 1 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), option + ": expected a port from 1 to 65535, got " + port);
    }
  }

  private void checkUrl(String url) {
    try {
      URI u = new URI(url);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new URISyntaxException(url, "expected an http:// or https:// URL with a host");
      }
    } catch (URISyntaxException e) {
      throw new ParameterException(
          spec.commandLine(), "--validators: '" + url + "' is not an http(s) URL");
    }
  }
}
