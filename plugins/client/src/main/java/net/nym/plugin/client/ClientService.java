package net.nym.plugin.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.client.core.engine.ClientKeys;
import net.nym.client.core.engine.NymClient;
import net.nym.client.core.engine.ReceivedMessage;
import net.nym.client.core.engine.ReplyStorage;
import net.nym.client.core.engine.TrafficSettings;
import net.nym.client.core.topology.TopologyProvider;
import org.slf4j.Logger;

/**
 * A running native client: the engine from {@code nym-client-core} and its websocket API. Made
 * by {@link ClientServiceFactory}; used by {@code nym client run} and tests.
 */
public final class ClientService implements NymService {
  private final PluginContext context;
  private final NodeHome home;
  private final ClientConfig config;
  private final ClientKeys keys;
  private final TrafficSettings settings;
  private final Logger log;
  private volatile NymClient client;
  private volatile ApiServer api;
  private volatile ReplyStorage storage;
  private volatile InetSocketAddress apiAddress;
  private ExecutorService work;

  ClientService(PluginContext context, NodeHome home, ClientConfig config, ClientKeys keys,
      TrafficSettings settings) {
    this.context = context;
    this.home = home;
    this.config = config;
    this.keys = keys;
    this.settings = settings;
    this.log = context.logger(ClientService.class);
  }

  @Override
  public String kind() {
    return ClientServiceFactory.KIND;
  }

  @Override
  public String id() {
    return home.id();
  }

  @Override
  public synchronized void start() throws Exception {
    storage = new ReplyStorage(home.dataDir().resolve(ClientFiles.REPLIES));
    TopologyProvider topology = new TopologyProvider(
        config.validators().stream().map(URI::create).toList(), List.of());
    ApiServer[] server = new ApiServer[1];
    client = new NymClient(keys, topology::fetch, settings, storage, new NymClient.Events() {
      @Override
      public void onMessage(ReceivedMessage message) {
        server[0].push(message);
      }

      @Override
      public void onError(String message) {
        server[0].pushError(message);
      }
    });
    work = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "nym-client-" + home.id() + "-api");
      t.setDaemon(true);
      return t;
    });
    api = new ApiServer(client, work);
    server[0] = api;
    client.start();
    apiAddress = api.start(context.eventLoopGroup(),
        new InetSocketAddress(config.socket().host(), config.socket().port()));
    log.info("client '{}' running: address {}, websocket API ws://{}:{}", home.id(),
        client.address(), apiAddress.getHostString(), apiAddress.getPort());
  }

  /** The websocket API's bound address. */
  public InetSocketAddress apiAddress() {
    return apiAddress;
  }

  /** The client's address. */
  public String address() {
    return keys.address().toString();
  }

  @Override
  public synchronized void stop() {
    if (api != null) {
      api.stop();
    }
    if (client != null) {
      client.close();
    }
    if (work != null) {
      work.shutdownNow();
    }
    try {
      if (storage != null) {
        storage.close();
      }
    } catch (java.sql.SQLException e) {
      log.warn("closing the reply store: {}", e.getMessage());
    }
  }

  @Override
  public Health health() {
    NymClient c = client;
    if (c == null) {
      return new Health(Health.Status.STARTING, "", Map.of());
    }
    return Health.up(Map.of("real_packets_sent", c.realPacketsSent(), "cover_packets_sent",
        c.coverPacketsSent(), "retransmissions", c.retransmissions(), "unacknowledged",
        c.unacknowledged(), "queued", c.queued()));
  }
}
