package net.nym.client.core.engine;

import net.nym.client.core.packet.AckKey;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519KeyPair;

/**
 * Everything a registered client holds: its identity and encryption keys, its ack key, its
 * gateway's identity and the shared key from the registration.
 *
 * @param identity the client's ed25519 identity
 * @param encryption the client's x25519 encryption key
 * @param ackKey the ack key
 * @param gateway the gateway's identity
 * @param gatewayKey the shared key with the gateway
 */
public record ClientKeys(Ed25519KeyPair identity, X25519KeyPair encryption, AckKey ackKey,
    Ed25519PublicKey gateway, GatewaySharedKey gatewayKey) {

  /** The client's address. */
  public Recipient address() {
    return new Recipient(identity.publicKey(), encryption.publicKey(), gateway);
  }
}
