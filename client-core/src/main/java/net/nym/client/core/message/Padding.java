package net.nym.client.core.message;

import java.util.Arrays;

/**
 * Nym's message padding (nym-wire §4.2): {@code bytes || 0x01 || 0x00 × k}, where k fills the
 * last fragment exactly; the receiver cuts at the last 0x01 byte.
 */
public final class Padding {
  private Padding() {}

  /** {@code bytes || 0x01 || zeros(spaceLeft)}. */
  public static byte[] pad(byte[] bytes, int spaceLeft) {
    byte[] out = Arrays.copyOf(bytes, bytes.length + 1 + spaceLeft);
    out[bytes.length] = 1;
    return out;
  }

  /**
   * The bytes before the last 0x01 byte.
   *
   * @throws MessageFormatException if there is no 0x01 byte at all (like Nym's {@code rposition})
   */
  public static byte[] unpad(byte[] padded) throws MessageFormatException {
    for (int i = padded.length - 1; i >= 0; i--) {
      if (padded[i] == 1) {
        return Arrays.copyOf(padded, i);
      }
    }
    throw new MessageFormatException("the message padding has no 0x01 marker");
  }
}
