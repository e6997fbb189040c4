package net.nym.crypto.gateway;

import org.bouncycastle.crypto.digests.Blake3Digest;

/** BLAKE3 with its default 32-byte output (Bouncy Castle's {@code Blake3Digest}). */
public final class Blake3 {
  /** The output length. */
  public static final int OUTPUT_LENGTH = 32;

  private Blake3() {}

  /** BLAKE3 of the concatenation of {@code parts}. */
  public static byte[] hash(byte[]... parts) {
    Blake3Digest d = new Blake3Digest(OUTPUT_LENGTH * 8);
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[OUTPUT_LENGTH];
    d.doFinal(out, 0);
    return out;
  }
}
