package net.nym.crypto.gateway;

import java.security.SecureRandom;

/**
 * The key a gateway shares with one client ({@code SharedGatewayKey}): either {@link
 * CurrentSharedKey} (AES-256-GCM-SIV, protocol 3 and later) or {@link LegacySharedKey} (AES-128-CTR
 * with an HMAC-BLAKE3 tag, protocols 1 and 2).
 */
public sealed interface GatewaySharedKey permits CurrentSharedKey, LegacySharedKey {

  /** Stored-form tag of a current key. */
  int CURRENT = 1;
  /** Stored-form tag of a legacy key. */
  int LEGACY = 0;

  /** Whether this is a legacy key. */
  boolean isLegacy();

  /** The nonce / IV length: 12 (current) or 16 (legacy). */
  int nonceLength();

  /** A fresh random nonce / IV. */
  default byte[] randomNonce(SecureRandom random) {
    byte[] n = new byte[nonceLength()];
    random.nextBytes(n);
    return n;
  }

  /**
   * Authenticated encryption ({@code encrypt}): AEAD for a current key; {@code HMAC || CTR(pt)}
   * for a legacy key ({@code nonce} may be {@code null} there, meaning an all-zero IV).
   */
  byte[] encrypt(byte[] plaintext, byte[] nonce) throws GatewayCryptoException;

  /** The inverse of {@link #encrypt}. */
  byte[] decrypt(byte[] ciphertext, byte[] nonce) throws GatewayCryptoException;

  /** {@code encrypt_naive}: AEAD for a current key, bare CTR (no tag) for a legacy key. */
  byte[] encryptNaive(byte[] plaintext, byte[] nonce) throws GatewayCryptoException;

  /** The inverse of {@link #encryptNaive}. */
  byte[] decryptNaive(byte[] ciphertext, byte[] nonce) throws GatewayCryptoException;

  /** The raw 32 key bytes. */
  byte[] toBytes();

  /** Rebuilds a key from its kind ({@link #CURRENT} or {@link #LEGACY}) and 32 bytes. */
  static GatewaySharedKey of(int kind, byte[] bytes) {
    return kind == CURRENT ? new CurrentSharedKey(bytes) : new LegacySharedKey(bytes);
  }

  /**
   * The key both sides of a registration handshake derive: HKDF-BLAKE3 of the X25519 shared
   * secret, with the client's 16-byte salt for a current key, without salt for a legacy key.
   */
  static GatewaySharedKey derive(byte[] dhSecret, byte[] initiatorSalt) {
    byte[] okm = Blake3Hkdf.derive(initiatorSalt, dhSecret, null, 32);
    return initiatorSalt == null ? new LegacySharedKey(okm) : new CurrentSharedKey(okm);
  }
}
