package net.nym.mixnet.gateway;

import java.security.SecureRandom;
import java.util.Arrays;
import net.nym.crypto.gateway.GatewayCryptoException;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;

/**
 * The registration handshake's byte payloads ({@code registration/handshake/messages.rs}) and the
 * steps both sides compute ({@code state.rs}). Every payload travels as the {@code data} of a
 * {@link HandshakePayload}.
 *
 * <ol>
 *   <li>C→G {@link Init}: {@code identity (32) || ephemeral (32) [|| salt (16)]}; 80 bytes select
 *       a current key, 64 a legacy key.
 *   <li>Both: {@code k = HKDF-BLAKE3(salt, X25519(eph, eph'), L = 32)}.
 *   <li>G→C: {@code gateway_ephemeral (32) || encrypt_naive(k, Sig_G(g_eph || c_eph)) [|| nonce
 *       (12)]} — 124 or 96 bytes.
 *   <li>C→G: {@code encrypt_naive(k, Sig_C(c_eph || g_eph)) [|| nonce]} — 92 or 64 bytes.
 *   <li>G→C: {@code [1]} on success.
 * </ol>
 */
public final class Handshake {
  /** Length of the initiator salt. */
  public static final int SALT_LENGTH = 16;
  /** Init length for a legacy key. */
  public static final int INIT_LEGACY_LENGTH = 64;
  /** Init length for a current key. */
  public static final int INIT_CURRENT_LENGTH = 80;
  private static final int SIG = 64;
  private static final int TAG = 16;
  private static final int NONCE = 12;

  private Handshake() {}

  /**
   * The client's first message.
   *
   * @param identity the client's ed25519 identity
   * @param ephemeral the client's ephemeral x25519 key
   * @param salt the initiator salt, or {@code null} for a legacy key
   */
  public record Init(Ed25519PublicKey identity, X25519PublicKey ephemeral, byte[] salt) {
    /** The bytes. */
    public byte[] toBytes() {
      byte[] out = new byte[salt == null ? INIT_LEGACY_LENGTH : INIT_CURRENT_LENGTH];
      System.arraycopy(identity.toBytes(), 0, out, 0, 32);
      System.arraycopy(ephemeral.toBytes(), 0, out, 32, 32);
      if (salt != null) {
        System.arraycopy(salt, 0, out, 64, SALT_LENGTH);
      }
      return out;
    }

    /** Parses an init payload ({@code MalformedRequest} otherwise). */
    public static Init parse(byte[] b) throws GatewayProtocolException {
      if (b.length != INIT_LEGACY_LENGTH && b.length != INIT_CURRENT_LENGTH) {
        throw new GatewayProtocolException(
            "Failed to perform registration handshake: received malformed request ("
                + b.length + " bytes instead of 64 or 80)");
      }
      Ed25519PublicKey id;
      try {
        id = Ed25519PublicKey.fromBytes(Arrays.copyOfRange(b, 0, 32));
      } catch (IllegalArgumentException e) {
        throw new GatewayProtocolException(
            "Failed to perform registration handshake: the client identity is not an ed25519 key");
      }
      X25519PublicKey eph = X25519PublicKey.fromBytes(Arrays.copyOfRange(b, 32, 64));
      byte[] salt = b.length == INIT_CURRENT_LENGTH ? Arrays.copyOfRange(b, 64, 80) : null;
      return new Init(id, eph, salt);
    }
  }

  /** {@code a || b}. */
  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Signs {@code own_eph || remote_eph} and seals the signature under {@code key}: {@code
   * ciphertext [|| nonce]}.
   */
  public static byte[] material(GatewaySharedKey key, Ed25519KeyPair identity,
      X25519PublicKey ownEphemeral, X25519PublicKey remoteEphemeral, SecureRandom random)
      throws GatewayCryptoException {
    byte[] sig = identity.sign(concat(ownEphemeral.toBytes(), remoteEphemeral.toBytes()));
    if (key.isLegacy()) {
      return key.encryptNaive(sig, null);
    }
    byte[] nonce = key.randomNonce(random);
    return concat(key.encryptNaive(sig, nonce), nonce);
  }

  /** The gateway's reply: its ephemeral key followed by {@link #material}. */
  public static byte[] gatewayMaterial(GatewaySharedKey key, Ed25519KeyPair identity,
      X25519KeyPair gatewayEphemeral, X25519PublicKey clientEphemeral, SecureRandom random)
      throws GatewayCryptoException {
    return concat(gatewayEphemeral.publicKey().toBytes(),
        material(key, identity, gatewayEphemeral.publicKey(), clientEphemeral, random));
  }

  /**
   * Checks the remote side's material: decrypts the signature and verifies it, by {@code
   * remoteIdentity}, over {@code remote_eph || own_eph}.
   *
   * @throws GatewayProtocolException if the length, decryption or signature is wrong
   */
  public static void verifyMaterial(GatewaySharedKey key, byte[] material,
      Ed25519PublicKey remoteIdentity, X25519PublicKey remoteEphemeral,
      X25519PublicKey ownEphemeral) throws GatewayProtocolException {
    int expected = key.isLegacy() ? SIG : SIG + TAG + NONCE;
    if (material.length != expected) {
      throw new GatewayProtocolException("Failed to perform registration handshake: received"
          + " malformed response (" + material.length + " bytes instead of " + expected + ")");
    }
    byte[] sig;
    try {
      if (key.isLegacy()) {
        sig = key.decryptNaive(material, null);
      } else {
        sig = key.decryptNaive(Arrays.copyOf(material, SIG + TAG),
            Arrays.copyOfRange(material, SIG + TAG, material.length));
      }
    } catch (GatewayCryptoException e) {
      throw new GatewayProtocolException(
          "Failed to perform registration handshake: " + e.getMessage());
    }
    if (!remoteIdentity.verify(concat(remoteEphemeral.toBytes(), ownEphemeral.toBytes()), sig)) {
      throw new GatewayProtocolException(
          "Failed to perform registration handshake: received invalid signature");
    }
  }

  /** The shared key from our ephemeral key, theirs, and the salt ({@code null}: legacy). */
  public static GatewaySharedKey deriveKey(X25519KeyPair own, X25519PublicKey remote,
      byte[] salt) {
    byte[] dh = own.agree(remote);
    try {
      return GatewaySharedKey.derive(dh, salt);
    } finally {
      Arrays.fill(dh, (byte) 0);
    }
  }
}
