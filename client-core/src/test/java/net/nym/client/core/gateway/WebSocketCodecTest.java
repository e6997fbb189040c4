package net.nym.client.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The RFC 6455 client codec on its own: masked client frames with each length encoding, server
 * frames read back and reassembled, and every violation a server could commit refused.
 */
class WebSocketCodecTest {
  private final SecureRandom random = new SecureRandom();

  /** A server frame (unmasked unless {@code maskKey} is given). */
  private static byte[] serverFrame(int b0, byte[] payload, Integer maskKey) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(b0);
    int m = maskKey == null ? 0 : 0x80;
    int len = payload.length;
    if (len < 126) {
      f.write(m | len);
    } else if (len <= 0xffff) {
      f.write(m | 126);
      f.write(len >>> 8);
      f.write(len);
    } else {
      f.write(m | 127);
      f.writeBytes(ByteBuffer.allocate(8).putLong(len).array());
    }
    if (maskKey != null) {
      f.writeBytes(ByteBuffer.allocate(4).putInt(maskKey).array());
      byte[] masked = new byte[len];
      WebSocketCodec.mask(payload, 0, masked, 0, len, maskKey);
      f.writeBytes(masked);
    } else {
      f.writeBytes(payload);
    }
    return f.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  private static WebSocketCodec.Reader reader(byte[] bytes, int max) {
    return new WebSocketCodec.Reader(new ByteArrayInputStream(bytes), max);
  }

  @Test
  void clientFramesAreMaskedWithEachLengthEncoding() {
    for (int len : new int[] {0, 1, 125, 126, 2413, 65535, 65536, 70001}) {
      byte[] payload = new byte[len];
      random.nextBytes(payload);
      int key = random.nextInt();
      byte[] f = WebSocketCodec.clientFrame(WebSocketCodec.BINARY, payload, key);
      assertThat(f[0] & 0xff).as("FIN and binary").isEqualTo(0x82);
      assertThat(f[1] & 0x80).as("mask bit").isEqualTo(0x80);
      int header;
      long encoded;
      if (len < 126) {
        header = 2;
        encoded = f[1] & 0x7f;
      } else if (len <= 0xffff) {
        assertThat(f[1] & 0x7f).isEqualTo(126);
        header = 4;
        encoded = ((f[2] & 0xff) << 8) | (f[3] & 0xff);
      } else {
        assertThat(f[1] & 0x7f).isEqualTo(127);
        header = 10;
        encoded = ByteBuffer.wrap(f, 2, 8).getLong();
      }
      assertThat(encoded).isEqualTo(len);
      assertThat(f).hasSize(header + 4 + len);
      assertThat(ByteBuffer.wrap(f, header, 4).getInt()).isEqualTo(key);
      for (int i = 0; i < len; i++) {
        assertThat((byte) (f[header + 4 + i] ^ f[header + (i & 3)])).isEqualTo(payload[i]);
      }
    }
  }

  @Test
  void maskingMatchesTheRfcExample() {
    // RFC 6455 §5.7: "Hello" masked with 37 fa 21 3d.
    byte[] f = WebSocketCodec.clientFrame(WebSocketCodec.TEXT,
        "Hello".getBytes(StandardCharsets.US_ASCII), 0x37fa213d);
    assertThat(f).containsExactly(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51,
        0x58);
  }

  @Test
  void serverFramesOfEachLengthAreRead() throws IOException {
    for (int len : new int[] {0, 125, 126, 65535, 65536, 200_000}) {
      byte[] payload = new byte[len];
      random.nextBytes(payload);
      WebSocketCodec.Message m = reader(serverFrame(0x82, payload, null), 1 << 20).next();
      assertThat(m.opcode()).isEqualTo(WebSocketCodec.BINARY);
      assertThat(m.data()).isEqualTo(payload);
    }
  }

  @Test
  void fragmentsAreReassembledWithControlFramesBetween() throws IOException {
    byte[] bytes = concat(
        serverFrame(0x01, "héllo, ".getBytes(StandardCharsets.UTF_8), null),
        serverFrame(0x89, new byte[] {1, 2}, null),
        serverFrame(0x00, "wor".getBytes(StandardCharsets.UTF_8), null),
        serverFrame(0x80, "ld".getBytes(StandardCharsets.UTF_8), null),
        serverFrame(0x02, new byte[] {9}, null),
        serverFrame(0x80, new byte[] {8, 7}, null));
    WebSocketCodec.Reader r = reader(bytes, 100);
    WebSocketCodec.Message ping = r.next();
    assertThat(ping.opcode()).isEqualTo(WebSocketCodec.PING);
    assertThat(ping.data()).containsExactly(1, 2);
    WebSocketCodec.Message text = r.next();
    assertThat(text.opcode()).isEqualTo(WebSocketCodec.TEXT);
    assertThat(text.text()).isEqualTo("héllo, world");
    WebSocketCodec.Message bin = r.next();
    assertThat(bin.data()).containsExactly(9, 8, 7);
    assertThatThrownBy(r::next).isInstanceOf(EOFException.class);
  }

  @Test
  void aCloseFrameCarriesItsCodeAndReason() throws IOException {
    WebSocketCodec.Message m = reader(serverFrame(0x88,
        WebSocketCodec.closePayload(1001, "going away"), null), 100).next();
    assertThat(m.opcode()).isEqualTo(WebSocketCodec.CLOSE);
    assertThat(WebSocketCodec.closeCode(m.data())).isEqualTo(1001);
    assertThat(WebSocketCodec.closeReason(m.data())).isEqualTo("going away");
  }

