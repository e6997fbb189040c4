package net.nym.crypto.gateway;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A legacy (protocols 1–2) gateway key: {@code aes128_ctr_key (16) || mac_key (16)}. {@code
 * encrypt} is {@code HMAC-BLAKE3(mac_key, ct) (32) || ct} with {@code ct = AES-128-CTR(enc_key,
 * iv or 0^16, pt)}; {@code encryptNaive} is {@code ct} alone. Immutable.
 */
public final class LegacySharedKey implements GatewaySharedKey {
  private final byte[] encKey;
  private final byte[] macKey;

  /** The key of these 32 bytes. */
  public LegacySharedKey(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a legacy gateway key is 32 bytes, got " + bytes.length);
    }
    this.encKey = Arrays.copyOfRange(bytes, 0, 16);
    this.macKey = Arrays.copyOfRange(bytes, 16, 32);
  }

  @Override
  public boolean isLegacy() {
    return true;
  }

  @Override
  public int nonceLength() {
    return Ctr64Be.IV_LENGTH;
  }

  private static byte[] iv(byte[] nonce) throws GatewayCryptoException {
    if (nonce == null) {
      return new byte[Ctr64Be.IV_LENGTH];
    }
    if (nonce.length != Ctr64Be.IV_LENGTH) {
      throw new GatewayCryptoException("legacy gateway key: IV must be 16 bytes, got "
          + nonce.length);
    }
    return nonce;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] nonce) throws GatewayCryptoException {
    byte[] ct = Ctr64Be.apply(encKey, iv(nonce), plaintext);
    byte[] tag = Blake3Hmac.mac(macKey, ct);
    byte[] out = new byte[tag.length + ct.length];
    System.arraycopy(tag, 0, out, 0, tag.length);
    System.arraycopy(ct, 0, out, tag.length, ct.length);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] nonce) throws GatewayCryptoException {
    if (ciphertext.length < Blake3Hmac.TAG_LENGTH) {
      throw new GatewayCryptoException("legacy gateway key: ciphertext shorter than its MAC");
    }
    byte[] tag = Arrays.copyOfRange(ciphertext, 0, Blake3Hmac.TAG_LENGTH);
    byte[] ct = Arrays.copyOfRange(ciphertext, Blake3Hmac.TAG_LENGTH, ciphertext.length);
    if (!MessageDigest.isEqual(tag, Blake3Hmac.mac(macKey, ct))) {
      throw new GatewayCryptoException("legacy gateway key: invalid MAC");
    }
    return Ctr64Be.apply(encKey, iv(nonce), ct);
  }

  @Override
  public byte[] encryptNaive(byte[] plaintext, byte[] nonce) throws GatewayCryptoException {
    return Ctr64Be.apply(encKey, iv(nonce), plaintext);
  }

  @Override
  public byte[] decryptNaive(byte[] ciphertext, byte[] nonce) throws GatewayCryptoException {
    return Ctr64Be.apply(encKey, iv(nonce), ciphertext);
  }

  @Override
  public byte[] toBytes() {
    byte[] out = new byte[32];
    System.arraycopy(encKey, 0, out, 0, 16);
    System.arraycopy(macKey, 0, out, 16, 16);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LegacySharedKey other && Arrays.equals(toBytes(), other.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "LegacySharedKey[AES-128-CTR+HMAC-BLAKE3]";
  }
}
