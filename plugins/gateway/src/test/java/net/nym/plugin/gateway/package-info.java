/**
 * Tests of the gateway plugin through the real host: a protocol client written from Nym's
 * gateway protocol ({@link net.nym.plugin.gateway.ProtocolClient}), real sockets, real SQLite, and
 * three of our mixnodes (the mixnode plugin's jar) for the end-to-end path.
 */
package net.nym.plugin.gateway;
