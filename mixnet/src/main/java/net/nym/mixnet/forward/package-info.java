/**
 * Forwarding: {@link net.nym.mixnet.forward.DelayScheduler} holds each processed packet until its
 * release time (arrival plus its header delay) on a dedicated thread, then hands it to {@link
 * net.nym.mixnet.forward.OutboundConnections}, which keeps one persistent, reconnecting Netty
 * connection with a bounded queue per next hop.
 */
package net.nym.mixnet.forward;
