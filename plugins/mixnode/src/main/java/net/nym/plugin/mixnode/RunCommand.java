package net.nym.plugin.mixnode;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym mixnode run}: starts the node and serves until SIGTERM or Ctrl-C, then stops it
 * gracefully (stop accepting, release due packets within the grace period, save the replay filter,
 * log what was dropped).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a mixnode until SIGTERM or Ctrl-C.")
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
    NodeHome home = context.homes().home(MixnodeServiceFactory.KIND, id);
    MixnodeService node = new MixnodeServiceFactory().create(context, home);
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
                "mixnode-" + id + "-shutdown"));
    spec.commandLine()
        .getOut()
        .printf(
            "mixnode '%s' running: mix port %s, HTTP API %s (log: %s). Ctrl-C stops it.%n",
            id, node.mixAddress(), node.httpAddress(), home.logDir().resolve("nym.log"));
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
