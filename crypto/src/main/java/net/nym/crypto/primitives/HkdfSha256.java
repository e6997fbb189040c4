package net.nym.crypto.primitives;

import java.security.MessageDigest;

/**
 * HKDF with HMAC-SHA256 (RFC 5869).
 *
 * <p>A {@code HkdfSha256} instance fixes the salt (its extract key is precomputed); the static
 * {@link #derive} covers one-off uses. An empty or absent salt means 32 zero bytes, as in RFC 5869
 * §2.2 and the Rust {@code hkdf} crate. Instances are immutable and thread-safe.
 */
public final class HkdfSha256 {
  /** Largest output HKDF-SHA256 can produce (255 blocks of 32 bytes). */
  public static final int MAX_OUTPUT_LENGTH = 255 * HmacSha256.MAC_LENGTH;

  private final HmacSha256 extractor;

  /** Creates an HKDF with the given salt ({@code null} or empty means no salt). */
  public HkdfSha256(byte[] salt) {
    this.extractor =
        new HmacSha256(
            salt == null || salt.length == 0 ? new byte[HmacSha256.MAC_LENGTH] : salt.clone());
  }

  /** HKDF-Extract: returns the 32-byte pseudorandom key for {@code ikm}. */
  public byte[] extract(byte[] ikm, int offset, int length) {
    return extractor.mac(ikm, offset, length);
  }

  /**
   * Extract-then-expand: writes {@code length} bytes of output keying material for {@code
   * ikm[ikmOffset, ikmOffset + ikmLength)} and {@code info} into {@code out[outOffset..]}.
   */
  public void deriveInto(
      byte[] ikm,
      int ikmOffset,
      int ikmLength,
      byte[] info,
      byte[] out,
      int outOffset,
      int length) {
    expand(extract(ikm, ikmOffset, ikmLength), info, out, outOffset, length);
  }

  /** Extract-then-expand into a new array of {@code length} bytes. */
  public byte[] derive(byte[] ikm, byte[] info, int length) {
    byte[] out = new byte[length];
    deriveInto(ikm, 0, ikm.length, info, out, 0, length);
    return out;
  }

  /** One-off HKDF-SHA256: {@code salt} may be {@code null} or empty. */
  public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
    return new HkdfSha256(salt).derive(ikm, info, length);
  }

  /**
   * HKDF-Expand: writes {@code length} bytes derived from the pseudorandom key {@code prk} and
   * {@code info} into {@code out[outOffset..]}.
   */
  public static void expand(byte[] prk, byte[] info, byte[] out, int outOffset, int length) {
    if (length < 0 || length > MAX_OUTPUT_LENGTH) {
      throw new IllegalArgumentException("HKDF-SHA256: cannot produce " + length + " bytes");
    }
    HmacSha256 hmac = new HmacSha256(prk);
    byte[] block = new byte[HmacSha256.MAC_LENGTH];
    int done = 0;
    for (int counter = 1; done < length; counter++) {
      MessageDigest md = hmac.start();
      if (counter > 1) {
        md.update(block);
      }
      md.update(info);
      md.update((byte) counter);
      hmac.finish(md, block, 0);
      int n = Math.min(HmacSha256.MAC_LENGTH, length - done);
      System.arraycopy(block, 0, out, outOffset + done, n);
      done += n;
    }
  }
}
