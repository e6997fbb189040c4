package net.nym.client.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.nym.client.core.message.AnonymousSenderTag;
import net.nym.client.core.message.MessageFormatException;
import net.nym.crypto.address.AddressFormatException;
import net.nym.crypto.address.Recipient;

/**
 * Parses requests and writes responses of the native client's websocket API (nym-wire §5).
 *
 * <p>Text: JSON with a camelCase {@code type} tag: {@code send}, {@code sendAnonymous}, {@code
 * reply}, {@code selfAddress}; responses {@code received}, {@code selfAddress}, {@code
 * laneQueueLength} (field {@code queue_length}), {@code error}. Binary: a tag byte, then
 * big-endian fields (lengths u64), recipients as 96 bytes; responses 0x00 error, 0x01 received,
 * 0x02 self address, 0x03 lane queue length.
 */
public final class WebsocketApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebsocketApi() {}

  /**
   * Parses a text request.
   *
   * @throws ApiError with {@link ApiError.Kind#MALFORMED_REQUEST} for anything unreadable
   */
  public static ApiRequest parseText(String text) throws ApiError {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, e.getOriginalMessage());
    }
    if (n == null || !n.isObject() || !n.path("type").isTextual()) {
      throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, "missing field `type`");
    }
    String type = n.path("type").asText();
    switch (type) {
      case "send":
        return new ApiRequest.Send(recipient(n), message(n), connectionId(n));
      case "sendAnonymous":
        return new ApiRequest.SendAnonymous(recipient(n), message(n),
            unsigned(n, "replySurbs", 0xffffffffL), connectionId(n));
      case "reply": {
        String tag = string(n, "senderTag");
        try {
          return new ApiRequest.Reply(AnonymousSenderTag.fromBase58(tag), message(n),
              connectionId(n));
        } catch (MessageFormatException e) {
          throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, e.getMessage());
        }
      }
      case "selfAddress":
        return new ApiRequest.SelfAddress();
      default:
        throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, "unknown variant `" + type
            + "`, expected one of `send`, `sendAnonymous`, `reply`, `selfAddress`");
    }
  }

  private static String string(JsonNode n, String field) throws ApiError {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, "missing field `" + field + "`");
    }
    return v.asText();
  }

  private static byte[] message(JsonNode n) throws ApiError {
    return string(n, "message").getBytes(StandardCharsets.UTF_8);
  }

  private static Recipient recipient(JsonNode n) throws ApiError {
    try {
      return Recipient.parse(string(n, "recipient"));
    } catch (AddressFormatException | RuntimeException e) {
      throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, e.getMessage());
    }
  }

  private static long unsigned(JsonNode n, String field, long max) throws ApiError {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToExactIntegral() || v.asLong() < 0 || v.asLong() > max) {
      throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, "missing or invalid field `" + field
          + "`");
    }
    return v.asLong();
  }

  private static long connectionId(JsonNode n) throws ApiError {
    JsonNode v = n.get("connectionId");
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.canConvertToExactIntegral() || v.asLong() < 0) {
      throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, "invalid field `connectionId`");
    }
    return v.asLong();
  }

  /**
   * Parses a binary request.
   *
   * @throws ApiError with Nym's kinds: empty, unknown tag, too short, malformed
   */
  public static ApiRequest parseBinary(byte[] b) throws ApiError {
    if (b.length == 0) {
      throw new ApiError(ApiError.Kind.EMPTY_REQUEST, "the received request is empty");
    }
    ByteBuffer in = ByteBuffer.wrap(b, 1, b.length - 1);
    try {
      switch (b[0]) {
        case 0x00: {
          need(in, Recipient.LENGTH + 16);
          Recipient r = readRecipient(in);
          long conn = in.getLong();
          return new ApiRequest.Send(r, data(in), conn);
        }
        case 0x01: {
          need(in, 4 + Recipient.LENGTH + 16);
          long surbs = in.getInt() & 0xffffffffL;
          Recipient r = readRecipient(in);
          long conn = in.getLong();
          return new ApiRequest.SendAnonymous(r, data(in), surbs, conn);
        }
        case 0x02: {
          need(in, AnonymousSenderTag.LENGTH + 16);
          byte[] tag = new byte[AnonymousSenderTag.LENGTH];
          in.get(tag);
          long conn = in.getLong();
          return new ApiRequest.Reply(AnonymousSenderTag.of(tag), data(in), conn);
        }
        case 0x03:
          return new ApiRequest.SelfAddress();
        case 0x04:
          need(in, 8);
          return new ApiRequest.ClosedConnection(in.getLong());
        case 0x05:
          need(in, 8);
          return new ApiRequest.GetLaneQueueLength(in.getLong());
        default:
          throw new ApiError(ApiError.Kind.UNKNOWN_REQUEST,
              "type " + (b[0] & 0xff) + " is not a known request");
      }
    } catch (AddressFormatException e) {
      throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, e.getMessage());
    }
  }

  private static void need(ByteBuffer in, int n) throws ApiError {
    if (in.remaining() < n) {
      throw new ApiError(ApiError.Kind.TOO_SHORT_REQUEST, "the request is too short: "
          + in.remaining() + " bytes after the tag, at least " + n + " needed");
    }
  }

  private static Recipient readRecipient(ByteBuffer in) throws AddressFormatException {
    byte[] r = new byte[Recipient.LENGTH];
    in.get(r);
    return Recipient.fromBytes(r);
  }

  private static byte[] data(ByteBuffer in) throws ApiError {
    long len = in.getLong();
    if (len != in.remaining()) {
      throw new ApiError(ApiError.Kind.MALFORMED_REQUEST, "the announced data length " + len
          + " does not match the " + in.remaining() + " bytes received");
    }
    byte[] d = new byte[(int) len];
    in.get(d);
    return d;
  }

  /** The JSON text of a response. */
  public static String toText(ApiResponse r) {
    ObjectNode o = JSON.createObjectNode();
    if (r instanceof ApiResponse.Received m) {
      o.put("type", "received");
      o.put("message", lossyUtf8(m.message()));
      if (m.senderTag().isPresent()) {
        o.put("senderTag", m.senderTag().get().toBase58());
      } else {
        o.putNull("senderTag");
      }
    } else if (r instanceof ApiResponse.SelfAddress s) {
      o.put("type", "selfAddress");
      o.put("address", s.address().toString());
    } else if (r instanceof ApiResponse.LaneQueueLength l) {
      o.put("type", "laneQueueLength");
      o.put("lane", l.lane());
      o.put("queue_length", l.queueLength());
    } else if (r instanceof ApiResponse.Error e) {
      o.put("type", "error");
      o.put("message", e.message());
    }
    return o.toString();
  }

  private static String lossyUtf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** The binary form of a response. */
  public static byte[] toBinary(ApiResponse r) {
    if (r instanceof ApiResponse.Received m) {
      boolean tagged = m.senderTag().isPresent();
      ByteBuffer out = ByteBuffer.allocate(2 + (tagged ? AnonymousSenderTag.LENGTH : 0) + 8
          + m.message().length);
      out.put((byte) 0x01).put((byte) (tagged ? 1 : 0));
      if (tagged) {
        out.put(m.senderTag().get().toBytes());
      }
      out.putLong(m.message().length).put(m.message());
      return out.array();
    }
    if (r instanceof ApiResponse.SelfAddress s) {
      byte[] a = s.address().toBytes();
      byte[] out = Arrays.copyOf(new byte[] {0x02}, 1 + a.length);
      System.arraycopy(a, 0, out, 1, a.length);
      return out;
    }
    if (r instanceof ApiResponse.LaneQueueLength l) {
      return ByteBuffer.allocate(17).put((byte) 0x03).putLong(l.lane())
          .putLong(l.queueLength()).array();
    }
    ApiResponse.Error e = (ApiResponse.Error) r;
    byte[] msg = e.message().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(10 + msg.length).put((byte) 0x00).put((byte) e.kind().code())
        .putLong(msg.length).put(msg).array();
  }
}
