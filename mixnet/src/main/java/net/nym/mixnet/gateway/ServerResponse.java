package net.nym.mixnet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON message from gateway to client ({@code ServerResponse}, {@code #[serde(tag = "type",
 * rename_all = "camelCase")]}, snake_case fields). {@link #toJson} is what the gateway sends;
 * {@link #parse} reads it (clients, tests).
 */
public sealed interface ServerResponse {

  /** The JSON text. */
  String toJson();

  private static void version(ObjectNode n, Integer v) {
    if (v == null) {
      n.putNull("protocol_version");
    } else {
      n.put("protocol_version", v);
    }
  }

  /**
   * {@code authenticate}.
   *
   * @param protocolVersion the negotiated protocol
   * @param status success
   * @param bandwidthRemaining bytes left
   */
  record Authenticate(Integer protocolVersion, boolean status, long bandwidthRemaining)
      implements ServerResponse {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("authenticate");
      version(n, protocolVersion);
      n.put("status", status);
      n.put("bandwidth_remaining", bandwidthRemaining);
      return Json.write(n);
    }
  }

  /**
   * {@code register}.
   *
   * @param protocolVersion the negotiated protocol
   * @param status success
   */
  record Register(Integer protocolVersion, boolean status) implements ServerResponse {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("register");
      version(n, protocolVersion);
      n.put("status", status);
      return Json.write(n);
    }
  }

  /**
   * {@code encryptedResponse}.
   *
   * @param ciphertext sealed JSON
   * @param nonce its nonce / IV
   */
  record EncryptedResponse(byte[] ciphertext, byte[] nonce) implements ServerResponse {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("encryptedResponse");
      n.set("ciphertext", Json.bytes(ciphertext));
      n.set("nonce", Json.bytes(nonce));
      return Json.write(n);
    }
  }

  /**
   * {@code bandwidth}.
   *
   * @param availableTotal bytes available
   */
  record Bandwidth(long availableTotal) implements ServerResponse {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("bandwidth");
      n.put("available_total", availableTotal);
      return Json.write(n);
    }
  }

  /**
   * {@code send}: after every forwarded packet.
   *
   * @param remainingBandwidth bytes left
   */
  record Send(long remainingBandwidth) implements ServerResponse {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("send");
      n.put("remaining_bandwidth", remainingBandwidth);
      return Json.write(n);
    }
  }

  /**
   * {@code supportedProtocol}.
   *
   * @param version the gateway's protocol
   */
  record SupportedProtocol(int version) implements ServerResponse {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("supportedProtocol");
      n.put("version", version);
      return Json.write(n);
    }
  }

  /**
   * {@code error}.
   *
   * @param message what went wrong
   */
  record Error(String message) implements ServerResponse {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("error");
      n.put("message", message);
      return Json.write(n);
    }
  }

  /**
   * {@code typedError} with {@code {"out_of_bandwidth":{"required":R,"available":A}}}.
   *
   * @param required bytes the request needed
   * @param available bytes the client had
   */
  record OutOfBandwidth(long required, long available) implements ServerResponse {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("typedError");
      ObjectNode inner = n.putObject("error").putObject("out_of_bandwidth");
      inner.put("required", required);
      inner.put("available", available);
      return Json.write(n);
    }
  }

  /** Parses a gateway's text message (not the handshake messages). */
  static ServerResponse parse(String text) throws GatewayProtocolException {
    JsonNode n = Json.parse(text);
    String type = Json.text(n, "type");
    switch (type) {
      case "authenticate":
        return new Authenticate(Json.optionalVersion(n, "protocol_version"),
            Json.bool(n, "status"), Json.number(n, "bandwidth_remaining"));
      case "register":
        return new Register(Json.optionalVersion(n, "protocol_version"), Json.bool(n, "status"));
      case "encryptedResponse":
        return new EncryptedResponse(Json.byteArray(n, "ciphertext"),
            Json.byteArray(n, "nonce"));
      case "bandwidth":
        return new Bandwidth(Json.number(n, "available_total"));
      case "send":
        return new Send(Json.number(n, "remaining_bandwidth"));
      case "supportedProtocol":
        return new SupportedProtocol((int) Json.number(n, "version"));
      case "error":
        return new Error(Json.text(n, "message"));
      case "typedError":
        JsonNode oob = Json.field(n, "error").get("out_of_bandwidth");
        if (oob == null) {
          return new Error(Json.field(n, "error").toString());
        }
        return new OutOfBandwidth(Json.number(oob, "required"), Json.number(oob, "available"));
      default:
        throw new GatewayProtocolException("unknown response type `" + type + "`");
    }
  }
}
