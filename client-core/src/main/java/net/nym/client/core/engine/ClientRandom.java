package net.nym.client.core.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Arrays;
import net.nym.crypto.primitives.ChaCha20;

/**
 * The client's randomness: a ChaCha20 generator per thread with fast key erasure, behind one
 * {@link SecureRandom} that all of a client's threads share. It draws every ephemeral key, Sphinx
 * padding, IV, nonce, route choice and delay of the client; the JDK's default {@code
 * SecureRandom} (NativePRNG) costs a lock, a SHA-1 mixing step and often a read of {@code
 * /dev/urandom} on every call, and a client packet takes about 30 calls.
 *
 * <p><b>Construction.</b> Each thread that uses this object gets its own state on first use: a
 * 32-byte ChaCha20 key read from the operating system ({@code seeds}, by default a new {@code
 * SecureRandom}, i.e. {@code /dev/urandom} on Linux). A refill runs ChaCha20 (zero nonce, counter
 * from 0) under that key for {@value #BUFFER} bytes; the first 32 bytes become the next key at
 * once and the old key is gone (Bernstein's "fast-key-erasure" generator), and the rest is handed
 * out, each byte erased from the buffer as it is handed out. So no state left in memory reveals
 * earlier output (forward secrecy), and each refill uses a fresh key, so counters never repeat.
 *
 * <p><b>Reseeding.</b> After every {@value #RESEED_BYTES} bytes of a thread's output, 32 fresh
 * bytes from the operating system are XORed into that thread's key before the next refill, so a
 * state that leaked stops predicting output after at most that much more. {@link #setSeed(byte[])}
 * mixes the given bytes into the calling thread's key the same way (it adds, never replaces).
 *
 * <p><b>Threads and processes.</b> States are per thread ({@link ThreadLocal}); no two threads
 * ever share a key or a buffer, so there are no locks on the hot path and no output is ever
 * handed to two threads. The JVM does not fork, so a state is never duplicated into a child
 * process. A thread's state lives as long as the thread (its buffer is 2 KB).
 */
public final class ClientRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  /** Keystream bytes per refill: one lane batch of {@link ChaCha20} (32 blocks). */
  static final int BUFFER = 2048;

  /** Output bytes per thread between two reseeds from the operating system. */
  static final long RESEED_BYTES = 1L << 20;

  private static final int KEY = ChaCha20.KEY_LENGTH;
  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** One thread's generator. */
  private static final class State {
    private final byte[] key = new byte[KEY];
    private final byte[] buffer = new byte[BUFFER];
    private final SecureRandom seeds;
    private int position = BUFFER;
    private long untilReseed;

    State(SecureRandom seeds) {
      this.seeds = seeds;
      seeds.nextBytes(key);
      untilReseed = RESEED_BYTES;
    }

    private void mix(byte[] material) {
      for (int i = 0; i < material.length; i++) {
        key[i % KEY] ^= material[i];
      }
      position = BUFFER; // the buffer came from the old key: refill before the next output
    }

    private void refill() {
      if (untilReseed <= 0) {
        byte[] fresh = new byte[KEY];
        seeds.nextBytes(fresh);
        mix(fresh);
        Arrays.fill(fresh, (byte) 0);
        untilReseed = RESEED_BYTES;
      }
      Arrays.fill(buffer, (byte) 0);
      ChaCha20.xor(key, 0, null, 0, buffer, 0, BUFFER);
      System.arraycopy(buffer, 0, key, 0, KEY);
      Arrays.fill(buffer, 0, KEY, (byte) 0);
      position = KEY;
    }

    void nextBytes(byte[] out, int offset, int length) {
      while (length > 0) {
        if (position == BUFFER) {
          refill();
        }
        int n = Math.min(length, BUFFER - position);
        System.arraycopy(buffer, position, out, offset, n);
        Arrays.fill(buffer, position, position + n, (byte) 0);
        position += n;
        untilReseed -= n;
        offset += n;
        length -= n;
      }
    }

    int nextInt() {
      if (BUFFER - position < Integer.BYTES) {
        refill();
      }
      int v = (int) LE_INT.get(buffer, position);
      LE_INT.set(buffer, position, 0);
      position += Integer.BYTES;
      untilReseed -= Integer.BYTES;
      return v;
    }

    long nextLong() {
      if (BUFFER - position < Long.BYTES) {
        refill();
      }
      long v = (long) LE_LONG.get(buffer, position);
      LE_LONG.set(buffer, position, 0L);
      position += Long.BYTES;
      untilReseed -= Long.BYTES;
      return v;
    }
  }

  /** The SPI behind {@link SecureRandom}'s remaining methods; the same per-thread states. */
  private static final class Spi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final transient ThreadLocal<State> states;
    private final transient SecureRandom seeds;

    Spi(SecureRandom seeds) {
      this.seeds = seeds;
      this.states = ThreadLocal.withInitial(() -> new State(seeds));
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      states.get().mix(seed);
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      states.get().nextBytes(bytes, 0, bytes.length);
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      return seeds.generateSeed(numBytes);
    }
  }

  private final transient Spi spi;

  /** A generator seeded from the operating system's default {@code SecureRandom}. */
  public ClientRandom() {
    this(new SecureRandom());
  }

  /**
   * A generator whose per-thread keys and reseeds come from {@code seeds} (which must be a
   * cryptographically strong source; thread-safe).
   */
  public ClientRandom(SecureRandom seeds) {
    this(new Spi(seeds));
  }

  private ClientRandom(Spi spi) {
    super(spi, null);
    this.spi = spi;
  }

  @Override
  public String getAlgorithm() {
    return "ChaCha20-FKE-per-thread";
  }

  @Override
  public void nextBytes(byte[] bytes) {
    spi.states.get().nextBytes(bytes, 0, bytes.length);
  }

  /** Uniform in {@code [0, bound)} without bias (rejection, as {@link java.util.Random}). */
  @Override
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    State s = spi.states.get();
    int r = s.nextInt() >>> 1;
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    for (int u = r; u - (r = u % bound) + m < 0; u = s.nextInt() >>> 1) {
      // rejected: u fell into the incomplete last interval
    }
    return r;
  }

  @Override
  public boolean nextBoolean() {
    return spi.states.get().nextInt() < 0;
  }

  @Override
  public int nextInt() {
    return spi.states.get().nextInt();
  }

  @Override
  public long nextLong() {
    return spi.states.get().nextLong();
  }

  @Override
  public double nextDouble() {
    return (spi.states.get().nextLong() >>> 11) * 0x1.0p-53;
  }
}
