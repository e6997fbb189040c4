package net.nym.mixnet.gateway;

import java.security.SecureRandom;
import java.util.Arrays;
import net.nym.crypto.gateway.CurrentSharedKey;
import net.nym.crypto.gateway.GatewayCryptoException;
import net.nym.crypto.gateway.GatewaySharedKey;

/**
 * Encrypted binary websocket frames ({@code types/helpers.rs BinaryData}).
 *
 * <ul>
 *   <li>Current key: {@code kind (1) || encrypted (1: 1 or 0) || nonce (12) || payload}, the
 *       payload AES-256-GCM-SIV sealed when the flag is 1, plain when 0.
 *   <li>Legacy key: the frame is {@code encrypt(plaintext, IV = 0^16)} ({@code tag (32) || ct})
 *       and the kind is implicitly 1.
 * </ul>
 *
 * Request kinds (client → gateway): {@link #FORWARD_SPHINX} (MixPacket v1), {@link
 * #FORWARD_SPHINX_V2} (MixPacket v2). Response kinds: {@link #PUSHED_MIX_MESSAGE}.
 */
public final class BinaryMessages {
  /** Request kind 1: the plaintext is a v1 mix packet. */
  public static final int FORWARD_SPHINX = 1;
  /** Request kind 2: the plaintext is a v2 mix packet. */
  public static final int FORWARD_SPHINX_V2 = 2;
  /** Response kind 1: the plaintext is a final-hop message for the client. */
  public static final int PUSHED_MIX_MESSAGE = 1;

  /**
   * A decoded frame.
   *
   * @param kind the kind byte
   * @param plaintext the payload in clear
   */
  public record Decoded(int kind, byte[] plaintext) {}

  /**
   * A frame opened in place: the payload in clear lies in {@code buffer[offset..offset+length)}.
   *
   * @param kind the kind byte
   * @param buffer the frame's array (or, for a legacy key, a new array)
   * @param offset where the plaintext starts
   * @param length the plaintext length
   */
  public record Opened(int kind, byte[] buffer, int offset, int length) {}

  private BinaryMessages() {}

  /** An encrypted frame of {@code kind} carrying {@code plaintext} under {@code key}. */
  public static byte[] encrypt(GatewaySharedKey key, int kind, byte[] plaintext,
      SecureRandom random) throws GatewayCryptoException {
    if (key instanceof CurrentSharedKey current) {
      int n = current.nonceLength();
      byte[] nonce = new byte[n];
      random.nextBytes(nonce);
      byte[] out = new byte[2 + n + plaintext.length + 16];
      out[0] = (byte) kind;
      out[1] = 1;
      System.arraycopy(nonce, 0, out, 2, n);
      System.arraycopy(plaintext, 0, out, 2 + n, plaintext.length);
      current.sealInPlace(out, 2, 2 + n, plaintext.length);
      return out;
    }
    return key.encrypt(plaintext, null);
  }

  /**
   * Decodes and decrypts a frame; {@code raw} is left as it was.
   *
   * @throws GatewayProtocolException with Nym's wording: too short, bad flag, bad MAC / tag
   */
  public static Decoded decrypt(GatewaySharedKey key, byte[] raw)
      throws GatewayProtocolException {
    Opened o = open(key, key.isLegacy() ? raw : raw.clone());
    return new Decoded(o.kind(),
        Arrays.copyOfRange(o.buffer(), o.offset(), o.offset() + o.length()));
  }

  /**
   * Decodes and decrypts a frame in place (for a current key; a legacy key decrypts into a new
   * array): no copy of the payload is made.
   *
   * @throws GatewayProtocolException with Nym's wording: too short, bad flag, bad MAC / tag
   */
  public static Opened open(GatewaySharedKey key, byte[] raw) throws GatewayProtocolException {
    try {
      if (!(key instanceof CurrentSharedKey current)) {
        byte[] plaintext = key.decrypt(raw, null);
        return new Opened(1, plaintext, 0, plaintext.length);
      }
      int n = current.nonceLength();
      if (raw.length < 2 + n) {
        throw new GatewayProtocolException("the request is too short");
      }
      int flag = raw[1] & 0xff;
      if (flag > 1) {
        throw new GatewayProtocolException("the encryption flag had an unexpected value");
      }
      int length = flag == 1
          ? current.openInPlace(raw, 2, 2 + n, raw.length - 2 - n) : raw.length - 2 - n;
      return new Opened(raw[0] & 0xff, raw, 2 + n, length);
    } catch (GatewayCryptoException e) {
      throw new GatewayProtocolException("the received encrypted data was malformed ("
          + e.getMessage() + ")");
    }
  }
}
