package net.nym.client.core.message;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import net.nym.crypto.encoding.Base58;

/**
 * The 16 random bytes a sender of repliable messages attaches so that the recipient can keep its
 * reply SURBs apart per sender without learning who the sender is (bs58 in text APIs).
 */
public final class AnonymousSenderTag {
  /** Length in bytes. */
  public static final int LENGTH = 16;

  private final byte[] bytes;

  private AnonymousSenderTag(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh random tag. */
  public static AnonymousSenderTag random(RandomGenerator random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return new AnonymousSenderTag(b);
  }

  /** The tag with these 16 bytes. */
  public static AnonymousSenderTag of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a sender tag has " + LENGTH + " bytes, not "
          + bytes.length);
    }
    return new AnonymousSenderTag(bytes.clone());
  }

  /**
   * Parses the bs58 text form.
   *
   * @throws MessageFormatException if the text is not bs58 of 16 bytes
   */
  public static AnonymousSenderTag fromBase58(String text) throws MessageFormatException {
    byte[] b;
    try {
      b = Base58.decode(text);
    } catch (IllegalArgumentException e) {
      throw new MessageFormatException("the sender tag is not base58: " + e.getMessage(), e);
    }
    if (b.length != LENGTH) {
      throw new MessageFormatException("a sender tag has " + LENGTH + " bytes, not " + b.length);
    }
    return new AnonymousSenderTag(b);
  }

  /** A copy of the 16 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The bs58 text form. */
  public String toBase58() {
    return Base58.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnonymousSenderTag t && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toBase58();
  }
}
