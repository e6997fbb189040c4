package net.nym.crypto.testing;

import java.util.random.RandomGenerator;
import net.nym.crypto.primitives.ChaCha20;

/**
 * Deterministic randomness for tests: the ChaCha20 keystream of a 32-byte seed (key), zero nonce.
 * {@link #nextBytes(byte[])} hands out consecutive keystream bytes, so a sequence of requests is
 * reproducible byte for byte.
 */
public final class FixedRandom implements RandomGenerator {
  private final byte[] key;
  private long block;
  private final byte[] buffer = new byte[64];
  private int used = 64;

  /** A generator seeded with 32 bytes. */
  public FixedRandom(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("seed must be 32 bytes");
    }
    this.key = seed.clone();
  }

  /** A generator seeded with 32 copies of {@code b}. */
  public static FixedRandom ofByte(int b) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) b);
    return new FixedRandom(seed);
  }

  @Override
  public void nextBytes(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (used == 64) {
        java.util.Arrays.fill(buffer, (byte) 0);
        ChaCha20.xor(key, 0, null, block++, buffer, 0, 64);
        used = 0;
      }
      bytes[i] = buffer[used++];
    }
  }

  @Override
  public long nextLong() {
    byte[] b = new byte[8];
    nextBytes(b);
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xff);
    }
    return v;
  }
}
