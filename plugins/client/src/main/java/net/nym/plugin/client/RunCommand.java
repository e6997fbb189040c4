package net.nym.plugin.client;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.client.core.engine.TrafficSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nym client run}: runs the client and its websocket API until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a client and its websocket API until SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {
  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The client's id.")
  private String id;

  @Option(names = "--fastmode",
      description = "Nym's fast mode: 10 ms per hop, 4 ms sending delay, rare loop cover.")
  private boolean fastmode;

  @Option(names = "--no-cover", description = "No loop cover traffic, no Poisson cover filler.")
  private boolean noCover;

  RunCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    NodeHome home = context.homes().home(ClientServiceFactory.KIND, id);
    TrafficSettings s = TrafficSettings.defaults();
    if (fastmode) {
      s = s.fastmode();
    }
    if (noCover) {
      s = s.noCover();
    }
    ClientService client = ClientServiceFactory.create(context, home, s);
    context.logToHome(home);
    client.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      client.stop();
      stopped.countDown();
    }, "client-" + id + "-shutdown"));
    spec.commandLine().getOut().printf("client '%s' running: address %s, websocket API"
        + " ws://%s:%d. Ctrl-C stops it.%n", id, client.address(),
        client.apiAddress().getHostString(), client.apiAddress().getPort());
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
