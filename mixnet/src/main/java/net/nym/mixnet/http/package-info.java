/**
 * A small HTTP/1.1 server for a node's read-only API: {@link net.nym.mixnet.http.NodeHttpServer}
 * serves JSON (through Jackson) and plain-text routes on Netty, and {@link
 * net.nym.mixnet.http.NodeApi} builds the routes every node shares ({@code /api/v1/health}, {@code
 * /api/v1/description}, {@code /api/v1/build-information}, {@code /api/v1/metrics/packets-stats},
 * {@code /metrics}) with nym-node's JSON field names.
 */
package net.nym.mixnet.http;
