package net.nym.mixnet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A JSON control message from client to gateway ({@code ClientControlRequest}: {@code
 * #[serde(tag = "type", rename_all = "camelCase")]}; struct fields stay snake_case except in
 * {@code authenticateV2}). {@link #parse} reads what a client sends; {@link #toJson} writes it
 * (for clients and tests).
 */
public sealed interface ClientRequest {

  /** The JSON text of this request. */
  String toJson();

  /**
   * {@code authenticate} (v1).
   *
   * @param protocolVersion the client's protocol, or {@code null}
   * @param address bs58 of the client's 32-byte ed25519 identity
   * @param encAddress bs58 of {@code encrypt_naive(address, iv)}
   * @param iv bs58 of the nonce / IV
   */
  record Authenticate(Integer protocolVersion, String address, String encAddress, String iv)
      implements ClientRequest {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("authenticate");
      if (protocolVersion == null) {
        n.putNull("protocol_version");
      } else {
        n.put("protocol_version", protocolVersion);
      }
      n.put("address", address);
      n.put("enc_address", encAddress);
      n.put("iv", iv);
      return Json.write(n);
    }
  }

  /**
   * {@code authenticateV2}: camelCase fields, base64 ciphertext and nonce.
   *
   * @param protocolVersion the client's protocol (4 or 5)
   * @param clientIdentity the client's 32-byte ed25519 identity
   * @param addressCiphertext {@code encrypt(identity, nonce)}
   * @param nonce the nonce / IV
   * @param requestUnixTimestamp seconds since the epoch
   * @param requestSignature ed25519 signature over {@link #signedBytes()}
   */
  record AuthenticateV2(
      int protocolVersion,
      byte[] clientIdentity,
      byte[] addressCiphertext,
      byte[] nonce,
      long requestUnixTimestamp,
      byte[] requestSignature)
      implements ClientRequest {

    /**
     * What the signature covers: {@code protocolVersion (1) || clientIdentity (32) ||
     * addressCiphertext || nonce || requestUnixTimestamp (u64 BE)}.
     */
    public byte[] signedBytes() {
      return signedBytes(protocolVersion, clientIdentity, addressCiphertext, nonce,
          requestUnixTimestamp);
    }

    /** The signed bytes of a request with these fields. */
    public static byte[] signedBytes(int version, byte[] identity, byte[] ciphertext,
        byte[] nonce, long timestamp) {
      return ByteBuffer.allocate(1 + identity.length + ciphertext.length + nonce.length + 8)
          .put((byte) version).put(identity).put(ciphertext).put(nonce).putLong(timestamp)
          .array();
    }

    @Override
    public String toJson() {
      ObjectNode n = Json.object("authenticateV2");
      n.put("protocolVersion", protocolVersion);
      n.set("clientIdentity", Json.bytes(clientIdentity));
      n.put("addressCiphertext", Base64.getEncoder().encodeToString(addressCiphertext));
      n.put("nonce", Base64.getEncoder().encodeToString(nonce));
      n.put("requestUnixTimestamp", requestUnixTimestamp);
      n.set("requestSignature", Json.bytes(requestSignature));
      return Json.write(n);
    }
  }

  /**
   * {@code registerHandshakeInitRequest}, or its alias {@code handshakePayload} (what Nym's client
   * sends).
   *
   * @param protocolVersion the client's protocol, or {@code null}
   * @param data the handshake init payload
   */
  record RegisterHandshakeInit(Integer protocolVersion, byte[] data) implements ClientRequest {
    @Override
    public String toJson() {
      return HandshakePayload.json(protocolVersion, data);
    }
  }

  /** {@code supportedProtocol}. */
  record SupportedProtocol() implements ClientRequest {
    @Override
    public String toJson() {
      return Json.write(Json.object("supportedProtocol"));
    }
  }

  /** {@code claimFreeTestnetBandwidth}. */
  record ClaimFreeTestnetBandwidth() implements ClientRequest {
    @Override
    public String toJson() {
      return Json.write(Json.object("claimFreeTestnetBandwidth"));
    }
  }

  /**
   * {@code encryptedRequest}: a {@code ClientRequest} JSON sealed under the shared key.
   *
   * @param ciphertext the sealed JSON
   * @param nonce its nonce / IV
   */
  record EncryptedRequest(byte[] ciphertext, byte[] nonce) implements ClientRequest {
    @Override
    public String toJson() {
      ObjectNode n = Json.object("encryptedRequest");
      n.set("ciphertext", Json.bytes(ciphertext));
      n.set("nonce", Json.bytes(nonce));
      return Json.write(n);
    }
  }

  /**
   * A credential request ({@code bandwidthCredential}, {@code bandwidthCredentialV2}, {@code
   * ecashCredential}); credentials are a later issue, the gateway answers with an error.
   *
   * @param type the message tag
   */
  record Credential(String type) implements ClientRequest {
    @Override
    public String toJson() {
      ObjectNode n = Json.object(type);
      n.set("enc_credential", Json.bytes(new byte[0]));
      n.set("iv", Json.bytes(new byte[0]));
      return Json.write(n);
    }
  }

  /**
   * Parses a text frame.
   *
   * @throws GatewayProtocolException for anything that is not one of the requests
   */
  static ClientRequest parse(String text) throws GatewayProtocolException {
    JsonNode n = Json.parse(text);
    String type = Json.text(n, "type");
    switch (type) {
      case "authenticate":
        return new Authenticate(
            Json.optionalVersion(n, "protocol_version"),
            Json.text(n, "address"),
            Json.text(n, "enc_address"),
            Json.text(n, "iv"));
      case "authenticateV2":
        Integer v = Json.optionalVersion(n, "protocolVersion");
        if (v == null) {
          throw new GatewayProtocolException(
              "the received request is malformed: missing field `protocolVersion`");
        }
        return new AuthenticateV2(
            v,
            Json.byteArray(n, "clientIdentity"),
            Json.base64(n, "addressCiphertext"),
            Json.base64(n, "nonce"),
            Json.number(n, "requestUnixTimestamp"),
            Json.byteArray(n, "requestSignature"));
      case "registerHandshakeInitRequest":
      case "handshakePayload":
        return new RegisterHandshakeInit(
            Json.optionalVersion(n, "protocol_version"), Json.byteArray(n, "data"));
      case "supportedProtocol":
        return new SupportedProtocol();
      case "claimFreeTestnetBandwidth":
        return new ClaimFreeTestnetBandwidth();
      case "encryptedRequest":
        return new EncryptedRequest(Json.byteArray(n, "ciphertext"), Json.byteArray(n, "nonce"));
      case "bandwidthCredential":
      case "bandwidthCredentialV2":
      case "ecashCredential":
        return new Credential(type);
      default:
        throw new GatewayProtocolException(
            "the received request is malformed: unknown variant `" + type + "`");
    }
  }
}
