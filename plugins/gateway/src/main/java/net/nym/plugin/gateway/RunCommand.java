package net.nym.plugin.gateway;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym gateway run}: starts the node and serves until SIGTERM or Ctrl-C, then stops it
 * gracefully (close client sessions saving their bandwidth, drain queues within the grace
 * period, save the replay filter, close the mailbox).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a gateway until SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {
  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The node's id.")
  private String id;

  RunCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    NodeHome home = context.homes().home(GatewayServiceFactory.KIND, id);
    GatewayService node = new GatewayServiceFactory().create(context, home);
    context.logToHome(home);
    node.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.stop();
                  stopped.countDown();
                },
                "gateway-" + id + "-shutdown"));
    spec.commandLine()
        .getOut()
        .printf(
            "gateway '%s' running: clients port %s, mix port %s, HTTP API %s (log: %s)."
                + " Ctrl-C stops it.%n",
            id, node.clientsAddress(), node.mixAddress(), node.httpAddress(),
            home.logDir().resolve("nym.log"));
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
