package net.nym.client.core.packet;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ephemeral keys of our own loop cover packets still on their way back to us. A pushed packet
 * whose key field is one of them is our cover packet: recognising it by this field saves the
 * x25519 agreement and decryption its receipt would otherwise cost. Nothing changes on the wire. A
 * key is recognised once; the oldest are forgotten beyond {@value #CAPACITY} (covers that never
 * came back), and a forgotten cover is still recognised by its decrypted marker. Thread-safe.
 */
public final class OwnCovers {
  /** Keys remembered at most. */
  static final int CAPACITY = 4096;

  private final Map<ByteBuffer, Boolean> keys = new LinkedHashMap<>(256, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
      return size() > CAPACITY;
    }
  };

  /** Remembers the key field ({@link Payloads#KEY_FIELD} bytes from {@code offset}) of a cover. */
  synchronized void remember(byte[] plaintext, int offset) {
    byte[] k = new byte[Payloads.KEY_FIELD];
    System.arraycopy(plaintext, offset, k, 0, k.length);
    keys.put(ByteBuffer.wrap(k), Boolean.TRUE);
  }

  /** Whether this key field (the first {@link Payloads#KEY_FIELD} bytes) is one of ours. */
  synchronized boolean take(byte[] message) {
    return keys.remove(ByteBuffer.wrap(message, 0, Payloads.KEY_FIELD).slice()) != null;
  }

  /** Cover packets sent and not yet back (or forgotten). */
  public synchronized int size() {
    return keys.size();
  }
}
