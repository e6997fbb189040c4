package net.nym.crypto.primitives;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link X25519KeyTable}s of the long-lived public keys a sender multiplies again and again
 * (nodes' Sphinx keys from the topology, recipients' encryption keys), built lazily on first use
 * and kept in a least-recently-used cache of {@value #CAPACITY} keys.
 *
 * <p>Memory: a key on the curve costs {@link X25519KeyTable#TABLE_INTS} ints (30,840 bytes), so the
 * full cache holds about 15.8 MB; a topology has tens to hundreds of nodes. Only public keys that
 * recur belong here: an ephemeral key would cost a table build (about four ladder multiplications)
 * for one use. The base point is not here: Bouncy Castle's fixed-base comb costs the same as a
 * table multiplication (measured 0.9-1.0x).
 *
 * <p>The system property {@code nym.x25519.tables=false} turns the tables off: the cache then holds
 * table-less entries (whether the key is on the curve, 32 bytes) and every multiplication runs
 * {@link X25519Ladder}: for processes that cannot spare the memory, and to measure the difference.
 *
 * <p>Thread-safe: lookups hold a lock for a map access only; a table is built outside it, so two
 * threads meeting a new key at once may both build it (the same bytes) and one is kept.
 */
public final class X25519KeyTables {
  /** Keys kept at most. */
  public static final int CAPACITY = 512;

  private static final boolean PRECOMPUTE =
      Boolean.parseBoolean(System.getProperty("nym.x25519.tables", "true"));

  private static final Map<ByteBuffer, X25519KeyTable> CACHE =
      new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, X25519KeyTable> eldest) {
          return size() > CAPACITY;
        }
      };

  private X25519KeyTables() {}

  /** The table of the key {@code u[uOff..uOff+32)}, built on first use. */
  public static X25519KeyTable forKey(byte[] u, int uOff) {
    ByteBuffer key = ByteBuffer.wrap(u, uOff, X25519Ladder.LENGTH).slice();
    X25519KeyTable table;
    synchronized (CACHE) {
      table = CACHE.get(key);
    }
    if (table != null) {
      return table;
    }
    table = PRECOMPUTE ? X25519KeyTable.of(u, uOff) : X25519KeyTable.ladderOnly(u, uOff);
    ByteBuffer copy = ByteBuffer.wrap(Arrays.copyOfRange(u, uOff, uOff + X25519Ladder.LENGTH));
    synchronized (CACHE) {
      X25519KeyTable raced = CACHE.putIfAbsent(copy, table);
      return raced != null ? raced : table;
    }
  }

  /**
   * RFC 7748's {@code X25519(k, u)} for a long-lived key {@code u[uOff..]}: {@code k[kOff..]}
   * clamped and multiplied with the key's table. Writes 32 bytes to {@code r[rOff..]}; all zero for
   * a key of small order.
   */
  public static void x25519(byte[] k, int kOff, byte[] u, int uOff, byte[] r, int rOff) {
    forKey(u, uOff).scalarMult(X25519Ladder.clamp(k, kOff), 0, r, rOff);
  }
}
