package net.nym.mixnet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.gateway.Aes256GcmSiv;
import net.nym.crypto.gateway.CurrentSharedKey;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.gateway.LegacySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketType;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.forwarding.MixPacketException;
import net.nym.mixnet.framing.KeyRotation;
import org.junit.jupiter.api.Test;

/**
 * Fixed vectors of our own for the gateway protocol's byte layouts and JSON, derived from Nym's
 * formats (docs/protocol/gateway.md lists them with the Nym source each follows).
 */
class GatewayProtocolVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  /** A "random" source that returns 0x00, 0x01, 0x02, ... (fixed vectors). */
  static final class Counting extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private int next;

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) next++;
      }
    }
  }

  private static byte[] seq(int from, int len) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  @Test
  void controlMessagesHaveNymsTagsAndFieldNames() throws Exception {
    assertThat(new ServerResponse.Authenticate(5, true, 1000).toJson()).isEqualTo(
        "{\"type\":\"authenticate\",\"protocol_version\":5,\"status\":true,"
            + "\"bandwidth_remaining\":1000}");
    assertThat(new ServerResponse.Register(3, true).toJson())
        .isEqualTo("{\"type\":\"register\",\"protocol_version\":3,\"status\":true}");
    assertThat(new ServerResponse.Send(7).toJson())
        .isEqualTo("{\"type\":\"send\",\"remaining_bandwidth\":7}");
    assertThat(new ServerResponse.SupportedProtocol(5).toJson())
        .isEqualTo("{\"type\":\"supportedProtocol\",\"version\":5}");
    assertThat(new ServerResponse.Bandwidth(9).toJson())
        .isEqualTo("{\"type\":\"bandwidth\",\"available_total\":9}");
    assertThat(new ServerResponse.Error("x").toJson())
        .isEqualTo("{\"type\":\"error\",\"message\":\"x\"}");
    assertThat(new ServerResponse.OutOfBandwidth(2413, 100).toJson()).isEqualTo(
        "{\"type\":\"typedError\",\"error\":{\"out_of_bandwidth\":"
            + "{\"required\":2413,\"available\":100}}}");
    assertThat(new ServerResponse.EncryptedResponse(new byte[] {1, (byte) 255}, new byte[] {0})
        .toJson()).isEqualTo(
            "{\"type\":\"encryptedResponse\",\"ciphertext\":[1,255],\"nonce\":[0]}");
    assertThat(HandshakePayload.payload(3, new byte[] {1}))
        .isEqualTo("{\"type\":\"handshakePayload\",\"protocol_version\":3,\"data\":[1]}");
    assertThat(HandshakePayload.error("bad"))
        .isEqualTo("{\"type\":\"handshakeError\",\"message\":\"bad\"}");
    assertThat(new ClientRequest.SupportedProtocol().toJson())
        .isEqualTo("{\"type\":\"supportedProtocol\"}");
    for (ServerResponse r : new ServerResponse[] {new ServerResponse.Authenticate(null, false, 0),
        new ServerResponse.OutOfBandwidth(1, 2), new ServerResponse.Send(3)}) {
      assertThat(ServerResponse.parse(r.toJson())).isEqualTo(r);
    }
  }

  @Test
  void authenticateV2IsCamelCaseWithBase64AndIntegerArrays() throws Exception {
    ClientRequest.AuthenticateV2 r = new ClientRequest.AuthenticateV2(
        4, seq(0, 32), seq(100, 48), seq(200, 12), 1_700_000_000L, seq(0, 64));
    String json = r.toJson();
    assertThat(json).startsWith("{\"type\":\"authenticateV2\",\"protocolVersion\":4,"
        + "\"clientIdentity\":[0,1,2,3,");
    assertThat(json).contains("\"addressCiphertext\":\"ZGVmZ2hp")
        .contains("\"nonce\":\"yMnKy8zNzs/Q0dLT\"")
        .contains("\"requestUnixTimestamp\":1700000000,\"requestSignature\":[0,1,2,");
    ClientRequest.AuthenticateV2 back = (ClientRequest.AuthenticateV2) ClientRequest.parse(json);
    assertThat(back.signedBytes()).isEqualTo(r.signedBytes());
    // version || identity || ciphertext || nonce || u64 BE timestamp
    assertThat(HEX.formatHex(Arrays.copyOfRange(r.signedBytes(), 93, 101)))
        .isEqualTo("000000006553f100");
    assertThat(r.signedBytes()).hasSize(1 + 32 + 48 + 12 + 8);
  }

  @Test
  void requestsParseWithAliasesAndRefuseGarbage() throws Exception {
    assertThat(ClientRequest.parse(
        "{\"type\":\"handshakePayload\",\"protocol_version\":null,\"data\":[1,2]}"))
        .isInstanceOf(ClientRequest.RegisterHandshakeInit.class);
    assertThat(ClientRequest.parse(
        "{\"type\":\"registerHandshakeInitRequest\",\"protocol_version\":3,\"data\":[]}"))
        .isInstanceOf(ClientRequest.RegisterHandshakeInit.class);
    ClientRequest.Authenticate a = (ClientRequest.Authenticate) ClientRequest.parse(
        "{\"type\":\"authenticate\",\"address\":\"a\",\"enc_address\":\"b\",\"iv\":\"c\"}");
    assertThat(a.protocolVersion()).isNull();
    for (String bad : new String[] {"", "[]", "{}", "{\"type\":\"nope\"}", "not json",
        "{\"type\":\"handshakePayload\",\"data\":[256]}",
        "{\"type\":\"authenticateV2\",\"protocolVersion\":4}"}) {
      assertThatThrownBy(() -> ClientRequest.parse(bad))
          .isInstanceOf(GatewayProtocolException.class);
    }
  }

  @Test
  void versionNegotiation() throws Exception {
    assertThat(ProtocolVersion.negotiate(null)).isEqualTo(1);
    for (int v = 1; v <= 5; v++) {
      assertThat(ProtocolVersion.negotiate(v)).isEqualTo(v);
    }
    assertThatThrownBy(() -> ProtocolVersion.negotiate(6))
        .hasMessageContaining("incompatible protocol version");
  }

  @Test
  void mixPacketV1AndV2Layouts() throws Exception {
    NodeAddress hop = NodeAddress.of(new byte[] {127, 0, 0, 1}, 1789);
    byte[] packet = new byte[386];
    MixPacket m = MixPacket.of(PacketType.MIX, KeyRotation.EVEN, hop, packet);
    assertThat(HEX.formatHex(Arrays.copyOf(m.toV1Bytes(), 9))).isEqualTo("000406fd7f00000100");
    assertThat(HEX.formatHex(Arrays.copyOf(m.toV2Bytes(), 10))).isEqualTo("00020406fd7f00000100");
    assertThat(m.toV1Bytes()).hasSize(1 + 7 + 386);
    assertThat(MixPacket.parseV1(m.toV1Bytes()).rotation()).isEqualTo(KeyRotation.UNKNOWN);
    assertThat(MixPacket.parseV2(m.toV2Bytes())).isEqualTo(m);
    assertThatThrownBy(() -> MixPacket.parseV1(Arrays.copyOf(m.toV1Bytes(), 300)))
        .isInstanceOf(MixPacketException.class).hasMessageContaining("invalid size");
  }

  @Test
  void binaryFramesForBothKeyKinds() throws Exception {
    GatewaySharedKey current = new CurrentSharedKey(seq(0, 32));
    byte[] frame = BinaryMessages.encrypt(current, 1, seq(0, 4), new Counting());
    assertThat(HEX.formatHex(Arrays.copyOf(frame, 14))).isEqualTo("0101000102030405060708090a0b");
    assertThat(frame).hasSize(2 + 12 + 4 + 16);
    assertThat(Arrays.copyOfRange(frame, 14, frame.length))
        .isEqualTo(Aes256GcmSiv.encrypt(seq(0, 32), seq(0, 12), seq(0, 4)));
    assertThat(BinaryMessages.decrypt(current, frame).plaintext()).isEqualTo(seq(0, 4));

    GatewaySharedKey legacy = new LegacySharedKey(seq(0, 32));
    byte[] lf = BinaryMessages.encrypt(legacy, 1, seq(0, 4), new Counting());
    assertThat(lf).hasSize(32 + 4);
    assertThat(lf).isEqualTo(legacy.encrypt(seq(0, 4), new byte[16]));
    assertThat(BinaryMessages.decrypt(legacy, lf).kind()).isEqualTo(1);

    frame[20] ^= 1;
    assertThatThrownBy(() -> BinaryMessages.decrypt(current, frame))
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> BinaryMessages.decrypt(current, new byte[5]))
        .hasMessage("the request is too short");
    byte[] badFlag = new byte[30];
    badFlag[1] = 7;
    assertThatThrownBy(() -> BinaryMessages.decrypt(current, badFlag))
        .hasMessage("the encryption flag had an unexpected value");
  }

  @Test
  void handshakeLayoutsAndKeyAgreement() throws Exception {
    SecureRandom r = new Counting();
    Ed25519KeyPair client = Ed25519KeyPair.fromPrivateKey(seq(1, 32));
    Ed25519KeyPair gateway = Ed25519KeyPair.fromPrivateKey(seq(2, 32));
    X25519KeyPair ce = X25519KeyPair.fromPrivateKey(seq(3, 32));
    X25519KeyPair ge = X25519KeyPair.fromPrivateKey(seq(4, 32));
    for (byte[] salt : new byte[][] {seq(5, 16), null}) {
      Handshake.Init init = new Handshake.Init(client.publicKey(), ce.publicKey(), salt);
      byte[] initBytes = init.toBytes();
      assertThat(initBytes).hasSize(salt == null ? 64 : 80);
      Handshake.Init parsed = Handshake.Init.parse(initBytes);
      GatewaySharedKey gk = Handshake.deriveKey(ge, parsed.ephemeral(), parsed.salt());
      GatewaySharedKey ck = Handshake.deriveKey(ce, ge.publicKey(), salt);
      assertThat(gk).isEqualTo(ck);
      assertThat(gk.isLegacy()).isEqualTo(salt == null);
      byte[] gm = Handshake.gatewayMaterial(gk, gateway, ge, ce.publicKey(), r);
      assertThat(gm).hasSize(salt == null ? 96 : 124);
      Handshake.verifyMaterial(ck, Arrays.copyOfRange(gm, 32, gm.length), gateway.publicKey(),
          ge.publicKey(), ce.publicKey());
      byte[] cm = Handshake.material(ck, client, ce.publicKey(), ge.publicKey(), r);
      assertThat(cm).hasSize(salt == null ? 64 : 92);
      Handshake.verifyMaterial(gk, cm, client.publicKey(), ce.publicKey(), ge.publicKey());
      assertThatThrownBy(() -> Handshake.verifyMaterial(gk, cm, gateway.publicKey(),
          ce.publicKey(), ge.publicKey())).hasMessageContaining("invalid signature");
    }
    assertThatThrownBy(() -> Handshake.Init.parse(new byte[65]))
        .hasMessageContaining("malformed request");
  }
}
