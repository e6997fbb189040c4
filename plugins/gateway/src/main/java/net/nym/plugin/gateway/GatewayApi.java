package net.nym.plugin.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import net.nym.mixnet.http.NodeHttpServer;

/**
 * The gateway's HTTP routes on top of the shared node API, with nym-node's shapes ({@code
 * nym-node-requests/src/api/v1/gateway/models.rs} at Nym commit b4046a89):
 *
 * <ul>
 *   <li>{@code /api/v1/gateway}: {@code {"enforces_zk_nyms": false, "client_interfaces": ...}}
 *   <li>{@code /api/v1/gateway/client-interfaces}: {@code {"wireguard": null,
 *       "mixnet_websockets": {"ws_port": 9000, "wss_port": null}}}
 *   <li>{@code /api/v1/gateway/client-interfaces/mixnet-websockets}: {@code {"ws_port": ...,
 *       "wss_port": null}}
 *   <li>{@code /api/v1/gateway/stats} (ours): the client-side event counters and gauges, all
 *       read from memory (the routes run on the event loop; the stored-message count is kept by
 *       the {@link Mailbox}, not queried).
 * </ul>
 */
final class GatewayApi {
  private GatewayApi() {}

  static NodeHttpServer install(NodeHttpServer server, GatewayService gateway) {
    return server
        .json("/api/v1/gateway", () -> gateway(gateway))
        .json("/api/v1/gateway/client-interfaces", () -> interfaces(gateway))
        .json("/api/v1/gateway/client-interfaces/mixnet-websockets", () -> websockets(gateway))
        .json("/api/v1/gateway/stats", () -> stats(gateway))
        .text("/metrics/gateway", "text/plain; version=0.0.4; charset=utf-8",
            () -> prometheus(gateway));
  }

  private static Map<String, Object> websockets(GatewayService g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ws_port", g.config().clients().port() == 0
        ? g.clientsAddress().getPort() : g.config().clients().port());
    m.put("wss_port", null);
    return m;
  }

  private static Map<String, Object> interfaces(GatewayService g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("wireguard", null);
    m.put("mixnet_websockets", websockets(g));
    return m;
  }

  private static Map<String, Object> gateway(GatewayService g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enforces_zk_nyms", false);
    m.put("client_interfaces", interfaces(g));
    return m;
  }

  private static Map<String, Object> stats(GatewayService g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("authenticated_clients", g.authenticatedClients());
    m.put("stored_messages", g.storedMessages());
    m.put("events", new TreeMap<>(g.events()));
    return m;
  }

  private static String prometheus(GatewayService g) {
    StringBuilder b = new StringBuilder();
    b.append("# HELP nym_gateway_events_total Client-side gateway events by kind.\n");
    b.append("# TYPE nym_gateway_events_total counter\n");
    g.events().forEach((k, v) ->
        b.append("nym_gateway_events_total{event=\"").append(k).append("\"} ").append(v)
            .append('\n'));
    b.append("# HELP nym_gateway_authenticated_clients Authenticated client sessions.\n");
    b.append("# TYPE nym_gateway_authenticated_clients gauge\n");
    b.append("nym_gateway_authenticated_clients ").append(g.authenticatedClients()).append('\n');
    return b.toString();
  }
}
