package net.nym.client.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import net.nym.client.core.message.AnonymousSenderTag;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.X25519KeyPair;
import org.junit.jupiter.api.Test;

class WebsocketApiTest {
  static final Recipient R = new Recipient(
      Ed25519KeyPair.fromPrivateKey(new byte[32]).publicKey(),
      X25519KeyPair.fromPrivateKey(new byte[32]).publicKey(),
      Ed25519KeyPair.fromPrivateKey(new byte[32]).publicKey());
  static final AnonymousSenderTag TAG = AnonymousSenderTag.of(HexFormat.of().parseHex(
      "000102030405060708090a0b0c0d0e0f"));

  @Test
  void textRequests() throws Exception {
    ApiRequest s = WebsocketApi.parseText("{\"type\":\"send\",\"message\":\"hi\",\"recipient\":\""
        + R + "\",\"connectionId\":null}");
    assertThat(s).isInstanceOf(ApiRequest.Send.class);
    assertThat(((ApiRequest.Send) s).message()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    assertThat(((ApiRequest.Send) s).recipient()).isEqualTo(R);
    ApiRequest a = WebsocketApi.parseText("{\"type\":\"sendAnonymous\",\"recipient\":\"" + R
        + "\",\"message\":\"q\",\"replySurbs\":20}");
    assertThat(((ApiRequest.SendAnonymous) a).replySurbs()).isEqualTo(20);
    ApiRequest r = WebsocketApi.parseText("{\"type\":\"reply\",\"senderTag\":\""
        + TAG.toBase58() + "\",\"message\":\"a\",\"connectionId\":7}");
    assertThat(((ApiRequest.Reply) r).senderTag()).isEqualTo(TAG);
    assertThat(((ApiRequest.Reply) r).connectionId()).isEqualTo(7);
    assertThat(WebsocketApi.parseText("{\"type\":\"selfAddress\"}"))
        .isInstanceOf(ApiRequest.SelfAddress.class);
  }

  @Test
  void malformedTextIsAnErrorOfKindMalformed() {
    for (String bad : new String[] {"not json", "{}", "{\"type\":\"fly\"}",
        "{\"type\":\"send\",\"message\":\"x\",\"recipient\":\"nope\"}",
        "{\"type\":\"reply\",\"senderTag\":\"abc\",\"message\":\"x\"}",
        "{\"type\":\"sendAnonymous\",\"recipient\":\"" + R + "\",\"message\":\"x\"}"}) {
      assertThatThrownBy(() -> WebsocketApi.parseText(bad)).isInstanceOf(ApiError.class)
          .satisfies(e -> assertThat(((ApiError) e).kind())
              .isEqualTo(ApiError.Kind.MALFORMED_REQUEST));
    }
  }

  @Test
  void textResponses() {
    assertThat(WebsocketApi.toText(new ApiResponse.Received("hé".getBytes(
        StandardCharsets.UTF_8), Optional.empty())))
        .isEqualTo("{\"type\":\"received\",\"message\":\"hé\",\"senderTag\":null}");
    assertThat(WebsocketApi.toText(new ApiResponse.Received(new byte[] {'x'},
        Optional.of(TAG)))).contains("\"senderTag\":\"" + TAG.toBase58() + "\"");
    assertThat(WebsocketApi.toText(new ApiResponse.SelfAddress(R)))
        .isEqualTo("{\"type\":\"selfAddress\",\"address\":\"" + R + "\"}");
    assertThat(WebsocketApi.toText(new ApiResponse.LaneQueueLength(3, 4)))
        .isEqualTo("{\"type\":\"laneQueueLength\",\"lane\":3,\"queue_length\":4}");
    assertThat(WebsocketApi.toText(new ApiResponse.Error(ApiError.Kind.OTHER, "boom")))
        .isEqualTo("{\"type\":\"error\",\"message\":\"boom\"}");
  }

  @Test
  void binaryRequests() throws Exception {
    byte[] send = ByteBuffer.allocate(1 + 96 + 8 + 8 + 2).put((byte) 0).put(R.toBytes())
        .putLong(5).putLong(2).put(new byte[] {9, 8}).array();
    ApiRequest.Send s = (ApiRequest.Send) WebsocketApi.parseBinary(send);
    assertThat(s.connectionId()).isEqualTo(5);
    assertThat(s.message()).containsExactly(9, 8);
    byte[] anon = ByteBuffer.allocate(1 + 4 + 96 + 16 + 1).put((byte) 1).putInt(10)
        .put(R.toBytes()).putLong(0).putLong(1).put((byte) 7).array();
    assertThat(((ApiRequest.SendAnonymous) WebsocketApi.parseBinary(anon)).replySurbs())
        .isEqualTo(10);
    byte[] reply = ByteBuffer.allocate(1 + 16 + 16).put((byte) 2).put(TAG.toBytes()).putLong(0)
        .putLong(0).array();
    assertThat(((ApiRequest.Reply) WebsocketApi.parseBinary(reply)).senderTag()).isEqualTo(TAG);
    assertThat(WebsocketApi.parseBinary(new byte[] {3})).isInstanceOf(
        ApiRequest.SelfAddress.class);
    assertThat(WebsocketApi.parseBinary(ByteBuffer.allocate(9).put((byte) 5).putLong(4)
        .array())).isEqualTo(new ApiRequest.GetLaneQueueLength(4));
  }

  @Test
  void binaryErrorsHaveNymsKinds() {
    assertKind(new byte[0], ApiError.Kind.EMPTY_REQUEST);
    assertKind(new byte[] {9}, ApiError.Kind.UNKNOWN_REQUEST);
    assertKind(new byte[] {0, 1, 2}, ApiError.Kind.TOO_SHORT_REQUEST);
    byte[] lying = ByteBuffer.allocate(1 + 96 + 16 + 1).put((byte) 0).put(R.toBytes())
        .putLong(0).putLong(50).put((byte) 1).array();
    assertKind(lying, ApiError.Kind.MALFORMED_REQUEST);
  }

  private static void assertKind(byte[] b, ApiError.Kind kind) {
    assertThatThrownBy(() -> WebsocketApi.parseBinary(b)).isInstanceOf(ApiError.class)
        .satisfies(e -> assertThat(((ApiError) e).kind()).isEqualTo(kind));
  }

  @Test
  void binaryResponses() {
    HexFormat hex = HexFormat.of();
    assertThat(hex.formatHex(WebsocketApi.toBinary(new ApiResponse.Received(new byte[] {7},
        Optional.empty())))).isEqualTo("0100" + "0000000000000001" + "07");
    assertThat(hex.formatHex(WebsocketApi.toBinary(new ApiResponse.Received(new byte[] {7},
        Optional.of(TAG))))).isEqualTo("0101" + "000102030405060708090a0b0c0d0e0f"
            + "0000000000000001" + "07");
    assertThat(WebsocketApi.toBinary(new ApiResponse.SelfAddress(R))).hasSize(97);
    assertThat(hex.formatHex(WebsocketApi.toBinary(new ApiResponse.Error(
        ApiError.Kind.MALFORMED_REQUEST, "x")))).isEqualTo("0004" + "0000000000000001" + "78");
    assertThat(hex.formatHex(WebsocketApi.toBinary(new ApiResponse.LaneQueueLength(1, 2))))
        .isEqualTo("03" + "0000000000000001" + "0000000000000002");
  }
}
