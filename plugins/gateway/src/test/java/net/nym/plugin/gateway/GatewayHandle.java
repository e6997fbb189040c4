package net.nym.plugin.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import net.nym.api.service.NymService;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.sphinx.SphinxNode;

/**
 * A gateway service as the host hands it out (its classes live in the plugin's class loader, so
 * tests see only {@link NymService}): ports and counters from its health metrics, keys from
 * {@code init}'s output.
 */
record GatewayHandle(NymService service, Ed25519PublicKey identity, X25519PublicKey sphinx) {

  int metric(String name) {
    Object v = service.health().metrics().get(name);
    return v == null ? 0 : ((Number) v).intValue();
  }

  long event(String name) {
    Object v = service.health().metrics().get(name);
    return v == null ? 0 : ((Number) v).longValue();
  }

  Map<String, Object> metrics() {
    return service.health().metrics();
  }

  URI ws() {
    return URI.create("ws://127.0.0.1:" + metric("clients_port"));
  }

  InetSocketAddress mixAddress() {
    return new InetSocketAddress("127.0.0.1", metric("mix_port"));
  }

  int httpPort() {
    return metric("http_port");
  }

  int authenticatedClients() {
    return metric("authenticated_clients");
  }

  long storedMessages() {
    return event("stored_messages");
  }

  SphinxNode sphinxNode() {
    return new SphinxNode(NodeAddress.of(new byte[] {127, 0, 0, 1}, metric("mix_port")), sphinx);
  }
}
