package net.nym.plugin.localnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.api.service.NymService;
import net.nym.api.service.ServiceFactory;
import net.nym.client.core.engine.TrafficSettings;
import net.nym.client.core.topology.Topology;
import net.nym.client.core.topology.TopologyNode;
import net.nym.client.core.topology.TopologyProvider;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.plugin.client.ClientCommands;
import net.nym.plugin.client.ClientService;
import net.nym.plugin.client.ClientServiceFactory;
import net.nym.plugin.gateway.GatewayCommands;
import net.nym.plugin.gateway.GatewayServiceFactory;
import net.nym.plugin.mixnode.MixnodeCommands;
import net.nym.plugin.mixnode.MixnodeServiceFactory;
import net.nym.plugin.validator.ValidatorCommands;
import net.nym.plugin.validator.ValidatorServiceFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym localnet}: a validator, six mixnodes (two per layer), two gateways and two native
 * clients in this JVM on 127.0.0.1, every node bonded by its own account through the validator's
 * ledger and found by the clients through the validator's topology API. Homes and the chosen
 * ports live in the data directory, so a second run reuses the same identities.
 */
@Command(name = "localnet", mixinStandardHelpOptions = true,
    description = "Run a whole mixnet on this machine: a validator, six mixnodes, two gateways"
        + " and two native clients. Ctrl-C stops it.")
final class LocalnetCommand implements Callable<Integer> {
  static final int MIXNODES = 6;
  static final int GATEWAYS = 2;
  private static final String PORTS = "localnet.properties";

  private final PluginContext host;

  @Spec private CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Where the localnet's nodes live (default: <nym home>/localnet).")
  private Path data;

  @Option(names = "--delay-ms", paramLabel = "MS", defaultValue = "15",
      description = "Mean per-hop delay of the clients' packets (default: ${DEFAULT-VALUE}).")
  private long delayMs;

  @Option(names = "--fastmode", description = "Clients in Nym's fast mode.")
  private boolean fastmode;

  @Option(names = "--no-cover", description = "Clients without cover traffic.")
  private boolean noCover;

  @Option(names = "--until-file", hidden = true, paramLabel = "FILE",
      description = "Stop once this file exists (tests).")
  private Path untilFile;

  private final List<NymService> running = new ArrayList<>();

