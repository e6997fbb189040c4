/**
 * The client engine (Nym's {@code client-core}): a {@link net.nym.client.core.engine.NymClient}
 * keeps the gateway session (reconnecting with backoff), refreshes the topology, sends through the
 * Loopix streams (Poisson real-traffic stream with cover filler, separate loop cover stream),
 * retransmits fragments whose SURB-ack does not come back in time, reassembles and delivers each
 * message exactly once, and handles anonymous replies with reply SURBs kept in {@link
 * net.nym.client.core.engine.ReplyStorage} (SQLite).
 */
package net.nym.client.core.engine;
