package net.nym.crypto.gateway;

import java.util.Arrays;

/** A current (protocol 3+) gateway key: 32 bytes of AES-256-GCM-SIV key. Immutable. */
public final class CurrentSharedKey implements GatewaySharedKey {
  private final byte[] key;

  /** The key of these 32 bytes. */
  public CurrentSharedKey(byte[] key) {
    if (key.length != Aes256GcmSiv.KEY_LENGTH) {
      throw new IllegalArgumentException("a current gateway key is 32 bytes, got " + key.length);
    }
    this.key = key.clone();
  }

  @Override
  public boolean isLegacy() {
    return false;
  }

  @Override
  public int nonceLength() {
    return Aes256GcmSiv.NONCE_LENGTH;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] nonce) throws GatewayCryptoException {
    return Aes256GcmSiv.encrypt(key, nonce, plaintext);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] nonce) throws GatewayCryptoException {
    return Aes256GcmSiv.decrypt(key, nonce, ciphertext);
  }

  /**
   * Seals {@code buf[off..off+len)} in place, the tag written after it at {@code buf[off+len..
   * off+len+16)}, under the 12-byte nonce at {@code buf[nonceOff..]}.
   */
  public void sealInPlace(byte[] buf, int nonceOff, int off, int len)
      throws GatewayCryptoException {
    Aes256GcmSiv.encrypt(key, buf, nonceOff, buf, off, len, buf, off);
  }

  /**
   * Opens {@code buf[off..off+len)} (ciphertext and tag) in place under the 12-byte nonce at
   * {@code buf[nonceOff..]}; the plaintext starts at {@code off}.
   *
   * @return the plaintext length
   */
  public int openInPlace(byte[] buf, int nonceOff, int off, int len)
      throws GatewayCryptoException {
    return Aes256GcmSiv.decrypt(key, buf, nonceOff, buf, off, len, buf, off);
  }

  @Override
  public byte[] encryptNaive(byte[] plaintext, byte[] nonce) throws GatewayCryptoException {
    return encrypt(plaintext, nonce);
  }

  @Override
  public byte[] decryptNaive(byte[] ciphertext, byte[] nonce) throws GatewayCryptoException {
    return decrypt(ciphertext, nonce);
  }

  @Override
  public byte[] toBytes() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CurrentSharedKey other && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "CurrentSharedKey[AES-256-GCM-SIV]";
  }
}