  private void refused(byte[] bytes, int max, String why) {
    assertThatThrownBy(() -> {
      WebSocketCodec.Reader r = reader(bytes, max);
      while (true) {
        r.next();
      }
    }).isInstanceOf(WebSocketViolation.class).hasMessageContaining(why);
  }

  @Test
  void everyViolationIsRefused() {
    byte[] one = {1};
    refused(serverFrame(0x82, one, 0x01020304), 100, "masked frame from the server");
    refused(serverFrame(0xc2, one, null), 100, "reserved bits");
    refused(serverFrame(0x92, one, null), 100, "reserved bits");
    refused(serverFrame(0x83, one, null), 100, "unknown opcode 3");
    refused(serverFrame(0x8b, one, null), 100, "unknown opcode 11");
    refused(serverFrame(0x82, new byte[101], null), 100, "longer than 100");
    refused(concat(serverFrame(0x02, new byte[60], null), serverFrame(0x80, new byte[41], null)),
        100, "longer than 100");
    refused(serverFrame(0x80, one, null), 100, "continuation frame without a message");
    refused(concat(serverFrame(0x02, one, null), serverFrame(0x82, one, null)), 100,
        "new message before the fragmented one ended");
    refused(serverFrame(0x09, one, null), 100, "fragmented control frame");
    refused(serverFrame(0x89, new byte[126], null), 1000, "control frame of 126 bytes");
    refused(serverFrame(0x81, new byte[] {(byte) 0xc3, 0x28}, null), 100, "not UTF-8");
    refused(concat(serverFrame(0x01, new byte[] {(byte) 0xe2, (byte) 0x82}, null),
        serverFrame(0x80, new byte[] {0x28}, null)), 100, "not UTF-8");
    refused(serverFrame(0x88, one, null), 100, "one-byte payload");
    refused(serverFrame(0x88, WebSocketCodec.closePayload(1005, ""), null), 100,
        "status code 1005");
    refused(serverFrame(0x88, concat(new byte[] {0x03, (byte) 0xe8}, new byte[] {(byte) 0xff}),
        null), 100, "not UTF-8");
    refused(new byte[] {(byte) 0x82, 126, 0, 5, 1, 2, 3, 4, 5}, 100, "shortest encoding");
    refused(new byte[] {(byte) 0x82, 127, 0, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5}, 100,
        "shortest encoding");
    refused(new byte[] {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0}, 100, "top bit");
  }

  @Test
  void aFrameCutShortIsAnIoErrorNotAMessage() {
    byte[] f = serverFrame(0x82, new byte[10], null);
    assertThatThrownBy(() -> reader(Arrays.copyOf(f, 7), 100).next())
        .isInstanceOf(IOException.class).isNotInstanceOf(EOFException.class)
        .hasMessageContaining("inside a frame");
  }

  private static String response(String accept, String extra) {
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept + "\r\n" + extra + "\r\n";
  }

  /** Runs the upgrade against a canned answer built from the key we sent. */
  private void upgradeAgainst(Function<String, String> answer)
      throws IOException {
    URI uri = URI.create("ws://127.0.0.1:9000/path");
    // The key is random: capture it from the request, then answer.
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    InputStream in = new InputStream() {
      private ByteArrayInputStream body;

      @Override
      public int read() {
        if (body == null) {
          String req = request.toString(StandardCharsets.US_ASCII);
          String key = req.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst()
              .orElseThrow().substring("Sec-WebSocket-Key: ".length());
          body = new ByteArrayInputStream(answer.apply(key).getBytes(StandardCharsets.US_ASCII));
        }
        return body.read();
      }
    };
    WebSocketCodec.upgrade(uri, in, request, random);
    String req = request.toString(StandardCharsets.US_ASCII);
    assertThat(req).startsWith("GET /path HTTP/1.1\r\nHost: 127.0.0.1:9000\r\n")
        .contains("Sec-WebSocket-Version: 13\r\n").endsWith("\r\n\r\n");
  }

  @Test
  void theUpgradeChecksTheAcceptValue() throws IOException {
    assertThat(WebSocketCodec.accept("dGhlIHNhbXBsZSBub25jZQ=="))
        .as("RFC 6455 §1.3").isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    upgradeAgainst(key -> response(WebSocketCodec.accept(key), ""));
    assertThatThrownBy(() -> upgradeAgainst(key -> response(
        WebSocketCodec.accept("dGhlIHNhbXBsZSBub25jZQ=="), "")))
        .isInstanceOf(WebSocketViolation.class)
        .hasMessage("the gateway at ws://127.0.0.1:9000/path refused the websocket upgrade: it "
            + "answered a wrong Sec-WebSocket-Accept");
    assertThatThrownBy(() -> upgradeAgainst(key -> "HTTP/1.1 404 Not Found\r\n\r\n"))
        .isInstanceOf(WebSocketViolation.class).hasMessageContaining("answered \"HTTP/1.1 404");
    assertThatThrownBy(() -> upgradeAgainst(key -> response(WebSocketCodec.accept(key),
        "Sec-WebSocket-Extensions: permessage-deflate\r\n")))
        .isInstanceOf(WebSocketViolation.class).hasMessageContaining("did not offer");
  }
}
