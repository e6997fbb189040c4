/**
 * Nym's {@code MixPacket} ({@code common/nymsphinx/forwarding/src/packet.rs} at Nym commit
 * b4046a89): what a client hands its gateway to forward into the first mix layer — the packet
 * type, the first hop's routing address, optionally the key-rotation byte (v2), and the Sphinx
 * packet. Pure byte layouts, no I/O.
 */
package net.nym.mixnet.forwarding;
