package net.nym.crypto.gateway;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM-SIV (RFC 8452) with a 12-byte nonce, a 16-byte tag appended to the ciphertext and
 * no associated data, as Nym's {@code aes_gcm_siv::Aes256GcmSiv} is used by the gateway protocol.
 * Runs on Bouncy Castle's lightweight engine; each call builds its own cipher.
 */
public final class Aes256GcmSiv {
  /** Key length. */
  public static final int KEY_LENGTH = 32;
  /** Nonce length. */
  public static final int NONCE_LENGTH = 12;
  /** Tag length. */
  public static final int TAG_LENGTH = 16;

  private Aes256GcmSiv() {}

  /** {@code plaintext} sealed: ciphertext followed by the tag. */
  public static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext)
      throws GatewayCryptoException {
    GCMSIVBlockCipher c = cipher(true, key, nonce);
    byte[] out = new byte[c.getOutputSize(plaintext.length)];
    int n = c.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      c.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new GatewayCryptoException("AES-256-GCM-SIV: " + e.getMessage());
    }
    return out;
  }

  /** The plaintext of {@code ciphertext} (with its tag), or an exception if it does not verify. */
  public static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext)
      throws GatewayCryptoException {
    if (ciphertext.length < TAG_LENGTH) {
      throw new GatewayCryptoException("AES-256-GCM-SIV: ciphertext shorter than its tag");
    }
    GCMSIVBlockCipher c = cipher(false, key, nonce);
    byte[] out = new byte[c.getOutputSize(ciphertext.length)];
    int n = c.processBytes(ciphertext, 0, ciphertext.length, out, 0);
    try {
      c.doFinal(out, n);
    } catch (InvalidCipherTextException | IllegalStateException e) {
      throw new GatewayCryptoException("AES-256-GCM-SIV: the ciphertext does not authenticate");
    }
    return out;
  }

  private static GCMSIVBlockCipher cipher(boolean encrypt, byte[] key, byte[] nonce)
      throws GatewayCryptoException {
    if (key.length != KEY_LENGTH && key.length != 16) {
      throw new IllegalArgumentException("AES-GCM-SIV: key must be 16 or 32 bytes");
    }
    if (nonce == null || nonce.length != NONCE_LENGTH) {
      throw new GatewayCryptoException(
          "AES-256-GCM-SIV: nonce must be 12 bytes, got " + (nonce == null ? 0 : nonce.length));
    }
    GCMSIVBlockCipher c = new GCMSIVBlockCipher(AESEngine.newInstance());
    c.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce));
    return c;
  }
}
