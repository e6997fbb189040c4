package net.nym.benchmarks;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import net.nym.crypto.primitives.X25519Ladder;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Variable-base scalar multiplication: Bouncy Castle's X25519, as a Sphinx hop does twice, and our
 * unclamped ladder, as the sender does once per hop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class X25519Benchmark {
  private final byte[] scalar = new byte[32];
  private final byte[] point = new byte[32];
  private final byte[] out = new byte[32];

  /** Random scalar and a random valid public key as the base point. */
  @Setup
  public void setup() {
    SecureRandom random = new SecureRandom();
    random.nextBytes(scalar);
    byte[] other = new byte[32];
    random.nextBytes(other);
    X25519.scalarMultBase(other, 0, point, 0);
  }

  /** One scalar multiplication of a variable point. */
  @Benchmark
  public byte[] x25519() {
    X25519.scalarMult(scalar, 0, point, 0, out, 0);
    return out;
  }

  /** One ladder multiplication by the same (here unclamped) 256-bit scalar. */
  @Benchmark
  public byte[] ladder() {
    X25519Ladder.scalarMult(scalar, 0, point, 0, out, 0);
    return out;
  }
}
