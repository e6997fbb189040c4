/**
 * Fragmentation of padded Nym messages into packet-sized {@link
 * net.nym.client.core.chunking.Fragment}s (sets of at most 255, linked sets for longer messages,
 * Nym's 7/10-byte fragment headers) and their reassembly at the recipient with duplicates
 * discarded, completed sets remembered and incomplete sets expired (nym-wire §4.3).
 */
package net.nym.client.core.chunking;
