package net.nym.crypto.gateway;

import java.util.Arrays;

/**
 * HKDF (RFC 5869) over {@link Blake3Hmac}, as Nym's {@code hkdf::extract_then_expand::<Blake3>}: a
 * missing salt is 32 zero bytes, a missing info is empty.
 */
public final class Blake3Hkdf {
  private Blake3Hkdf() {}

  /** HKDF-Extract: the pseudorandom key. */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    byte[] s = salt == null ? new byte[Blake3Hmac.TAG_LENGTH] : salt;
    return Blake3Hmac.mac(s, ikm);
  }

  /** HKDF-Expand of {@code prk} to {@code length} bytes (at most 255 * 32). */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 0 || length > 255 * Blake3Hmac.TAG_LENGTH) {
      throw new IllegalArgumentException("HKDF-BLAKE3: cannot expand to " + length + " bytes");
    }
    byte[] i = info == null ? new byte[0] : info;
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    int done = 0;
    for (int n = 1; done < length; n++) {
      t = Blake3Hmac.mac(prk, t, i, new byte[] {(byte) n});
      int take = Math.min(t.length, length - done);
      System.arraycopy(t, 0, out, done, take);
      done += take;
    }
    Arrays.fill(t, (byte) 0);
    return out;
  }

  /** Extract then expand; {@code salt} and {@code info} may be {@code null}. */
  public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
    byte[] prk = extract(salt, ikm);
    try {
      return expand(prk, info, length);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }
}
