/**
 * The symmetric cryptography of Nym's gateway protocol ({@code common/gateway-requests/src/
 * shared_key/*}, {@code common/crypto/src/{hkdf,hmac}.rs} at Nym commit b4046a89): BLAKE3,
 * HMAC-BLAKE3 (RFC 2104), HKDF-BLAKE3 (RFC 5869), AES-256-GCM-SIV (RFC 8452) and the two kinds of
 * key a gateway shares with a client: the current AES-256-GCM-SIV key (protocol 3 and later) and
 * the legacy AES-128-CTR + HMAC-BLAKE3 key (protocols 1 and 2).
 *
 * <p>Everything here is pure computation on byte arrays: no I/O, no global state. Instances are
 * immutable and thread-safe. Failures to decrypt or authenticate are {@link
 * net.nym.crypto.gateway.GatewayCryptoException}s, never unchecked exceptions.
 */
package net.nym.crypto.gateway;
