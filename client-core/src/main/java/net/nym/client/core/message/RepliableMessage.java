package net.nym.client.core.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The body of a repliable {@link NymMessage} (type 1): {@code sender_tag (16) || content_tag (1) ||
 * content} (nym-wire §4.5). Content tags 0–2 are the v1 forms (read only), 3–5 the v2 forms this
 * implementation writes: data = SURB list || message; additional SURBs and heartbeat = SURB list.
 *
 * @param senderTag the sender's anonymous tag
 * @param kind what the message carries
 * @param surbs the attached reply SURBs
 * @param data the message bytes (empty unless {@code kind} is {@link Kind#DATA})
 */
public record RepliableMessage(AnonymousSenderTag senderTag, Kind kind, SurbList surbs,
    byte[] data) {

  /** What a repliable message carries. */
  public enum Kind {
    /** Application data with SURBs. */
    DATA,
    /** Only SURBs, answering the recipient's request for more. */
    ADDITIONAL_SURBS,
    /** Only SURBs, keeping the recipient's supply alive. */
    HEARTBEAT
  }

  /** Validates the fields. */
  public RepliableMessage {
    Objects.requireNonNull(senderTag, "senderTag");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(surbs, "surbs");
    Objects.requireNonNull(data, "data");
  }

  /** A data message with SURBs. */
  public static RepliableMessage data(AnonymousSenderTag tag, byte[] data, SurbList surbs) {
    return new RepliableMessage(tag, Kind.DATA, surbs, data);
  }

  /** A message that only carries additional SURBs. */
  public static RepliableMessage additionalSurbs(AnonymousSenderTag tag, SurbList surbs) {
    return new RepliableMessage(tag, Kind.ADDITIONAL_SURBS, surbs, new byte[0]);
  }

  /** The v2 encoding. */
  public byte[] toBytes() {
    byte[] list = surbs.toV2Bytes();
    byte[] out = new byte[AnonymousSenderTag.LENGTH + 1 + list.length + data.length];
    System.arraycopy(senderTag.toBytes(), 0, out, 0, AnonymousSenderTag.LENGTH);
    out[AnonymousSenderTag.LENGTH] = (byte) (3 + kind.ordinal());
    System.arraycopy(list, 0, out, AnonymousSenderTag.LENGTH + 1, list.length);
    System.arraycopy(data, 0, out, AnonymousSenderTag.LENGTH + 1 + list.length, data.length);
    return out;
  }

  /**
   * Parses v1 or v2 bytes.
   *
   * @throws MessageFormatException if they are malformed
   */
  public static RepliableMessage fromBytes(byte[] bytes) throws MessageFormatException {
    if (bytes.length < AnonymousSenderTag.LENGTH + 1) {
      throw new MessageFormatException("a repliable message needs at least 17 bytes, got "
          + bytes.length);
    }
    AnonymousSenderTag tag =
        AnonymousSenderTag.of(Arrays.copyOf(bytes, AnonymousSenderTag.LENGTH));
    int contentTag = bytes[AnonymousSenderTag.LENGTH] & 0xff;
    if (contentTag > 5) {
      throw new MessageFormatException("unknown repliable content tag " + contentTag);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, AnonymousSenderTag.LENGTH + 1,
        bytes.length - AnonymousSenderTag.LENGTH - 1);
    SurbList surbs = contentTag >= 3 ? SurbList.readV2(in) : SurbList.readV1(in);
    Kind kind = Kind.values()[contentTag % 3];
    byte[] data = new byte[kind == Kind.DATA ? in.remaining() : 0];
    in.get(data);
    return new RepliableMessage(tag, kind, surbs, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepliableMessage m && senderTag.equals(m.senderTag) && kind == m.kind
        && surbs.equals(m.surbs) && Arrays.equals(data, m.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(senderTag, kind, surbs, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "repliable " + kind + " (" + data.length + " bytes, " + surbs.surbs().size()
        + " SURBs)";
  }
}
