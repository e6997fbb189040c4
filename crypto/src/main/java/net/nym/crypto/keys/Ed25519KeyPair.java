package net.nym.crypto.keys;

import java.security.SecureRandom;
import java.util.Arrays;
import net.nym.crypto.encoding.Base58;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 key pair (RFC 8032): the identity of a node or client, used to sign. */
public final class Ed25519KeyPair {
  /** Length of the private key (the RFC 8032 seed) in bytes. */
  public static final int PRIVATE_LENGTH = Ed25519.SECRET_KEY_SIZE;
  /** Length of a signature in bytes. */
  public static final int SIGNATURE_LENGTH = Ed25519.SIGNATURE_SIZE;

  private final byte[] privateKey;
  private final Ed25519PublicKey publicKey;

  private Ed25519KeyPair(byte[] privateKey) {
    this.privateKey = privateKey;
    byte[] pub = new byte[Ed25519PublicKey.LENGTH];
    Ed25519.generatePublicKey(privateKey, 0, pub, 0);
    this.publicKey = Ed25519PublicKey.fromBytes(pub);
  }

  /** Generates a fresh key pair from {@code random}. */
  public static Ed25519KeyPair generate(SecureRandom random) {
    byte[] sk = new byte[PRIVATE_LENGTH];
    Ed25519.generatePrivateKey(random, sk);
    return new Ed25519KeyPair(sk);
  }

  /** Rebuilds a key pair from its 32-byte private key (seed). */
  public static Ed25519KeyPair fromPrivateKey(byte[] privateKey) {
    if (privateKey.length != PRIVATE_LENGTH) {
      throw new IllegalArgumentException(
          "ed25519 private key: expected " + PRIVATE_LENGTH + " bytes, got " + privateKey.length);
    }
    return new Ed25519KeyPair(privateKey.clone());
  }

  /** Parses the base58 text form of the private key. */
  public static Ed25519KeyPair fromBase58(String text) {
    return fromPrivateKey(Base58.decodeExact(text, PRIVATE_LENGTH, "ed25519 private key"));
  }

  /** The public half. */
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** Returns a copy of the 32-byte private key. */
  public byte[] privateKeyBytes() {
    return privateKey.clone();
  }

  /** Signs {@code message} with pure Ed25519 (RFC 8032, no context, no prehash). */
  public byte[] sign(byte[] message) {
    byte[] sig = new byte[SIGNATURE_LENGTH];
    Ed25519.sign(privateKey, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519KeyPair other && Arrays.equals(privateKey, other.privateKey);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "Ed25519KeyPair[public=" + publicKey.toBase58() + "]";
  }
}
