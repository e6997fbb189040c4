package net.nym.mixnet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The registration handshake's text messages ({@code RegistrationHandshake}): {@code
 * {"type":"handshakePayload","protocol_version":P,"data":[...]}} and {@code
 * {"type":"handshakeError","message":"..."}}.
 *
 * @param protocolVersion the sender's protocol, or {@code null}
 * @param data the payload, or {@code null} for an error
 * @param error the error message, or {@code null} for a payload
 */
public record HandshakePayload(Integer protocolVersion, byte[] data, String error) {

  static String json(Integer protocolVersion, byte[] data) {
    ObjectNode n = Json.object("handshakePayload");
    if (protocolVersion == null) {
      n.putNull("protocol_version");
    } else {
      n.put("protocol_version", protocolVersion);
    }
    n.set("data", Json.bytes(data));
    return Json.write(n);
  }

  /** A payload message. */
  public static String payload(Integer protocolVersion, byte[] data) {
    return json(protocolVersion, data);
  }

  /** An error message. */
  public static String error(String message) {
    ObjectNode n = Json.object("handshakeError");
    n.put("message", message);
    return Json.write(n);
  }

  /** Parses a handshake text message. */
  public static HandshakePayload parse(String text) throws GatewayProtocolException {
    JsonNode n = Json.parse(text);
    String type = Json.text(n, "type");
    return switch (type) {
      case "handshakePayload", "registerHandshakeInitRequest" -> new HandshakePayload(
          Json.optionalVersion(n, "protocol_version"), Json.byteArray(n, "data"), null);
      case "handshakeError" -> new HandshakePayload(null, null, Json.text(n, "message"));
      default -> throw new GatewayProtocolException(
          "received a non-handshake message during the registration handshake: " + type);
    };
  }
}
