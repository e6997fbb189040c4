package net.nym.client.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.Arrays;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.gateway.CurrentSharedKey;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.packet.PacketType;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.gateway.BinaryMessages;
import net.nym.mixnet.gateway.ServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session against a stand-in gateway on loopback: what is pushed before and after the
 * authentication answer arrives in order, garbage is counted and dropped, the frames we send are
 * the protocol's, pings are answered and fragmented messages reassembled, a malformed websocket
 * frame or a close ends the session with the listener told once, a server that does not
 * upgrade is refused, one that does not answer the upgrade is given up after 10 s, and one that
 * takes no frames for 10 s ends the session.
 */
class GatewayConnectionTest {
  private final SecureRandom random = new SecureRandom();
  private final GatewaySharedKey key = key();
  private final List<String> pushed = new CopyOnWriteArrayList<>();
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private StandInGateway gateway;

  private GatewaySharedKey key() {
    byte[] k = new byte[32];
    random.nextBytes(k);
    return new CurrentSharedKey(k);
  }

  @BeforeEach
  void gateway() throws Exception {
    gateway = new StandInGateway(key);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private GatewayConnection connect() throws Exception {
    return GatewayConnection.authenticate(gateway.uri(), Ed25519KeyPair.generate(random), key,
        new GatewayConnection.Listener() {
          @Override
          public void onMessage(byte[] message) {
            pushed.add(new String(message, StandardCharsets.UTF_8));
          }

          @Override
          public void onClosed(String reason) {
            closed.add(reason);
          }
        }, "test-gateway", random);
  }

  @Test
  void pushedMessagesArriveInOrderGarbageIsCountedAndPacketsGoOutAsProtocolFrames()
      throws Exception {
    gateway.afterAuth = ctx -> {
      ctx.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 1, 7, 7})));
      byte[] bad = gateway.push("tampered");
      bad[bad.length - 1] ^= 1;
      ctx.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bad)));
      ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(gateway.push("live"))));
    };
    try (GatewayConnection c = connect()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> pushed.size() == 2);
      assertThat(pushed).containsExactly("stored", "live");
      assertThat(c.refusedFrames()).isEqualTo(2);
      byte[] packet = new byte[2413];
      random.nextBytes(packet);
      MixPacket mp = MixPacket.of(PacketType.MIX, KeyRotation.UNKNOWN,
          NodeAddress.of(new byte[] {127, 0, 0, 1}, 1789), packet);
      for (int i = 0; i < 50; i++) {
        c.send(mp);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> gateway.fromClient.size() == 50);
      for (byte[] frame : gateway.fromClient) {
        BinaryMessages.Decoded d = BinaryMessages.decrypt(key, frame);
        assertThat(d.kind()).isEqualTo(BinaryMessages.FORWARD_SPHINX);
        assertThat(d.plaintext()).isEqualTo(mp.toV1Bytes());
      }
      assertThat(c.isOpen()).isTrue();
      assertThat(closed).isEmpty();
    }
    assertThat(closed).as("closing it ourselves tells nobody").isEmpty();
  }

  @Test
  void aMalformedWebsocketFrameEndsTheSessionAndTheListenerIsToldOnce() throws Exception {
    // Reserved bits set and a masked server frame: not a websocket frame a server may send.
    gateway.afterAuth = ctx -> ctx.channel().writeAndFlush(
        Unpooled.wrappedBuffer(new byte[] {(byte) 0xf2, (byte) 0x81, 0, 0, 0, 0, 9}));
    try (GatewayConnection c = connect()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !closed.isEmpty());
      assertThat(closed).hasSize(1);
      assertThat(closed.get(0)).isEqualTo("failed: reserved bits set in a frame (no extension "
          + "agreed)");
      assertThat(c.refusedFrames()).isEqualTo(1);
      assertThat(c.isOpen()).isFalse();
      assertThat(pushed).containsExactly("stored");
    }
  }

  @Test
  void aCloseFromTheGatewayIsReportedWithItsStatus() throws Exception {
    gateway.afterAuth = ctx -> ctx.writeAndFlush(new CloseWebSocketFrame(1001, "going away"));
    try (GatewayConnection c = connect()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !closed.isEmpty());
      assertThat(closed).containsExactly("closed by the gateway (1001, going away)");
      assertThat(c.isOpen()).isFalse();
    }
  }

  @Test
  void pingsAreAnsweredAndFragmentedMessagesReassembled() throws Exception {
    gateway.afterAuth = ctx -> {
      byte[] whole = gateway.push("in three parts");
      int third = whole.length / 3;
      ctx.write(new BinaryWebSocketFrame(false, 0,
          Unpooled.wrappedBuffer(Arrays.copyOfRange(whole, 0, third))));
      // A control frame may come between the fragments of a message.
      ctx.write(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {4, 5, 6})));
      ctx.write(new ContinuationWebSocketFrame(false, 0,
          Unpooled.wrappedBuffer(Arrays.copyOfRange(whole, third, 2 * third))));
      ctx.writeAndFlush(new ContinuationWebSocketFrame(true, 0,
          Unpooled.wrappedBuffer(Arrays.copyOfRange(whole, 2 * third, whole.length))));
    };
    try (GatewayConnection c = connect()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> pushed.size() == 2
          && gateway.pongs.size() == 1);
      assertThat(pushed).containsExactly("stored", "in three parts");
      assertThat(gateway.pongs.get(0)).containsExactly(4, 5, 6);
      assertThat(c.refusedFrames()).isZero();
      assertThat(c.isOpen()).isTrue();
    }
  }

  @Test
  void aServerThatIsNoWebsocketIsRefusedNamingTheGateway() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1,
        InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (Socket s = server.accept()) {
          s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          s.getInputStream().readAllBytes();
        } catch (IOException e) {
          // the client hung up: expected
        }
      });
      t.start();
      URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort());
      assertThatThrownBy(() ->
          GatewayConnection.authenticate(uri, Ed25519KeyPair.generate(random), key,
              new GatewayConnection.Listener() {
                @Override
                public void onMessage(byte[] message) {}

                @Override
                public void onClosed(String reason) {}
              }, "test-gateway", random))
          .isInstanceOf(IOException.class)
          .hasMessage("the gateway at " + uri + " refused the websocket upgrade: it answered "
              + "\"HTTP/1.1 200 OK\"");
      t.join(10_000);
    }
  }

  /** Reads one masked client frame's payload (short frames only: the authentication). */
  private static byte[] clientFrame(DataInputStream in) throws IOException {
    in.readUnsignedByte();
    int len = in.readUnsignedByte() & 0x7f;
    if (len == 126) {
      len = in.readUnsignedShort();
    }
    int mask = in.readInt();
    byte[] masked = in.readNBytes(len);
    byte[] plain = new byte[len];
    WebSocketCodec.mask(masked, 0, plain, 0, len, mask);
    return plain;
  }

  @Test
  void aGatewayThatTakesNoFramesEndsTheSessionAfterTheSendTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket()) {
      server.setReceiveBufferSize(4096);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread t = new Thread(() -> {
        try (Socket s = server.accept()) {
          DataInputStream in = new DataInputStream(s.getInputStream());
          String head = "";
          while (!head.endsWith("\r\n\r\n")) {
            head += (char) in.readUnsignedByte();
          }
          String wsKey = head.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: "))
              .findFirst().orElseThrow().substring(19);
          s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket"
              + "\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + WebSocketCodec.accept(wsKey)
              + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          clientFrame(in);
          byte[] ok = new ServerResponse.Authenticate(GatewayConnection.PROTOCOL, true, 1 << 30)
              .toJson().getBytes(StandardCharsets.UTF_8);
          s.getOutputStream().write(ok.length < 126
              ? new byte[] {(byte) 0x81, (byte) ok.length}
              : new byte[] {(byte) 0x81, 126, (byte) (ok.length >>> 8), (byte) ok.length});
          s.getOutputStream().write(ok);
          // From now on it reads nothing: the client's writes fill the socket buffers and block.
          release.await();
        } catch (IOException | InterruptedException e) {
          // the client hung up or the test ended: expected
        }
      });
      t.start();
      URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort());
      GatewayConnection c = GatewayConnection.authenticate(uri, Ed25519KeyPair.generate(random),
          key, new GatewayConnection.Listener() {
            @Override
            public void onMessage(byte[] message) {}

            @Override
            public void onClosed(String reason) {
              closed.add(reason);
            }
          }, "test-gateway", random);
      MixPacket mp = MixPacket.of(PacketType.MIX, KeyRotation.UNKNOWN,
          NodeAddress.of(new byte[] {127, 0, 0, 1}, 1789), new byte[2413]);
      long started = System.nanoTime();
      assertThatThrownBy(() -> {
        while (true) {
          c.send(mp);
        }
      }).isInstanceOf(IOException.class).hasMessage("the gateway took no frame for 10 s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(
          Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(5)).until(() -> !closed.isEmpty());
      assertThat(closed).containsExactly("failed: the gateway took no frame for 10 s");
      assertThat(c.isOpen()).isFalse();
      release.countDown();
      t.join(10_000);
    }
  }

  @Test
  void aGatewayThatNeverAnswersTheUpgradeIsGivenUpAfterTenSeconds() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CountDownLatch release = new CountDownLatch(1);
      Thread t = new Thread(() -> {
        try {
          Socket s = server.accept();
          // It accepts and answers nothing until the test ends.
          release.await();
          s.close();
        } catch (IOException | InterruptedException e) {
          // the test ended: expected
        }
      });
      t.start();
      URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort());
      long started = System.nanoTime();
      assertThatThrownBy(() -> GatewayConnection.register(uri, Ed25519KeyPair.generate(random),
          Ed25519KeyPair.generate(random).publicKey(), random))
          .isInstanceOf(IOException.class)
          .hasMessage("cannot connect to the gateway at " + uri
              + ": no websocket upgrade within 10 s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(
          Duration.ofSeconds(10));
      release.countDown();
      t.join(10_000);
    }
  }
}
