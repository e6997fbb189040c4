package net.nym.plugin.validator;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nym validator run}: runs the validator until SIGTERM or Ctrl-C. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a validator until SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {
  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The validator's id.")
  private String id;

  RunCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    NodeHome home = context.homes().home(ValidatorServiceFactory.KIND, id);
    ValidatorService node = new ValidatorServiceFactory().create(context, home);
    context.logToHome(home);
    node.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.stop();
      stopped.countDown();
    }, "validator-" + id + "-shutdown"));
    spec.commandLine().getOut().printf(
        "validator '%s' running: HTTP API %s, raft %s (log: %s). Ctrl-C stops it.%n", id,
        node.httpAddress(), node.replica().settings().self().address(),
        home.logDir().resolve("nym.log"));
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
