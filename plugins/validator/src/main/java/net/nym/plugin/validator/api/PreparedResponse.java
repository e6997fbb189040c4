package net.nym.plugin.validator.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response encoded once, for serving many times: its HTTP/1.1 header block (one for keep-alive
 * and one for {@code Connection: close}) followed by its body, in direct, read-only buffers, and
 * the header blocks alone for {@code HEAD}. Writing one costs one {@link
 * ByteBuf#retainedDuplicate()} and nothing else: no encoding, no copy, one buffer per write.
 *
 * <p>The buffers wrap JDK direct buffers and are never released explicitly: the garbage
 * collector frees them once neither this object nor an unfinished write refers to them, so a
 * request that picked a response just before it was replaced still writes it intact.
 */
public final class PreparedResponse {
  private final ByteBuf keepAliveFull;
  private final ByteBuf closeFull;
  private final ByteBuf keepAliveHead;
  private final ByteBuf closeHead;

  private PreparedResponse(ApiResponse r) {
    byte[] keepAliveBlock = head(r, true);
    byte[] closeBlock = head(r, false);
    keepAliveFull = direct(keepAliveBlock, r.body());
    closeFull = direct(closeBlock, r.body());
    keepAliveHead = direct(keepAliveBlock, new byte[0]);
    closeHead = direct(closeBlock, new byte[0]);
  }

  /** Encodes {@code r}. */
  public static PreparedResponse of(ApiResponse r) {
    return new PreparedResponse(r);
  }

  /**
   * The header block of {@code r}: status line, {@code Content-Type}, {@code Content-Length},
   * {@code Cache-Control}, {@code r}'s headers, {@code Connection}, blank line.
   */
  static byte[] head(ApiResponse r, boolean keepAlive) {
    StringBuilder h = new StringBuilder(256)
        .append("HTTP/1.1 ").append(HttpResponseStatus.valueOf(r.status())).append("\r\n")
        .append("content-type: application/json\r\n")
        .append("content-length: ").append(r.body().length).append("\r\n")
        .append("cache-control: no-cache\r\n");
    for (Map.Entry<String, String> e : r.headers().entrySet()) {
      h.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
    }
    h.append(keepAlive ? "connection: keep-alive\r\n\r\n" : "connection: close\r\n\r\n");
    return h.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static ByteBuf direct(byte[] head, byte[] body) {
    ByteBuffer b = ByteBuffer.allocateDirect(head.length + body.length).put(head).put(body)
        .flip();
    return Unpooled.wrappedBuffer(b).asReadOnly();
  }

  /**
   * The response for a write (the caller owns the returned reference).
   *
   * @param keepAlive whether the connection stays open ({@code Connection: keep-alive})
   * @param headOnly whether to leave out the body (a {@code HEAD} request)
   */
  ByteBuf bytes(boolean keepAlive, boolean headOnly) {
    ByteBuf b = headOnly ? (keepAlive ? keepAliveHead : closeHead)
        : (keepAlive ? keepAliveFull : closeFull);
    return b.retainedDuplicate();
  }

}
