/**
 * Ed25519 identity keys and X25519 encryption keys, with the base58 text form Nym writes.
 *
 * <p>Key objects are immutable; accessors return copies. Private key material never appears in
 * {@code toString()}.
 */
package net.nym.crypto.keys;
