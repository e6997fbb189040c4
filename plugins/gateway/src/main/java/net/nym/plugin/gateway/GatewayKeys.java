package net.nym.plugin.gateway;

/** The names of a gateway's key pairs in its home's {@code data/} (as nym-node names them). */
final class GatewayKeys {
  /** The Ed25519 identity key: {@code data/private_identity.pem}, {@code public_identity.pem}. */
  static final String IDENTITY = "identity";
  /** The X25519 Sphinx key: {@code data/private_sphinx.pem}, {@code public_sphinx.pem}. */
  static final String SPHINX = "sphinx";

  private GatewayKeys() {}
}
