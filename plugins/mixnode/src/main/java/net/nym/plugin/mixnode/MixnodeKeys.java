package net.nym.plugin.mixnode;

/** The names of a mixnode's key pairs in its home's {@code data/} (as nym-node names them). */
final class MixnodeKeys {
  /** The Ed25519 identity key: {@code data/private_identity.pem}, {@code public_identity.pem}. */
  static final String IDENTITY = "identity";

  /** The X25519 Sphinx key: {@code data/private_sphinx.pem}, {@code public_sphinx.pem}. */
  static final String SPHINX = "sphinx";

  private MixnodeKeys() {}
}
