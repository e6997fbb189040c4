package net.nym.client.core.packet;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import net.nym.crypto.gateway.Blake3;
import net.nym.crypto.gateway.Blake3Hkdf;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;
import net.nym.crypto.primitives.AesCtr;

/**
 * The Sphinx plaintext of a client packet (nym-wire §4.4, §4.7):
 *
 * <ul>
 *   <li>regular (plain/repliable fragment, cover): {@code surb_ack (405) || eph_x25519_pub (32) ||
 *       AES-128-CTR(k, 0^16, content)} with {@code k = HKDF-BLAKE3(salt none, X25519(eph,
 *       recipient), info none, 16)};
 *   <li>reply: {@code surb_ack (405) || BLAKE3(reply_key) (32) || AES-128-CTR(reply_key, 0^16,
 *       content)}.
 * </ul>
 */
public final class Payloads {
  /** Bytes between the SURB-ack and the ciphertext: an x25519 key or a BLAKE3 digest. */
  public static final int KEY_FIELD = 32;
  /** SURB-ack plus key field: what a packet's plaintext spends besides the content. */
  public static final int OVERHEAD = SurbAck.LENGTH + KEY_FIELD;
  /** Nym's loop cover marker. */
  public static final byte[] COVER_MARKER =
      "The cake is a lie!".getBytes(StandardCharsets.US_ASCII);
  private static final int KEY_LENGTH = 16;

  private Payloads() {}

  /** The AES-128 key for an x25519 shared secret (HKDF-BLAKE3, no salt, no info). */
  public static byte[] packetKey(byte[] sharedSecret) {
    return Blake3Hkdf.derive(null, sharedSecret, null, KEY_LENGTH);
  }

  /** AES-128-CTR with a zero IV. */
  static byte[] ctr(byte[] key, byte[] data, int from, int length) {
    byte[] out = new byte[length];
    AesCtr.xor(key, 0, KEY_LENGTH, null, data, from, length, out, 0);
    return out;
  }

  /** The plaintext of a regular packet for {@code recipient} carrying {@code content}. */
  public static byte[] regular(SurbAck ack, byte[] content, X25519PublicKey recipient,
      SecureRandom random) {
    X25519KeyPair eph = X25519KeyPair.generate(random);
    byte[] key = packetKey(eph.agreeWithLongLivedKey(recipient));
    byte[] out = new byte[OVERHEAD + content.length];
    System.arraycopy(ack.bytes(), 0, out, 0, SurbAck.LENGTH);
    System.arraycopy(eph.publicKey().toBytes(), 0, out, SurbAck.LENGTH, KEY_FIELD);
    byte[] ct = ctr(key, content, 0, content.length);
    System.arraycopy(ct, 0, out, OVERHEAD, ct.length);
    Arrays.fill(key, (byte) 0);
    return out;
  }

  /** The plaintext of a reply packet encrypted with a reply SURB's 16-byte key. */
  public static byte[] reply(SurbAck ack, byte[] content, byte[] replyKey) {
    byte[] out = new byte[OVERHEAD + content.length];
    System.arraycopy(ack.bytes(), 0, out, 0, SurbAck.LENGTH);
    System.arraycopy(Blake3.hash(replyKey), 0, out, SurbAck.LENGTH, KEY_FIELD);
    byte[] ct = ctr(replyKey, content, 0, content.length);
    System.arraycopy(ct, 0, out, OVERHEAD, ct.length);
    return out;
  }

  /** Loop cover content: the marker, 0x01, then zeros, {@code length} bytes in all. */
  public static byte[] coverContent(int length) {
    byte[] c = new byte[length];
    System.arraycopy(COVER_MARKER, 0, c, 0, COVER_MARKER.length);
    c[COVER_MARKER.length] = 1;
    return c;
  }
}
