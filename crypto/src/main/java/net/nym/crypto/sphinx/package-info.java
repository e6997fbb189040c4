/**
 * Sphinx packets, byte-compatible with Nym's {@code sphinx-packet} crate 0.6.0.
 *
 * <p>Senders build packets with {@link net.nym.crypto.sphinx.SphinxPacketBuilder} (from {@link
 * net.nym.crypto.sphinx.SphinxPacket#builder()}): a route of 1 to 5 {@link
 * net.nym.crypto.sphinx.SphinxNode}s, per-hop delays, a {@link
 * net.nym.crypto.sphinx.SphinxDestination}, a {@link net.nym.crypto.sphinx.SphinxVersion} and a
 * payload size. Nodes process them with a {@link net.nym.crypto.sphinx.SphinxProcessor}, which
 * returns a {@link net.nym.crypto.sphinx.ProcessedPacket} — either a {@link
 * net.nym.crypto.sphinx.ForwardHop} or a {@link net.nym.crypto.sphinx.FinalHop}, each with the
 * replay tag — or throws a {@link net.nym.crypto.sphinx.SphinxException} whose {@link
 * net.nym.crypto.sphinx.SphinxException.Reason} says what was wrong. Nodes that check a replay
 * filter first can split processing with {@link net.nym.crypto.sphinx.SphinxProcessor#unwrap} and
 * {@link net.nym.crypto.sphinx.PartiallyUnwrappedPacket#finish()}. Single-use reply blocks are
 * {@link net.nym.crypto.sphinx.Surb} and Nym's wrapper {@link net.nym.crypto.sphinx.ReplySurb}.
 *
 * <p>Formats, key derivation and the version policy are described in {@code
 * docs/protocol/sphinx.md}. Randomness is always passed in, so that tests can fix it; production
 * callers pass a {@link java.security.SecureRandom}.
 */
package net.nym.crypto.sphinx;
