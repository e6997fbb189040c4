package net.nym.mixnet.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import net.nym.crypto.encoding.Base58;

/** JSON helpers for serde's shapes: {@code Vec<u8>} as an array of integers 0..255. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object(String type) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("type", type);
    return n;
  }

  static ArrayNode bytes(byte[] b) {
    ArrayNode a = MAPPER.createArrayNode();
    for (byte x : b) {
      a.add(x & 0xff);
    }
    return a;
  }

  static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode parse(String text) throws GatewayProtocolException {
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null || !n.isObject()) {
        throw new GatewayProtocolException("the received request is malformed: not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new GatewayProtocolException(
          "the received request is malformed: " + e.getOriginalMessage());
    }
  }

  static JsonNode field(JsonNode n, String name) throws GatewayProtocolException {
    JsonNode f = n.get(name);
    if (f == null || f.isNull()) {
      throw new GatewayProtocolException(
          "the received request is malformed: missing field `" + name + "`");
    }
    return f;
  }

  static byte[] byteArray(JsonNode n, String name) throws GatewayProtocolException {
    JsonNode f = field(n, name);
    if (f.isTextual()) {
      try {
        return Base58.decode(f.asText());
      } catch (IllegalArgumentException e) {
        throw new GatewayProtocolException("the received request is malformed: `" + name
            + "` is not a byte array");
      }
    }
    if (!f.isArray()) {
      throw new GatewayProtocolException(
          "the received request is malformed: `" + name + "` is not a byte array");
    }
    byte[] out = new byte[f.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = f.get(i);
      if (!e.isIntegralNumber() || e.asInt() < 0 || e.asInt() > 255) {
        throw new GatewayProtocolException(
            "the received request is malformed: `" + name + "` holds a value that is no byte");
      }
      out[i] = (byte) e.asInt();
    }
    return out;
  }

  static byte[] base64(JsonNode n, String name) throws GatewayProtocolException {
    try {
      return Base64.getDecoder().decode(text(n, name));
    } catch (IllegalArgumentException e) {
      throw new GatewayProtocolException(
          "the received request is malformed: `" + name + "` is not base64");
    }
  }

  static String text(JsonNode n, String name) throws GatewayProtocolException {
    JsonNode f = field(n, name);
    if (!f.isTextual()) {
      throw new GatewayProtocolException(
          "the received request is malformed: `" + name + "` is not a string");
    }
    return f.asText();
  }

  static long number(JsonNode n, String name) throws GatewayProtocolException {
    JsonNode f = field(n, name);
    if (!f.isIntegralNumber()) {
      throw new GatewayProtocolException(
          "the received request is malformed: `" + name + "` is not an integer");
    }
    return f.asLong();
  }

  static Integer optionalVersion(JsonNode n, String name) throws GatewayProtocolException {
    JsonNode f = n.get(name);
    if (f == null || f.isNull()) {
      return null;
    }
    if (!f.isIntegralNumber() || f.asLong() < 0 || f.asLong() > 255) {
      throw new GatewayProtocolException(
          "the received request is malformed: `" + name + "` is not a u8");
    }
    return f.asInt();
  }

  static boolean bool(JsonNode n, String name) throws GatewayProtocolException {
    JsonNode f = field(n, name);
    if (!f.isBoolean()) {
      throw new GatewayProtocolException(
          "the received request is malformed: `" + name + "` is not a boolean");
    }
    return f.asBoolean();
  }
}
