package net.nym.plugin.client;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.client.core.gateway.GatewayConnection;
import net.nym.client.core.packet.AckKey;
import net.nym.client.core.topology.Topology;
import net.nym.client.core.topology.TopologyNode;
import net.nym.client.core.topology.TopologyProvider;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nym client init}: creates the client's keys, fetches the signed topology, registers with
 * a gateway (the given one, else one at random) and writes the config. Never overwrites without
 * {@code --force}.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create a client's keys and register it with a gateway.")
final class InitCommand implements Callable<Integer> {
  private final PluginContext context;

  @Spec private CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "The client's id.")
  private String id;

  @Option(names = "--gateway", paramLabel = "IDENTITY",
      description = "The gateway to register with (base58 identity); random if not given.")
  private String gateway;

  @Option(names = "--validators", split = ",", paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      description = "Validator base URLs (default: ${DEFAULT-VALUE}).")
  private List<String> validators = new ArrayList<>();

  @Option(names = "--port", defaultValue = "1977", paramLabel = "PORT",
      description = "Port of the websocket API (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "IP",
      description = "Address of the websocket API (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(names = "--force", description = "Overwrite an existing client.")
  private boolean force;

  InitCommand(PluginContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    NodeHome home = context.homes().home(ClientServiceFactory.KIND, id);
    if (home.exists() && !force) {
      spec.commandLine().getErr().printf("client '%s' already exists (%s); --force replaces it%n",
          id, home.configFile());
      return 1;
    }
    SecureRandom random = new SecureRandom();
    Topology topology = new TopologyProvider(validators.stream().map(URI::create).toList(),
        List.of()).fetch();
    TopologyNode gw;
    if (gateway != null) {
      gw = topology.gateway(Ed25519PublicKey.fromBase58(gateway)).orElse(null);
      if (gw == null) {
        spec.commandLine().getErr().printf("gateway %s is not in the topology%n", gateway);
        return 1;
      }
    } else {
      List<TopologyNode> all = new ArrayList<>(topology.gateways().values());
      if (all.isEmpty()) {
        spec.commandLine().getErr().println("the topology has no gateway");
        return 1;
      }
      gw = all.get(random.nextInt(all.size()));
    }
    home.createDirectories();
    Ed25519KeyPair identity = context.keys().createEd25519(home, ClientFiles.IDENTITY, force);
    X25519KeyPair encryption = context.keys().createX25519(home, ClientFiles.ENCRYPTION, force);
    GatewaySharedKey key = GatewayConnection.register(gw.websocketUri(), identity,
        gw.identity(), random);
    ClientFiles.writeSecret(home.dataDir().resolve(ClientFiles.ACK_KEY),
        AckKey.generate(random).toBytes());
    ClientFiles.writeSecret(home.dataDir().resolve(ClientFiles.GATEWAY_KEY), key.toBytes());
    context.configs().write(home.configFile(), new ClientConfig(id, List.copyOf(validators),
        gw.identity().toBase58(), new ClientConfig.Socket(host, port)), ClientConfig.SCHEMA,
        force);
    Recipient address = new Recipient(identity.publicKey(), encryption.publicKey(),
        gw.identity());
    spec.commandLine().getOut().printf("client '%s' registered with gateway %s%naddress: %s%n",
        id, gw.identity().toBase58(), address);
    return 0;
  }
}
