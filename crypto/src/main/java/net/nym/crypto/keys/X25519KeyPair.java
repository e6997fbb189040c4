package net.nym.crypto.keys;

import java.security.SecureRandom;
import java.util.Arrays;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.primitives.X25519KeyTables;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An X25519 key pair (RFC 7748): a node's sphinx key or a client's encryption key. */
public final class X25519KeyPair {
  /** Length of the private key in bytes. */
  public static final int PRIVATE_LENGTH = X25519.SCALAR_SIZE;

  private final byte[] privateKey;
  private final X25519PublicKey publicKey;

  private X25519KeyPair(byte[] privateKey) {
    this.privateKey = privateKey;
    byte[] pub = new byte[X25519PublicKey.LENGTH];
    X25519.scalarMultBase(privateKey, 0, pub, 0);
    this.publicKey = X25519PublicKey.fromBytes(pub);
  }

  /** Generates a fresh key pair from {@code random}. */
  public static X25519KeyPair generate(SecureRandom random) {
    byte[] sk = new byte[PRIVATE_LENGTH];
    random.nextBytes(sk);
    return new X25519KeyPair(sk);
  }

  /**
   * Rebuilds a key pair from 32 private-key bytes. The bytes are kept as given; clamping happens
   * inside every scalar multiplication, as in RFC 7748 and x25519-dalek.
   */
  public static X25519KeyPair fromPrivateKey(byte[] privateKey) {
    if (privateKey.length != PRIVATE_LENGTH) {
      throw new IllegalArgumentException(
          "x25519 private key: expected " + PRIVATE_LENGTH + " bytes, got " + privateKey.length);
    }
    return new X25519KeyPair(privateKey.clone());
  }

  /** Parses the base58 text form of the private key. */
  public static X25519KeyPair fromBase58(String text) {
    return fromPrivateKey(Base58.decodeExact(text, PRIVATE_LENGTH, "x25519 private key"));
  }

  /** The public half. */
  public X25519PublicKey publicKey() {
    return publicKey;
  }

  /** Returns a copy of the 32-byte private key. */
  public byte[] privateKeyBytes() {
    return privateKey.clone();
  }

  /**
   * Computes the RFC 7748 shared secret with {@code peer}.
   *
   * @throws IllegalArgumentException if the result is all zeros (a low-order peer key)
   */
  public byte[] agree(X25519PublicKey peer) {
    byte[] out = new byte[32];
    if (!X25519.calculateAgreement(privateKey, 0, peer.toBytes(), 0, out, 0)) {
      throw new IllegalArgumentException("x25519: peer key gives an all-zero shared secret");
    }
    return out;
  }

  /**
   * The same shared secret as {@link #agree}, for a peer whose key is long-lived (a node's Sphinx
   * key, a recipient's encryption key): computed with the peer key's cached table ({@link
   * X25519KeyTables}), about a third of the cost once the table is built. Not for ephemeral peer
   * keys, whose table would be built for one use.
   *
   * @throws IllegalArgumentException if the result is all zeros (a low-order peer key)
   */
  public byte[] agreeWithLongLivedKey(X25519PublicKey peer) {
    byte[] out = new byte[32];
    X25519KeyTables.x25519(privateKey, 0, peer.toBytes(), 0, out, 0);
    int acc = 0;
    for (byte b : out) {
      acc |= b;
    }
    if (acc == 0) {
      throw new IllegalArgumentException("x25519: peer key gives an all-zero shared secret");
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof X25519KeyPair other && Arrays.equals(privateKey, other.privateKey);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "X25519KeyPair[public=" + publicKey.toBase58() + "]";
  }
}
