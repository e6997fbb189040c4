package net.nym.crypto.gateway;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.NoSuchProviderException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM-SIV (RFC 8452) with a 12-byte nonce, a 16-byte tag appended to the ciphertext and
 * no associated data, as Nym's {@code aes_gcm_siv::Aes256GcmSiv} is used by the gateway protocol.
 * (16-byte keys give AES-128-GCM-SIV, used only by the RFC's test vectors.)
 *
 * <p>The AES work runs on the JDK's AES ({@code AES/ECB/NoPadding}, AES-NI intrinsics): the
 * per-message keys are derived with ECB over six counter blocks, and the CTR keystream is ECB over
 * a buffer of counter blocks, because GCM-SIV increments the little-endian first 32-bit word of
 * the counter (wrapping), not the 128-bit big-endian counter of JCE's CTR. POLYVAL is {@link
 * Polyval}, constant time. Each thread keeps its own cipher instances and buffers; a call
 * allocates nothing of its own beyond its output (the JDK allocates the expanded per-message AES
 * key inside {@code Cipher.init}).
 */
public final class Aes256GcmSiv {
  /** Key length. */
  public static final int KEY_LENGTH = 32;
  /** Nonce length. */
  public static final int NONCE_LENGTH = 12;
  /** Tag length. */
  public static final int TAG_LENGTH = 16;

  private static final VarHandle LE32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** Keystream produced per ECB call: a regular packet (2413 bytes) in one call. */
  private static final int CHUNK = 4096;

  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  private Aes256GcmSiv() {}

