package net.nym.api.keys;

import net.nym.api.home.NodeHome;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;

/**
 * Creates and loads key pairs in a node home's {@code data/} directory.
 *
 * <p>A key pair named {@code n} lives in {@code data/private_n.pem} (mode 0600) and {@code
 * data/public_n.pem}, the layout Nym's clients and nodes use (for example {@code
 * private_identity.pem}, {@code private_sphinx.pem}, {@code private_encryption.pem}).
 * Implemented by the host; thread-safe.
 */
public interface KeyStore {

  /**
   * Generates an Ed25519 key pair and writes it.
   *
   * @param name the key name, e.g. {@code identity}
   * @param force overwrite existing key files; without it an existing file is an error
   * @throws KeyStoreException naming the file if it exists (and not {@code force}) or cannot be
   *     written
   */
  Ed25519KeyPair createEd25519(NodeHome home, String name, boolean force) throws KeyStoreException;

  /**
   * Loads the Ed25519 key pair {@code name}.
   *
   * @throws KeyStoreException naming the file if it is missing, unreadable or corrupt, or if the
   *     public file does not match the private one
   */
  Ed25519KeyPair loadEd25519(NodeHome home, String name) throws KeyStoreException;

  /** Generates an X25519 key pair and writes it; see {@link #createEd25519}. */
  X25519KeyPair createX25519(NodeHome home, String name, boolean force) throws KeyStoreException;

  /** Loads the X25519 key pair {@code name}; see {@link #loadEd25519}. */
  X25519KeyPair loadX25519(NodeHome home, String name) throws KeyStoreException;
}
