package net.nym.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local application speaking the native client's websocket API (JSON text and binary) on the
 * JDK's websocket client; everything the client sends is queued (text as String, binary as
 * byte[]).
 */
public final class ApiTestClient implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Everything the client sent, in order: text as String, binary as byte[]. */
  public final BlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
  private final WebSocket ws;

  /** Connects to the websocket API at {@code uri}. */
  public ApiTestClient(URI uri) throws Exception {
    ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(uri, new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();
          private ByteBuffer binary = ByteBuffer.allocate(0);

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              incoming.add(text.toString());
              text.setLength(0);
            }
            w.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
            joined.put(binary).put(data).flip();
            binary = joined;
            if (last) {
              byte[] b = new byte[binary.remaining()];
              binary.get(b);
              incoming.add(b);
              binary = ByteBuffer.allocate(0);
            }
            w.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
  }

  /** Sends a text (JSON) request. */
  public void text(String s) {
    ws.sendText(s, true).join();
  }

  /** Sends a binary request. */
  public void binary(byte[] b) {
    ws.sendBinary(ByteBuffer.wrap(b), true).join();
  }

  /** The next message within {@code seconds}, or null. */
  public Object next(int seconds) throws InterruptedException {
    return incoming.poll(seconds, TimeUnit.SECONDS);
  }

  /** Whether both directions are open. */
  public boolean isOpen() {
    return !ws.isInputClosed() && !ws.isOutputClosed();
  }

  @Override
  public void close() {
    ws.abort();
  }
}
