/**
 * The network as a client sees it (nym-wire §7): the Nym-shaped topology fetched from the
 * validators (rewarded set, active mixnodes, entry gateways), t-of-n signature checked, and random
 * route selection (one active mixnode per layer, then the egress gateway).
 */
package net.nym.client.core.topology;
