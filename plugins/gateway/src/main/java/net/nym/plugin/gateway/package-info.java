/**
 * The {@code gateway} plugin: {@code nym gateway init | run | node-details | sign} and the {@code
 * gateway} service. A gateway keeps Nym clients' websocket sessions (registration handshake,
 * authentication, encrypted packets in, pushed messages out), forwards their packets into the
 * first mix layer at once, unwraps the final Sphinx hop of packets addressed to its clients (SURB-
 * acks sent on at once), and stores messages for offline clients in an SQLite mailbox in the
 * node's {@code data/}. Protocol: Nym's gateway protocol at commit b4046a89 (see
 * docs/protocol/gateway.md); operators: docs/gateway.md.
 */
package net.nym.plugin.gateway;
