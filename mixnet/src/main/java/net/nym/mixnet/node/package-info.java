/**
 * The mixing engine that mixnodes (and, for their mix port, gateways) run: {@link
 * net.nym.mixnet.node.MixServer} accepts framed packets on a Netty TCP server with abuse limits,
 * unwraps them on the {@link net.nym.mixnet.node.SphinxWorkerPool}, drops replays, and hands
 * forward hops to the delay scheduler and outbound connections; final hops go to a {@link
 * net.nym.mixnet.node.FinalHopHandler}.
 */
package net.nym.mixnet.node;
