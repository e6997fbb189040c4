package net.nym.client.core.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Nym client message before fragmentation: {@code type (1) || inner} with 0 = plain data, 1 =
 * {@link RepliableMessage}, 2 = {@link ReplyMessage} (nym-wire §4.2).
 */
public sealed interface NymMessage {
  /** Type byte of a plain message. */
  int PLAIN = 0;
  /** Type byte of a repliable message. */
  int REPLIABLE = 1;
  /** Type byte of a reply. */
  int REPLY = 2;

  /** The type byte. */
  int type();

  /** The inner bytes (after the type byte). */
  byte[] innerBytes();

  /** Whether the packets of this message carry a reply-key digest instead of an ephemeral key. */
  default boolean isReply() {
    return type() == REPLY;
  }

  /** The full encoding: type byte and inner bytes. */
  default byte[] toBytes() {
    byte[] inner = innerBytes();
    byte[] out = new byte[1 + inner.length];
    out[0] = (byte) type();
    System.arraycopy(inner, 0, out, 1, inner.length);
    return out;
  }

  /** The message's data as an application sees it (empty for control messages). */
  byte[] data();

  /**
   * Parses an encoded message.
   *
   * @throws MessageFormatException if the bytes are empty, of an unknown type or malformed
   */
  static NymMessage fromBytes(byte[] bytes) throws MessageFormatException {
    if (bytes.length == 0) {
      throw new MessageFormatException("an empty message");
    }
    byte[] inner = Arrays.copyOfRange(bytes, 1, bytes.length);
    return switch (bytes[0]) {
      case PLAIN -> new Plain(inner);
      case REPLIABLE -> new Repliable(RepliableMessage.fromBytes(inner));
      case REPLY -> new Reply(ReplyMessage.fromBytes(inner));
      default -> throw new MessageFormatException("unknown message type " + (bytes[0] & 0xff));
    };
  }

  /**
   * A plain message: data only, no way to reply.
   *
   * @param data the data
   */
  record Plain(byte[] data) implements NymMessage {
    /** Validates the data. */
    public Plain {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public int type() {
      return PLAIN;
    }

    @Override
    public byte[] innerBytes() {
      return data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Plain p && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "plain (" + data.length + " bytes)";
    }
  }

  /**
   * A repliable message.
   *
   * @param body the body
   */
  record Repliable(RepliableMessage body) implements NymMessage {
    /** Validates the body. */
    public Repliable {
      Objects.requireNonNull(body, "body");
    }

    @Override
    public int type() {
      return REPLIABLE;
    }

    @Override
    public byte[] innerBytes() {
      return body.toBytes();
    }

    @Override
    public byte[] data() {
      return body.data().clone();
    }
  }

  /**
   * A reply sent through a SURB.
   *
   * @param body the body
   */
  record Reply(ReplyMessage body) implements NymMessage {
    /** Validates the body. */
    public Reply {
      Objects.requireNonNull(body, "body");
    }

    @Override
    public int type() {
      return REPLY;
    }

    @Override
    public byte[] innerBytes() {
      return body.toBytes();
    }

    @Override
    public byte[] data() {
      return body.data().clone();
    }
  }
}
