package net.nym.plugin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import net.nym.mixnet.gateway.ServerResponse;
import org.junit.jupiter.api.Test;

/** The per-packet {@code send} response, written by hand, is byte for byte the protocol's JSON. */
class SendResponseTest {
  @Test
  void sameBytesAsTheProtocolsSendResponse() {
    byte[] scratch = new byte[20];
    for (long n : new long[] {0, 7, 10, 2413, 1_073_739_411L, 4_000_000_000_000L,
        Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
      ByteBuf b = Unpooled.buffer();
      ClientSession.writeSend(b, n, scratch);
      assertThat(b.toString(StandardCharsets.US_ASCII))
          .isEqualTo(new ServerResponse.Send(n).toJson());
      b.release();
    }
  }
}
