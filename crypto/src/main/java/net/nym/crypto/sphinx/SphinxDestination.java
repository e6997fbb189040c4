package net.nym.crypto.sphinx;

import java.util.Arrays;
import java.util.HexFormat;
import net.nym.crypto.address.Recipient;

/**
 * The final hop's routing information: a 32-byte destination address and a 16-byte SURB identifier.
 * Nym puts the recipient's ed25519 identity key in the address and leaves the identifier all zero.
 * Immutable.
 */
public final class SphinxDestination {
  /** Length of the destination address. */
  public static final int ADDRESS_LENGTH = 32;

  /** Length of the SURB identifier. */
  public static final int IDENTIFIER_LENGTH = 16;

  private final byte[] address;
  private final byte[] identifier;

  private SphinxDestination(byte[] address, byte[] identifier) {
    this.address = address;
    this.identifier = identifier;
  }

  /** A destination with the given 32-byte address and 16-byte identifier. */
  public static SphinxDestination of(byte[] address, byte[] identifier) {
    if (address.length != ADDRESS_LENGTH) {
      throw new IllegalArgumentException(
          "sphinx destination: address must be 32 bytes, got " + address.length);
    }
    if (identifier.length != IDENTIFIER_LENGTH) {
      throw new IllegalArgumentException(
          "sphinx destination: identifier must be 16 bytes, got " + identifier.length);
    }
    return new SphinxDestination(address.clone(), identifier.clone());
  }

  /** A destination with the given 32-byte address and an all-zero identifier. */
  public static SphinxDestination of(byte[] address) {
    return of(address, new byte[IDENTIFIER_LENGTH]);
  }

  /** Nym's destination for a client: its identity key bytes, zero identifier. */
  public static SphinxDestination forRecipient(Recipient recipient) {
    return of(recipient.identity().toBytes());
  }

  /** A copy of the 32-byte address. */
  public byte[] address() {
    return address.clone();
  }

  /** A copy of the 16-byte SURB identifier. */
  public byte[] identifier() {
    return identifier.clone();
  }

  void writeTo(byte[] out, int offset) {
    System.arraycopy(address, 0, out, offset, ADDRESS_LENGTH);
    System.arraycopy(identifier, 0, out, offset + ADDRESS_LENGTH, IDENTIFIER_LENGTH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SphinxDestination other
        && Arrays.equals(address, other.address)
        && Arrays.equals(identifier, other.identifier);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address) + Arrays.hashCode(identifier);
  }

  @Override
  public String toString() {
    return "SphinxDestination["
        + HexFormat.of().formatHex(address)
        + "/"
        + HexFormat.of().formatHex(identifier)
        + "]";
  }
}
