package net.nym.mixnet.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;

/**
 * A validator's signature over one topology response. The signed message is
 *
 * <pre>{@code "nym-topology-v1\n" || path || "\n" || decimal epoch || "\n" || body}</pre>
 *
 * where {@code path} is the request path without query ({@code /v1/nym-nodes/rewarded-set}, no
 * {@code /api} prefix) and {@code body} the exact response bytes. The response carries {@link
 * #VALIDATOR} (the signer's Ed25519 key, base58), {@link #EPOCH} and {@link #SIGNATURE} (base58)
 * headers.
 */
public final class TopologySignature {
  /** The domain separator at the start of every signed message. */
  public static final String DOMAIN = "nym-topology-v1\n";
  /** Header: the signing validator's Ed25519 identity key, base58. */
  public static final String VALIDATOR = "X-Nym-Validator";
  /** Header: the absolute epoch id the response describes. */
  public static final String EPOCH = "X-Nym-Epoch";
  /** Header: the Ed25519 signature, base58. */
  public static final String SIGNATURE = "X-Nym-Signature";

  private TopologySignature() {}

  /** The signed message. */
  public static byte[] message(String path, long epoch, byte[] body) {
    byte[] head = (DOMAIN + path + "\n" + epoch + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }

  /** Signs, returning base58. */
  public static String sign(Ed25519KeyPair key, String path, long epoch, byte[] body) {
    return Base58.encode(key.sign(message(path, epoch, body)));
  }

  /** Whether {@code signature} (base58) is {@code key}'s over this response. */
  public static boolean verify(
      Ed25519PublicKey key, String path, long epoch, byte[] body, String signature) {
    try {
      return key.verify(message(path, epoch, body), Base58.decode(signature));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
