package net.nym.client.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.gateway.CurrentSharedKey;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.packet.PacketType;
import net.nym.mixnet.forwarding.MixPacket;
import net.nym.mixnet.framing.KeyRotation;
import net.nym.mixnet.gateway.BinaryMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session against a stand-in gateway on loopback: what is pushed before and after the
 * authentication answer arrives in order, garbage is counted and dropped, the frames we send are
 * the protocol's, and a malformed websocket frame or a close ends the session with the listener
 * told once.
 */
class GatewayConnectionTest {
  private final SecureRandom random = new SecureRandom();
  private final GatewaySharedKey key = key();
  private final List<String> pushed = new CopyOnWriteArrayList<>();
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private final ExecutorService inbound = Executors.newSingleThreadExecutor();
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
    inbound.shutdownNow();
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
        }, inbound, random);
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
      assertThat(closed.get(0)).startsWith("failed: ");
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
}
