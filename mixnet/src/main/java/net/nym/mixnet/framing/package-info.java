/**
 * Nym's node-to-node framing: every packet on a mix connection is {@code version || size tag ||
 * type tag [|| key rotation]} followed by the packet, whose length the size tag implies ({@code
 * common/nymsphinx/framing/src/{packet,codec}.rs} at Nym commit b4046a89).
 *
 * <p>{@link net.nym.mixnet.framing.FrameDecoder} turns a TCP byte stream into {@link
 * net.nym.mixnet.framing.Frame}s and refuses anything else with a typed {@link
 * net.nym.mixnet.framing.FrameError}, closing the connection; {@link
 * net.nym.mixnet.framing.FrameEncoder} writes frames. See {@code docs/protocol/framing.md}.
 */
package net.nym.mixnet.framing;
