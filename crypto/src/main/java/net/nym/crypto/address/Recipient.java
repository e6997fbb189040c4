package net.nym.crypto.address;

import java.util.Objects;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.X25519PublicKey;

/**
 * A Nym client address ({@code Recipient} in Nym's {@code
 * common/nymsphinx/addressing/src/clients.rs}): the client's ed25519 identity key, its x25519
 * encryption key and its gateway's ed25519 identity key.
 *
 * <p>Text form: {@code base58(identity) "." base58(encryption) "@" base58(gateway)}; byte form (96
 * bytes): {@code identity || encryption || gateway}. Immutable.
 */
public final class Recipient {
  /** Length of the byte form. */
  public static final int LENGTH = 96;

  private final Ed25519PublicKey identity;
  private final X25519PublicKey encryptionKey;
  private final Ed25519PublicKey gateway;

  /** Creates a recipient from its three keys. */
  public Recipient(
      Ed25519PublicKey identity, X25519PublicKey encryptionKey, Ed25519PublicKey gateway) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.encryptionKey = Objects.requireNonNull(encryptionKey, "encryptionKey");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  /**
   * Parses {@code identity.encryption@gateway}.
   *
   * @throws AddressFormatException naming the part that is malformed
   */
  public static Recipient parse(String text) throws AddressFormatException {
    int at = text.indexOf('@');
    if (at < 0 || text.indexOf('@', at + 1) >= 0) {
      throw new AddressFormatException(
          "recipient \"" + text + "\": expected exactly one '@' (identity.encryption@gateway)");
    }
    String client = text.substring(0, at);
    int dot = client.indexOf('.');
    if (dot < 0 || client.indexOf('.', dot + 1) >= 0) {
      throw new AddressFormatException(
          "recipient \""
              + text
              + "\": expected exactly one '.' before '@'"
              + " (identity.encryption@gateway)");
    }
    Ed25519PublicKey identity;
    try {
      identity = Ed25519PublicKey.fromBase58(client.substring(0, dot));
    } catch (IllegalArgumentException e) {
      throw new AddressFormatException(
          "recipient's identity key is malformed: " + e.getMessage(), e);
    }
    X25519PublicKey encryption;
    try {
      encryption = X25519PublicKey.fromBase58(client.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new AddressFormatException(
          "recipient's encryption key is malformed: " + e.getMessage(), e);
    }
    Ed25519PublicKey gateway;
    try {
      gateway = Ed25519PublicKey.fromBase58(text.substring(at + 1));
    } catch (IllegalArgumentException e) {
      throw new AddressFormatException(
          "recipient gateway's identity key is malformed: " + e.getMessage(), e);
    }
    return new Recipient(identity, encryption, gateway);
  }

  /**
   * Parses the 96-byte form.
   *
   * @throws AddressFormatException if the length is wrong or a key is not a valid point
   */
  public static Recipient fromBytes(byte[] bytes) throws AddressFormatException {
    if (bytes.length != LENGTH) {
      throw new AddressFormatException(
          "recipient: expected " + LENGTH + " bytes, got " + bytes.length);
    }
    byte[] part = new byte[32];
    Ed25519PublicKey identity;
    System.arraycopy(bytes, 0, part, 0, 32);
    try {
      identity = Ed25519PublicKey.fromBytes(part);
    } catch (IllegalArgumentException e) {
      throw new AddressFormatException(
          "recipient's identity key is malformed: " + e.getMessage(), e);
    }
    System.arraycopy(bytes, 32, part, 0, 32);
    X25519PublicKey encryption = X25519PublicKey.fromBytes(part);
    System.arraycopy(bytes, 64, part, 0, 32);
    try {
      return new Recipient(identity, encryption, Ed25519PublicKey.fromBytes(part));
    } catch (IllegalArgumentException e) {
      throw new AddressFormatException(
          "recipient gateway's identity key is malformed: " + e.getMessage(), e);
    }
  }

  /** The 96-byte form. */
  public byte[] toBytes() {
    byte[] out = new byte[LENGTH];
    System.arraycopy(identity.toBytes(), 0, out, 0, 32);
    System.arraycopy(encryptionKey.toBytes(), 0, out, 32, 32);
    System.arraycopy(gateway.toBytes(), 0, out, 64, 32);
    return out;
  }

  /** The client's identity key; its 32 bytes are the Sphinx destination address. */
  public Ed25519PublicKey identity() {
    return identity;
  }

  /** The client's encryption key. */
  public X25519PublicKey encryptionKey() {
    return encryptionKey;
  }

  /** The identity key of the client's gateway. */
  public Ed25519PublicKey gateway() {
    return gateway;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Recipient other
        && identity.equals(other.identity)
        && encryptionKey.equals(other.encryptionKey)
        && gateway.equals(other.gateway);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identity, encryptionKey, gateway);
  }

  /** The text form {@code identity.encryption@gateway}. */
  @Override
  public String toString() {
    return identity.toBase58() + "." + encryptionKey.toBase58() + "@" + gateway.toBase58();
  }
}