  /** {@code plaintext} sealed: ciphertext followed by the tag. */
  public static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext)
      throws GatewayCryptoException {
    checkNonce(nonce, 0);
    byte[] out = new byte[plaintext.length + TAG_LENGTH];
    encrypt(key, nonce, 0, plaintext, 0, plaintext.length, out, 0);
    return out;
  }

  /** The plaintext of {@code ciphertext} (with its tag), or an exception if it does not verify. */
  public static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext)
      throws GatewayCryptoException {
    checkNonce(nonce, 0);
    if (ciphertext.length < TAG_LENGTH) {
      throw new GatewayCryptoException("AES-256-GCM-SIV: ciphertext shorter than its tag");
    }
    byte[] out = new byte[ciphertext.length - TAG_LENGTH];
    decrypt(key, nonce, 0, ciphertext, 0, ciphertext.length, out, 0);
    return out;
  }

  /**
   * Seals {@code in[inOff..inOff+len)} into {@code out[outOff..outOff+len+16)} (ciphertext, then
   * the tag), under the 12-byte nonce at {@code nonce[nonceOff..]}. {@code out} may be {@code in}
   * at the same offset.
   */
  public static void encrypt(byte[] key, byte[] nonce, int nonceOff, byte[] in, int inOff,
      int len, byte[] out, int outOff) throws GatewayCryptoException {
    checkNonce(nonce, nonceOff);
    State s = STATE.get();
    s.deriveKeys(key, nonce, nonceOff);
    s.polyval.update(in, inOff, len);
    s.tag(len, nonce, nonceOff, out, outOff + len);
    s.ctr(out, outOff + len, in, inOff, len, out, outOff);
  }

  /**
   * Opens {@code in[inOff..inOff+len)} (ciphertext, then the 16-byte tag) into {@code
   * out[outOff..outOff+len-16)}, under the 12-byte nonce at {@code nonce[nonceOff..]}. {@code out}
   * may be {@code in} at the same offset. On a tag mismatch the output range is zeroed and an
   * exception thrown.
   *
   * @return the plaintext length, {@code len - 16}
   */
  public static int decrypt(byte[] key, byte[] nonce, int nonceOff, byte[] in, int inOff,
      int len, byte[] out, int outOff) throws GatewayCryptoException {
    checkNonce(nonce, nonceOff);
    if (len < TAG_LENGTH) {
      throw new GatewayCryptoException("AES-256-GCM-SIV: ciphertext shorter than its tag");
    }
    int n = len - TAG_LENGTH;
    State s = STATE.get();
    System.arraycopy(in, inOff + n, s.received, 0, TAG_LENGTH);
    s.deriveKeys(key, nonce, nonceOff);
    s.ctr(s.received, 0, in, inOff, n, out, outOff);
    s.polyval.update(out, outOff, n);
    s.tag(n, nonce, nonceOff, s.expected, 0);
    int diff = 0;
    for (int i = 0; i < TAG_LENGTH; i++) {
      diff |= s.expected[i] ^ s.received[i];
    }
    if (diff != 0) {
      java.util.Arrays.fill(out, outOff, outOff + n, (byte) 0);
      throw new GatewayCryptoException("AES-256-GCM-SIV: the ciphertext does not authenticate");
    }
    return n;
  }

  private static void checkNonce(byte[] nonce, int off) throws GatewayCryptoException {
    if (nonce == null || nonce.length - off < NONCE_LENGTH) {
      throw new GatewayCryptoException("AES-256-GCM-SIV: nonce must be 12 bytes, got "
          + (nonce == null ? 0 : Math.max(0, nonce.length - off)));
    }
  }

  /** One thread's ciphers and buffers. */
  private static final class State {
    private final Cipher keyGenerating = ecb();
    private final Cipher message = ecb();
    private final byte[] keyGeneratingKey = new byte[KEY_LENGTH];
    private int keyGeneratingLength;
    private final byte[] derivation = new byte[6 * 16];
    private final byte[] derived = new byte[6 * 16];
    private final byte[] messageKey = new byte[KEY_LENGTH];
    private final byte[] authKey = new byte[16];
    private final byte[] block = new byte[16];
    private final byte[] received = new byte[TAG_LENGTH];
    private final byte[] expected = new byte[TAG_LENGTH];
    private final byte[] counters = new byte[CHUNK];
    private final byte[] keystream = new byte[CHUNK];
    private final Polyval polyval = new Polyval();

    private static Cipher ecb() {
      try {
        try {
          return Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
        } catch (NoSuchProviderException e) {
          return Cipher.getInstance("AES/ECB/NoPadding");
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK has no AES/ECB/NoPadding", e);
      }
    }

    /** Section 4: the message-authentication and message-encryption keys of this nonce. */
    void deriveKeys(byte[] key, byte[] nonce, int nonceOff) {
      if (key.length != KEY_LENGTH && key.length != 16) {
        throw new IllegalArgumentException("AES-GCM-SIV: key must be 16 or 32 bytes");
      }
      try {
        if (keyGeneratingLength != key.length
            || !java.util.Arrays.equals(keyGeneratingKey, 0, key.length, key, 0, key.length)) {
          keyGenerating.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
          System.arraycopy(key, 0, keyGeneratingKey, 0, key.length);
          keyGeneratingLength = key.length;
        }
        int blocks = key.length == KEY_LENGTH ? 6 : 4;
        for (int i = 0; i < blocks; i++) {
          LE32.set(derivation, i * 16, i);
          System.arraycopy(nonce, nonceOff, derivation, i * 16 + 4, NONCE_LENGTH);
        }
        keyGenerating.doFinal(derivation, 0, blocks * 16, derived, 0);
        System.arraycopy(derived, 0, authKey, 0, 8);
        System.arraycopy(derived, 16, authKey, 8, 8);
        for (int i = 2; i < blocks; i++) {
          System.arraycopy(derived, i * 16, messageKey, (i - 2) * 8, 8);
        }
        message.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(messageKey, 0, key.length, "AES"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES rejected a valid key", e);
      }
      polyval.init(authKey, 0);
    }

    /** Section 4: the tag from the POLYVAL state after the message, into {@code out[off..]}. */
    void tag(int messageLength, byte[] nonce, int nonceOff, byte[] out, int off) {
      polyval.block(0, (long) messageLength * 8);
      LE64.set(block, 0, polyval.low());
      LE64.set(block, 8, polyval.high());
      for (int i = 0; i < NONCE_LENGTH; i++) {
        block[i] ^= nonce[nonceOff + i];
      }
      block[15] &= 0x7f;
      try {
        message.doFinal(block, 0, 16, out, off);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES/ECB refused a block", e);
      }
    }

    /**
     * AES-CTR with GCM-SIV's counter: the initial block is the tag at {@code tag[tagOff..]} with
     * its top bit set, and only its first 32 bits (little-endian) count, modulo 2^32.
     */
    void ctr(byte[] tag, int tagOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
      int counter = (int) LE32.get(tag, tagOff);
      int word1 = (int) LE32.get(tag, tagOff + 4);
      long tail = (long) LE64.get(tag, tagOff + 8) | 0x8000000000000000L;
      for (int done = 0; done < len; done += CHUNK) {
        int n = Math.min(CHUNK, len - done);
        int blocks = (n + 15) >>> 4;
        for (int b = 0; b < blocks; b++) {
          int o = b << 4;
          LE32.set(counters, o, counter++);
          LE32.set(counters, o + 4, word1);
          LE64.set(counters, o + 8, tail);
        }
        try {
          message.doFinal(counters, 0, blocks << 4, keystream, 0);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("AES/ECB refused the counter blocks", e);
        }
        int i = 0;
        int src = inOff + done;
        int dst = outOff + done;
        for (; i + 8 <= n; i += 8) {
          LE64.set(out, dst + i,
              (long) LE64.get(in, src + i) ^ (long) LE64.get(keystream, i));
        }
        for (; i < n; i++) {
          out[dst + i] = (byte) (in[src + i] ^ keystream[i]);
        }
      }
    }
  }
}
