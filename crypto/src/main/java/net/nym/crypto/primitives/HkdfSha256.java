package net.nym.crypto.primitives;

import java.security.DigestException;
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
    checkLength(length);
    HmacSha256.Scratch s = HmacSha256.scratch();
    extractor.macInto(ikm, ikmOffset, ikmLength, s.full, 0);
    expand(s, s.full, info, out, outOffset, length);
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
    checkLength(length);
    expand(HmacSha256.scratch(), prk, info, out, outOffset, length);
  }

  private static void checkLength(int length) {
    if (length < 0 || length > MAX_OUTPUT_LENGTH) {
      throw new IllegalArgumentException("HKDF-SHA256: cannot produce " + length + " bytes");
    }
  }

  /**
   * Each block is HMAC(prk, T(i-1) || info || i). The pad blocks and inputs are laid out
   * contiguously in the thread's buffers so that every hash is one update and one digest call.
   */
  private static void expand(
      HmacSha256.Scratch s, byte[] prk, byte[] info, byte[] out, int outOffset, int length) {
    int pad = 64;
    int t = HmacSha256.MAC_LENGTH;
    int innerLength = pad + t + info.length + 1;
    byte[] inner = innerLength <= s.inner.length ? s.inner : new byte[innerLength];
    byte[] outer = s.outer;
    if (prk.length <= pad) {
      s.pads(prk, 0, prk.length);
      if (inner != s.inner) {
        System.arraycopy(s.inner, 0, inner, 0, pad);
      }
    } else {
      HmacSha256 hashedKey = new HmacSha256(prk);
      hashedKey.copyInnerPad(inner, 0);
      hashedKey.copyOuterPad(outer, 0);
    }
    System.arraycopy(info, 0, inner, pad + t, info.length);
    MessageDigest md = s.md;
    try {
      int done = 0;
      for (int counter = 1; done < length; counter++) {
        inner[innerLength - 1] = (byte) counter;
        if (counter == 1) {
          md.update(inner, 0, pad);
          md.update(inner, pad + t, info.length + 1);
        } else {
          md.update(inner, 0, innerLength);
        }
        md.digest(outer, pad, t);
        md.update(outer, 0, outer.length);
        md.digest(inner, pad, t);
        int n = Math.min(t, length - done);
        System.arraycopy(inner, pad, out, outOffset + done, n);
        done += n;
      }
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest failed", e);
    }
  }
}
