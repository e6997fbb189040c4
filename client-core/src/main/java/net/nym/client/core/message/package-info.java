/**
 * Nym's {@code NymMessage}: the typed message a client sends (plain, repliable with reply SURBs, or
 * a reply through a SURB), its byte encoding, the repliable/reply bodies and SURB lists (v1 read,
 * v2 read and written), and the padding that fills whole packets (nym-wire §4.2, §4.5).
 */
package net.nym.client.core.message;
