/**
 * Trusting a topology: validators sign each topology response ({@link
 * net.nym.mixnet.topology.TopologySignature}, Ed25519 over the exact body, carried in response
 * headers so the body keeps Nym's JSON shape), and a client accepts a topology only when at least
 * t of the n validators it knows signed the same bytes for the same epoch ({@link
 * net.nym.mixnet.topology.TopologyVerifier}). Wire details: {@code docs/protocol/topology.md}.
 */
package net.nym.mixnet.topology;
