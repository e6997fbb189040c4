package net.nym.client.core.message;

import java.util.Arrays;
import java.util.Objects;
import net.nym.crypto.address.AddressFormatException;
import net.nym.crypto.address.Recipient;

/**
 * The body of a reply {@link NymMessage} (type 2), sent through a reply SURB: {@code content_tag
 * (1) || content} with 0 = data (the message bytes) and 1 = SURB request ({@code recipient (96) ||
 * amount (u32 BE)}, the replier asking the original sender for more SURBs) (nym-wire §4.5).
 *
 * @param data the message bytes (data replies)
 * @param surbRequestFrom the address the sender is to send SURBs to (SURB requests), else null
 * @param amount how many SURBs are asked for (SURB requests)
 */
public record ReplyMessage(byte[] data, Recipient surbRequestFrom, long amount) {

  /** Validates the fields. */
  public ReplyMessage {
    Objects.requireNonNull(data, "data");
  }

  /** A data reply. */
  public static ReplyMessage data(byte[] data) {
    return new ReplyMessage(data, null, 0);
  }

  /** A request for {@code amount} more SURBs. */
  public static ReplyMessage surbRequest(Recipient recipient, long amount) {
    return new ReplyMessage(new byte[0], Objects.requireNonNull(recipient), amount);
  }

  /** Whether this is a SURB request. */
  public boolean isSurbRequest() {
    return surbRequestFrom != null;
  }

  /** The encoding. */
  public byte[] toBytes() {
    if (!isSurbRequest()) {
      byte[] out = new byte[1 + data.length];
      System.arraycopy(data, 0, out, 1, data.length);
      return out;
    }
    byte[] out = new byte[1 + Recipient.LENGTH + 4];
    out[0] = 1;
    System.arraycopy(surbRequestFrom.toBytes(), 0, out, 1, Recipient.LENGTH);
    for (int i = 0; i < 4; i++) {
      out[1 + Recipient.LENGTH + i] = (byte) (amount >>> (24 - 8 * i));
    }
    return out;
  }

  /**
   * Parses the encoding.
   *
   * @throws MessageFormatException if it is malformed
   */
  public static ReplyMessage fromBytes(byte[] bytes) throws MessageFormatException {
    if (bytes.length == 0) {
      throw new MessageFormatException("an empty reply message");
    }
    switch (bytes[0]) {
      case 0:
        return data(Arrays.copyOfRange(bytes, 1, bytes.length));
      case 1:
        if (bytes.length != 1 + Recipient.LENGTH + 4) {
          throw new MessageFormatException("a SURB request has " + (1 + Recipient.LENGTH + 4)
              + " bytes, not " + bytes.length);
        }
        try {
          Recipient r = Recipient.fromBytes(Arrays.copyOfRange(bytes, 1, 1 + Recipient.LENGTH));
          long amount = 0;
          for (int i = 0; i < 4; i++) {
            amount = (amount << 8) | (bytes[1 + Recipient.LENGTH + i] & 0xff);
          }
          return surbRequest(r, amount);
        } catch (AddressFormatException e) {
          throw new MessageFormatException("SURB request recipient: " + e.getMessage(), e);
        }
      default:
        throw new MessageFormatException("unknown reply content tag " + (bytes[0] & 0xff));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplyMessage m && Arrays.equals(data, m.data)
        && Objects.equals(surbRequestFrom, m.surbRequestFrom) && amount == m.amount;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(data), surbRequestFrom, amount);
  }

  @Override
  public String toString() {
    return isSurbRequest() ? "reply SURB request for " + amount : "reply (" + data.length
        + " bytes)";
  }
}
