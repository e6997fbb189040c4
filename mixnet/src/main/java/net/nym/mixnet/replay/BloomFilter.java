package net.nym.mixnet.replay;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A Bloom filter over 32-byte replay tags.
 *
 * <p>Replay tags are HKDF output the sender cannot choose without the node's key, so the bit
 * indexes come straight from the tag by double hashing ({@code h1 + i*h2}, Kirsch–Mitzenmacher)
 * with {@code h1}, {@code h2} its first two 64-bit words; no further hashing is needed. Not
 * thread-safe: {@link ReplayFilter} serialises access.
 */
public final class BloomFilter {
  private static final double LN2_SQUARED = Math.log(2) * Math.log(2);

  /** Upper bound on the bit count, so that a corrupt or hostile file cannot exhaust the heap. */
  static final long MAX_BITS = 1L << 34;

  private final long[] words;
  private final long bits;
  private final int hashes;
  private final long capacity;
  private long count;

  private BloomFilter(long bits, int hashes, long capacity, long count, long[] words) {
    this.bits = bits;
    this.hashes = hashes;
    this.capacity = capacity;
    this.count = count;
    this.words = words;
  }

  /**
   * A filter for {@code capacity} items at false-positive rate {@code fpRate} once full: {@code m =
   * -n ln p / ln² 2} bits and {@code k = m/n ln 2} hash functions.
   */
  public static BloomFilter sized(long capacity, double fpRate) {
    if (capacity < 1) {
      throw new IllegalArgumentException("bloom filter: capacity must be >= 1, got " + capacity);
    }
    if (!(fpRate > 0 && fpRate < 1)) {
      throw new IllegalArgumentException("bloom filter: fp rate must be in (0, 1), got " + fpRate);
    }
    long m = (long) Math.ceil(-capacity * Math.log(fpRate) / LN2_SQUARED);
    m = Math.max(64, (m + 63) / 64 * 64);
    if (m > MAX_BITS) {
      throw new IllegalArgumentException(
          "bloom filter: "
              + capacity
              + " items at "
              + fpRate
              + " need "
              + m
              + " bits, over the "
              + MAX_BITS
              + " limit");
    }
    int k = (int) Math.max(1, Math.round((double) m / capacity * Math.log(2)));
    return new BloomFilter(m, k, capacity, 0, new long[(int) (m / 64)]);
  }

  /**
   * Adds {@code tag}; returns whether it was (probably) present before.
   *
   * @param tag at least 16 bytes; uniformly random in practice
   */
  public boolean testAndAdd(byte[] tag) {
    long h1 = word(tag, 0);
    long h2 = word(tag, 8) | 1;
    boolean present = true;
    for (int i = 0; i < hashes; i++) {
      long index = Long.remainderUnsigned(h1 + i * h2, bits);
      int w = (int) (index >>> 6);
      long mask = 1L << index;
      if ((words[w] & mask) == 0) {
        present = false;
        words[w] |= mask;
      }
    }
    if (!present) {
      count++;
    }
    return present;
  }

  /** Whether {@code tag} is (probably) present, without adding it. */
  public boolean mightContain(byte[] tag) {
    long h1 = word(tag, 0);
    long h2 = word(tag, 8) | 1;
    for (int i = 0; i < hashes; i++) {
      long index = Long.remainderUnsigned(h1 + i * h2, bits);
      if ((words[(int) (index >>> 6)] & (1L << index)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The number of distinct items added. */
  public long count() {
    return count;
  }

  /** The number of items the filter was sized for. */
  public long capacity() {
    return capacity;
  }

  /** Size of the bit array in bytes. */
  public long sizeBytes() {
    return bits / 8;
  }

  /** The number of hash functions. */
  public int hashes() {
    return hashes;
  }

  /** Writes the filter (parameters, then the bit array). */
  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(bits);
    out.writeInt(hashes);
    out.writeLong(capacity);
    out.writeLong(count);
    for (long w : words) {
      out.writeLong(w);
    }
  }

  /** A deep copy (for writing a snapshot outside the lock). */
  BloomFilter copy() {
    return new BloomFilter(bits, hashes, capacity, count, words.clone());
  }

  /**
   * Reads a filter written by {@link #writeTo}.
   *
   * @throws IOException if the parameters are out of range or the data is truncated
   */
  public static BloomFilter readFrom(DataInput in) throws IOException {
    long bits = in.readLong();
    int hashes = in.readInt();
    long capacity = in.readLong();
    long count = in.readLong();
    if (bits < 64
        || bits % 64 != 0
        || bits > MAX_BITS
        || hashes < 1
        || hashes > 64
        || capacity < 1
        || count < 0) {
      throw new IOException(
          "bad bloom filter parameters: bits="
              + bits
              + " hashes="
              + hashes
              + " capacity="
              + capacity
              + " count="
              + count);
    }
    long[] words = new long[(int) (bits / 64)];
    for (int i = 0; i < words.length; i++) {
      words[i] = in.readLong();
    }
    return new BloomFilter(bits, hashes, capacity, count, words);
  }

  private static long word(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xffL);
    }
    return v;
  }
}
