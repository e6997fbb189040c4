package net.nym.crypto.sphinx;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.sphinx.SphinxException.Reason;

/**
 * Nym's reply SURB ({@code common/nymsphinx/anonymous-replies/src/reply_surb.rs}): a 16-byte
 * AES-128 key, random per SURB, with which the replier encrypts its reply content, followed by the
 * {@link Surb}. Byte form {@code key (16) || surb bytes}; Nym also writes it in base58. With 4 hops
 * it is 1164 bytes for version 258 and 460 bytes for version 259. Immutable.
 */
public final class ReplySurb {
  /** Length of the encryption key. */
  public static final int KEY_LENGTH = 16;

  private final byte[] encryptionKey;
  private final Surb surb;

  /** Wraps an encryption key (16 bytes) and a SURB. */
  public ReplySurb(byte[] encryptionKey, Surb surb) {
    if (encryptionKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "reply surb: encryption key must be 16 bytes, got " + encryptionKey.length);
    }
    this.encryptionKey = encryptionKey.clone();
    this.surb = Objects.requireNonNull(surb, "surb");
  }

  /**
   * Creates a SURB (see {@link Surb#create}) and a fresh encryption key; the SURB's randomness is
   * drawn first, then the 16 key bytes.
   */
  public static ReplySurb create(
      List<SphinxNode> route,
      List<Duration> delays,
      SphinxDestination destination,
      SphinxVersion version,
      RandomGenerator random) {
    Surb surb = Surb.create(route, delays, destination, version, random);
    byte[] key = new byte[KEY_LENGTH];
    random.nextBytes(key);
    return new ReplySurb(key, surb);
  }

  /**
   * Parses the byte form.
   *
   * @throws SphinxException with {@link Reason#MALFORMED_SURB} if the bytes are malformed
   */
  public static ReplySurb fromBytes(byte[] bytes) throws SphinxException {
    if (bytes.length <= KEY_LENGTH) {
      throw new SphinxException(
          Reason.MALFORMED_SURB, bytes.length + " bytes are too few for a reply SURB");
    }
    return new ReplySurb(
        Arrays.copyOf(bytes, KEY_LENGTH),
        Surb.fromBytes(Arrays.copyOfRange(bytes, KEY_LENGTH, bytes.length)));
  }

  /**
   * Parses the base58 form.
   *
   * @throws SphinxException with {@link Reason#MALFORMED_SURB} if the text is not base58 or the
   *     bytes are malformed
   */
  public static ReplySurb fromBase58(String text) throws SphinxException {
    byte[] bytes;
    try {
      bytes = Base58.decode(text);
    } catch (IllegalArgumentException e) {
      throw new SphinxException(Reason.MALFORMED_SURB, e.getMessage());
    }
    return fromBytes(bytes);
  }

  /** The byte form. */
  public byte[] toBytes() {
    byte[] s = surb.toBytes();
    byte[] out = new byte[KEY_LENGTH + s.length];
    System.arraycopy(encryptionKey, 0, out, 0, KEY_LENGTH);
    System.arraycopy(s, 0, out, KEY_LENGTH, s.length);
    return out;
  }

  /** The base58 form. */
  public String toBase58() {
    return Base58.encode(toBytes());
  }

  /** A copy of the 16-byte AES-128 key for the reply content. */
  public byte[] encryptionKey() {
    return encryptionKey.clone();
  }

  /** The SURB. */
  public Surb surb() {
    return surb;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplySurb other
        && Arrays.equals(encryptionKey, other.encryptionKey)
        && surb.equals(other.surb);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(encryptionKey) + surb.hashCode();
  }

  @Override
  public String toString() {
    return "ReplySurb[" + surb + "]";
  }
}
