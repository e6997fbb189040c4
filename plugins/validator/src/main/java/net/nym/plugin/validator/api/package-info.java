/**
 * The validator's HTTP API on Netty: Nym's nym-api topology routes with their exact JSON shapes
 * ({@link net.nym.plugin.validator.api.TopologyViews}), each response signed by the serving
 * validator in headers, plus health, epoch, chain, node, account and transaction routes ({@link
 * net.nym.plugin.validator.api.ValidatorApi}). Routes are served with and without Nym's {@code
 * /api} prefix.
 */
package net.nym.plugin.validator.api;
