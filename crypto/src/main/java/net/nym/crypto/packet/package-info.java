/**
 * Nym's packet classes: the sphinx packet sizes ({@link net.nym.crypto.packet.PacketSize}) with
 * their one-byte wire tags, and the packet format tag ({@link net.nym.crypto.packet.PacketType}),
 * as defined in Nym's {@code common/nymsphinx/params/src/{packet_sizes,packet_types}.rs}.
 */
package net.nym.crypto.packet;
