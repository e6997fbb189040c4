/**
 * Symmetric primitives used by Sphinx, tuned for the mix-node hot path.
 *
 * <p>{@link net.nym.crypto.primitives.HmacSha256} and {@link net.nym.crypto.primitives.HkdfSha256}
 * run on the JDK's SHA-256 (hardware intrinsics) with precomputed pad states; {@link
 * net.nym.crypto.primitives.AesCtr} uses the JDK's AES (AES-NI) through thread-local {@code Cipher}
 * instances; {@link net.nym.crypto.primitives.ChaCha20} (original 8-byte-nonce variant) and {@link
 * net.nym.crypto.primitives.Blake2b} are our own word-at-a-time implementations; {@link
 * net.nym.crypto.primitives.Lioness} composes the last two exactly like the {@code lioness} Rust
 * crate that Nym's sphinx uses. Every class here is stateless or immutable and safe to share
 * between threads.
 */
package net.nym.crypto.primitives;
