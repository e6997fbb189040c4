/**
 * The Sphinx payloads a Nym client builds and reads (nym-wire §4.4, §4.6, §4.7): the SURB-ack
 * that every data packet carries, the per-packet encryption for the recipient (ephemeral x25519
 * and AES-128-CTR with an HKDF-BLAKE3 key, or a reply key named by its BLAKE3 digest), the
 * classification of what a gateway pushes (ack, fragment, reply fragment, cover) and loop cover
 * packets. Routes are given by the caller; this package does no I/O.
 */
package net.nym.client.core.packet;