  LocalnetCommand(PluginContext host) {
    this.host = host;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = data != null ? data : host.homes().root().resolve("localnet");
    Files.createDirectories(dir);
    PluginContext ctx = new DataDirContext(host, dir);
    PrintWriter out = spec.commandLine().getOut();
    Properties ports = ports(dir.resolve(PORTS));
    String url = "http://127.0.0.1:" + ports.getProperty("validator.http");
    CountDownLatch done = new CountDownLatch(1);
    try {
      startNetwork(ctx, ports, url, out);
      Topology topology = awaitTopology(url);
      List<ClientService> clients = startClients(ctx, ports, url, topology);
      printTable(ctx, topology, clients, url, out);
      CountDownLatch stop = new CountDownLatch(1);
      // Ctrl-C / SIGTERM: let the main thread stop every node before the JVM halts.
      Thread hook = new Thread(() -> {
        stop.countDown();
        try {
          done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "localnet-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      while (!stop.await(200, TimeUnit.MILLISECONDS)) {
        if (untilFile != null && Files.exists(untilFile)) {
          Runtime.getRuntime().removeShutdownHook(hook);
          break;
        }
      }
      return 0;
    } finally {
      stopAll();
      out.println("localnet stopped");
      out.flush();
      done.countDown();
    }
  }

  private void stopAll() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).stop();
      } catch (RuntimeException e) {
        host.logger(LocalnetCommand.class).warn("stopping {}: {}", running.get(i).id(),
            e.toString());
      }
    }
    running.clear();
  }

  private static Properties ports(Path file) throws IOException {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      return p;
    }
    p.setProperty("validator.http", String.valueOf(freePort()));
    p.setProperty("validator.raft", String.valueOf(freePort()));
    for (String n : nodeIds()) {
      p.setProperty(n + ".mix", String.valueOf(freePort()));
      p.setProperty(n + ".http", String.valueOf(freePort()));
      p.setProperty(n + ".clients", String.valueOf(freePort()));
    }
    for (int i = 0; i < GATEWAYS; i++) {
      p.setProperty("c" + i + ".websocket", String.valueOf(freePort()));
    }
    try (OutputStream o = Files.newOutputStream(file)) {
      p.store(o, "nym localnet: ports chosen on the first run");
    }
    return p;
  }

  private static List<String> nodeIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MIXNODES; i++) {
      ids.add("m" + i);
    }
    for (int i = 0; i < GATEWAYS; i++) {
      ids.add("g" + i);
    }
    return ids;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Runs a command of another plugin's tree; returns exit code and output. */
  private static String[] run(PluginContext ctx, CommandProvider provider, String... args) {
    for (Object o : provider.commands(ctx)) {
      CommandLine cl = o instanceof CommandLine c ? c : new CommandLine(o);
      if (cl.getCommandName().equals(args[0])) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
      }
    }
    throw new IllegalStateException("no command " + args[0]);
  }

  private static String ok(PluginContext ctx, CommandProvider provider, String... args) {
    String[] r = run(ctx, provider, args);
    if (!r[0].equals("0")) {
      throw new IllegalStateException("`nym " + String.join(" ", args) + "` failed: "
          + r[2].strip());
    }
    return r[1];
  }

  private NymService start(PluginContext ctx, ServiceFactory f, String kind, String id)
      throws Exception {
    NymService s = f.create(ctx, ctx.homes().home(kind, id));
    s.start();
    running.add(s);
    return s;
  }

  private void startNetwork(PluginContext ctx, Properties ports, String url, PrintWriter out)
      throws Exception {
    ValidatorCommands validator = new ValidatorCommands();
    boolean fresh = !ctx.homes().home("validator", "v").exists();
    if (fresh) {
      out.println("creating a new localnet in " + ctx.homes().root());
      ok(ctx, validator, "validator", "init", "--id", "v", "--raft-port",
          ports.getProperty("validator.raft"), "--http-port", ports.getProperty("validator.http"),
          "--epoch-secs", "2");
    } else {
      out.println("reusing the localnet in " + ctx.homes().root());
    }
    out.flush();
    start(ctx, new ValidatorServiceFactory(), "validator", "v");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!run(ctx, validator, "account", "balance", "--id", "v", "--validator", url)[0]
        .equals("0")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the validator did not come up within 60 s");
      }
      Thread.sleep(200);
    }
    for (String n : nodeIds()) {
      boolean mix = n.startsWith("m");
      String kind = mix ? "mixnode" : "gateway";
      NodeHome home = ctx.homes().home(kind, n);
      if (!home.exists()) {
        List<String> args = new ArrayList<>(List.of(kind, "init", "--id", n, "--host",
            "127.0.0.1", "--mix-port", ports.getProperty(n + ".mix"), "--http-api-port",
            ports.getProperty(n + ".http")));
        if (!mix) {
          args.addAll(List.of("--clients-port", ports.getProperty(n + ".clients")));
        }
        ok(ctx, mix ? new MixnodeCommands() : new GatewayCommands(), args.toArray(new String[0]));
        Files.writeString(home.configFile(), Files.readString(home.configFile())
            .replace("bind_address = \"0.0.0.0\"", "bind_address = \"127.0.0.1\""));
      }
      String owner = "owner-" + n;
      if (!ctx.homes().home("account", owner).exists()) {
        ok(ctx, validator, "account", "create", "--id", owner);
      }
      String address = ok(ctx, validator, "account", "show", "--id", owner).strip();
      if (fresh) {
        ok(ctx, validator, "account", "send", "--id", "v", "--to", address, "--amount",
            "1000nym", "--validator", url);
        if (mix) {
          ok(ctx, validator, "bond", "mixnode", "--id", n, "--account", owner, "--pledge",
              "150nym", "--validator", url);
        } else {
          ok(ctx, validator, "bond", "gateway", "--id", n, "--account", owner, "--pledge",
              "200nym", "--host", "127.0.0.1", "--clients-port",
              ports.getProperty(n + ".clients"), "--validator", url);
        }
      }
      start(ctx, mix ? new MixnodeServiceFactory() : new GatewayServiceFactory(), kind, n);
    }
  }

  private static Topology awaitTopology(String url) throws Exception {
    TopologyProvider p = new TopologyProvider(List.of(URI.create(url)), List.of());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      try {
        Topology t = p.fetch();
        if (t.routable() && t.gateways().size() == GATEWAYS
            && t.layers().stream().mapToInt(List::size).sum() == MIXNODES) {
          return t;
        }
      } catch (IOException e) {
        // not yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the topology did not list every node within 90 s");
      }
      Thread.sleep(250);
    }
  }

  private Ed25519PublicKey identity(PluginContext ctx, String kind, String id) throws Exception {
    return ctx.keys().loadEd25519(ctx.homes().home(kind, id), "identity").publicKey();
  }

  private List<ClientService> startClients(PluginContext ctx, Properties ports, String url,
      Topology topology) throws Exception {
    TrafficSettings s = TrafficSettings.defaults().withHopDelay(Duration.ofMillis(delayMs));
    if (fastmode) {
      s = s.fastmode();
    }
    if (noCover) {
      s = s.noCover();
    }
    List<ClientService> out = new ArrayList<>();
    for (int i = 0; i < GATEWAYS; i++) {
      String id = "c" + i;
      if (!ctx.homes().home("client", id).exists()) {
        ok(ctx, new ClientCommands(), "client", "init", "--id", id, "--validators", url,
            "--gateway", identity(ctx, "gateway", "g" + i).toBase58(), "--port",
            ports.getProperty(id + ".websocket"));
      }
      ClientService c = ClientServiceFactory.create(ctx, ctx.homes().home("client", id), s);
      c.start();
      running.add(c);
      out.add(c);
    }
    return out;
  }

  private void printTable(PluginContext ctx, Topology topology, List<ClientService> clients,
      String url, PrintWriter out) throws Exception {
    String fmt = "%-10s %-4s %-6s %-28s %s%n";
    out.printf(fmt, "ROLE", "ID", "LAYER", "PORTS", "IDENTITY");
    out.printf(fmt, "validator", "v", "-", "api " + url.substring(url.lastIndexOf(':') + 1),
        "-");
    for (String n : nodeIds()) {
      boolean mix = n.startsWith("m");
      Ed25519PublicKey id = identity(ctx, mix ? "mixnode" : "gateway", n);
      String layer = "-";
      for (int l = 0; l < topology.layers().size(); l++) {
        for (TopologyNode t : topology.layers().get(l)) {
          if (t.identity().equals(id)) {
            layer = String.valueOf(l + 1);
          }
        }
      }
      String p = "mix " + portOf(ctx, mix, n);
      out.printf(fmt, mix ? "mixnode" : "gateway", n, layer, p, id.toBase58());
    }
    for (int i = 0; i < clients.size(); i++) {
      ClientService c = clients.get(i);
      out.printf(fmt, "client", "c" + i, "-", "websocket " + c.apiAddress().getPort(), "-");
    }
    out.println();
    for (int i = 0; i < clients.size(); i++) {
      out.printf("client c%d address: %s%n", i, clients.get(i).address());
      out.printf("client c%d websocket: ws://127.0.0.1:%d%n", i,
          clients.get(i).apiAddress().getPort());
    }
    out.println("localnet running. Ctrl-C stops it.");
    out.flush();
  }

  private String portOf(PluginContext ctx, boolean mix, String n) throws IOException {
    Properties p = ports(ctx.homes().root().resolve(PORTS));
    return p.getProperty(n + ".mix") + (mix ? "" : ", clients " + p.getProperty(n + ".clients"));
  }
}
