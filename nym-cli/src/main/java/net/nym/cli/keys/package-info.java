/**
 * The host's key store: Ed25519 and X25519 key pairs as PEM files in a node home's {@code data/}
 * directory, in the file format of Nym's {@code nym-pemstore}, private files created owner-only.
 */
package net.nym.cli.keys;
