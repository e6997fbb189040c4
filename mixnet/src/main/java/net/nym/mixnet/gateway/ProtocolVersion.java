package net.nym.mixnet.gateway;

/**
 * Gateway protocol versions ({@code common/gateway-requests/src/lib.rs}) and the gateway's
 * negotiation ({@code negotiate_client_protocol}).
 */
public final class ProtocolVersion {
  /** The initial protocol. */
  public static final int INITIAL = 1;
  /** Credential update v2. */
  public static final int CREDENTIAL_UPDATE_V2 = 2;
  /** AES-256-GCM-SIV keys and non-zero IVs. */
  public static final int AES_GCM_SIV = 3;
  /** Authenticate v2. */
  public static final int AUTHENTICATE_V2 = 4;
  /** Key-rotation information inside mix packets (MixPacket v2). */
  public static final int EMBEDDED_KEY_ROTATION_INFO = 5;
  /** What this gateway speaks. */
  public static final int CURRENT = EMBEDDED_KEY_ROTATION_INFO;

  private ProtocolVersion() {}

  /**
   * The version a session runs at: none ⇒ 1, 1..5 echoed, above 5 refused.
   *
   * @throws GatewayProtocolException with Nym's {@code IncompatibleProtocol} message
   */
  public static int negotiate(Integer client) throws GatewayProtocolException {
    if (client == null) {
      return INITIAL;
    }
    if (client >= 0 && client <= CURRENT) {
      return Math.max(client, INITIAL);
    }
    throw new GatewayProtocolException(
        "Attempted to negotiate connection with client using incompatible protocol version. Ours"
            + " is " + CURRENT + " and the client reports Some(" + client + ")");
  }

  /** Whether {@code v} uses AES-256-GCM-SIV keys. */
  public static boolean supportsAesGcmSiv(int v) {
    return v >= AES_GCM_SIV;
  }

  /** Whether {@code v} sends MixPacket v2 (kind 2). */
  public static boolean supportsMixPacketV2(int v) {
    return v >= EMBEDDED_KEY_ROTATION_INFO;
  }
}
