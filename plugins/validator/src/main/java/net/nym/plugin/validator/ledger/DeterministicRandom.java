package net.nym.plugin.validator.ledger;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A random stream that every replica reproduces: SHA-256 of the seed followed by a 64-bit block
 * counter, read as big-endian longs. Used for the rewarded-set draw and the layer shuffle, seeded
 * with the ledger state hash, so that no single validator chooses the outcome.
 */
public final class DeterministicRandom {
  private final byte[] seed;
  private long counter;
  private ByteBuffer block = ByteBuffer.allocate(0);

  /** A stream from {@code seed}. */
  public DeterministicRandom(byte[] seed) {
    this.seed = seed.clone();
  }

  /** The next 64 random bits. */
  public long nextLong() {
    if (block.remaining() < Long.BYTES) {
      byte[] input = Arrays.copyOf(seed, seed.length + Long.BYTES);
      ByteBuffer.wrap(input, seed.length, Long.BYTES).putLong(counter++);
      block = ByteBuffer.wrap(Canonical.sha256(input));
    }
    return block.getLong();
  }

  /** A uniform value in {@code [0, bound)}, without modulo bias. */
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
    while (true) {
      long r = nextLong() >>> 1;
      if (r < limit) {
        return r % bound;
      }
    }
  }
}
