/**
 * Nym's gateway ↔ client protocol as bytes and JSON ({@code common/gateway-requests/src/**} at Nym
 * commit b4046a89): protocol versions and their negotiation, the JSON control messages in both
 * directions with their exact tags and field names, the registration-handshake payloads, and the
 * encrypted binary frames. Shared by the gateway and by clients (and the tests' protocol client);
 * pure: no sockets, no threads. Malformed input is a {@link
 * net.nym.mixnet.gateway.GatewayProtocolException} whose message is what the gateway answers.
 */
package net.nym.mixnet.gateway;
