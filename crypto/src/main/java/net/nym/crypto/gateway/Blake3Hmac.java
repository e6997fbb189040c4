package net.nym.crypto.gateway;

import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * HMAC (RFC 2104) over BLAKE3: block size 64 bytes, output 32 bytes, as Nym's {@code
 * nym_crypto::hmac::compute_keyed_hmac::<Blake3>}. Keys longer than 64 bytes are hashed first.
 */
public final class Blake3Hmac {
  /** The tag length. */
  public static final int TAG_LENGTH = 32;

  private Blake3Hmac() {}

  /** HMAC-BLAKE3 of the concatenation of {@code parts} under {@code key}. */
  public static byte[] mac(byte[] key, byte[]... parts) {
    HMac h = new HMac(new Blake3Digest(TAG_LENGTH * 8));
    h.init(new KeyParameter(key));
    for (byte[] p : parts) {
      h.update(p, 0, p.length);
    }
    byte[] out = new byte[TAG_LENGTH];
    h.doFinal(out, 0);
    return out;
  }
}
