package net.nym.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.nym.crypto.testing.Vectors;
import net.nym.crypto.testing.Vectors.Vector;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

class ChaCha20Test {
  @Test
  void reproducesRfc8439Vectors() {
    var vectors = Vectors.load("chacha20");
    assertThat(vectors).hasSize(3);
    for (Vector v : vectors) {
      byte[] data = v.hex("plaintext");
      ChaCha20.xor(
          v.hex("key"), 0, v.hex("nonce"), Long.parseLong(v.text("counter")), data, 0, data.length);
      assertThat(Vectors.hex(data)).isEqualTo(v.text("ciphertext"));
    }
  }

  @Test
  void nullNonceMeansZeroNonce() {
    byte[] key = new byte[32];
    key[3] = 7;
    byte[] a = new byte[100];
    byte[] b = new byte[100];
    ChaCha20.xor(key, 0, null, 0, a, 0, a.length);
    ChaCha20.xor(key, 0, new byte[8], 0, b, 0, b.length);
    assertThat(a).isEqualTo(b);
  }

  @Property(tries = 50)
  void matchesBouncyCastleOriginalChaCha(
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(8) byte[] nonce,
      @ForAll @Size(max = 300) byte[] data,
      @ForAll @IntRange(max = 3) int offset) {
    byte[] ours = new byte[data.length + offset];
    System.arraycopy(data, 0, ours, offset, data.length);
    ChaCha20.xor(key, 0, nonce, 0, ours, offset, data.length);
    ChaChaEngine bc = new ChaChaEngine(20);
    bc.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] theirs = new byte[data.length];
    bc.processBytes(data, 0, data.length, theirs, 0);
    assertThat(Arrays.copyOfRange(ours, offset, ours.length)).isEqualTo(theirs);
  }

  /** The lane-parallel path (long inputs) against the scalar path, over any counter start. */
  @Property(tries = 300)
  void lanesMatchScalarPath(
      @ForAll long seed,
      @ForAll @IntRange(max = 5000) int length,
      @ForAll("counters") long counter,
      @ForAll boolean nullNonce,
      @ForAll @IntRange(max = 3) int offset) {
    Random random = new Random(seed);
    byte[] key = new byte[40];
    random.nextBytes(key);
    int keyOffset = random.nextInt(9);
    byte[] nonce = nullNonce ? null : new byte[8];
    if (nonce != null) {
      random.nextBytes(nonce);
    }
    byte[] data = new byte[offset + length + 5];
    random.nextBytes(data);
    byte[] expected = data.clone();
    scalarXor(key, keyOffset, nonce, counter, expected, offset, length);
    byte[] actual = data.clone();
    ChaCha20.xor(key, keyOffset, nonce, counter, actual, offset, length);
    assertThat(actual).isEqualTo(expected);
  }

  /** Input to a separate output (both paths) gives the in-place result and leaves the input. */
  @Property(tries = 200)
  void separateOutputMatchesInPlace(
      @ForAll long seed,
      @ForAll @IntRange(max = 5000) int length,
      @ForAll("counters") long counter,
      @ForAll @IntRange(max = 3) int inOffset,
      @ForAll @IntRange(max = 3) int outOffset) {
    Random random = new Random(seed);
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] in = new byte[inOffset + length + 5];
    random.nextBytes(in);
    byte[] original = in.clone();
    byte[] expected = in.clone();
    ChaCha20.xor(key, 0, null, counter, expected, inOffset, length);
    byte[] out = new byte[outOffset + length + 5];
    random.nextBytes(out);
    byte[] outBefore = out.clone();
    ChaCha20.xor(key, 0, null, counter, in, inOffset, out, outOffset, length);
    assertThat(in).isEqualTo(original);
    assertThat(Arrays.copyOfRange(out, outOffset, outOffset + length))
        .isEqualTo(Arrays.copyOfRange(expected, inOffset, inOffset + length));
    assertThat(Arrays.copyOfRange(out, 0, outOffset))
        .isEqualTo(Arrays.copyOfRange(outBefore, 0, outOffset));
    assertThat(Arrays.copyOfRange(out, outOffset + length, out.length))
        .isEqualTo(Arrays.copyOfRange(outBefore, outOffset + length, out.length));
  }

  @Provide
  Arbitrary<Long> counters() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 100),
        // the low counter word wraps inside a batch of lanes
        Arbitraries.longs().between(0xffff_ff00L, 0x1_0000_0040L),
        // the 64-bit counter wraps
        Arbitraries.longs().between(-100, -1),
        Arbitraries.longs());
  }

  /** Long inputs (both paths, any counter) against Bouncy Castle's original ChaCha. */
  @Property(tries = 60)
  void longInputsMatchBouncyCastle(
      @ForAll long seed,
      @ForAll @IntRange(max = 5000) int length,
      @ForAll @IntRange(max = 1 << 24) int counter) {
    Random random = new Random(seed);
    byte[] key = new byte[32];
    byte[] nonce = new byte[8];
    byte[] data = new byte[length];
    random.nextBytes(key);
    random.nextBytes(nonce);
    random.nextBytes(data);
    byte[] ours = data.clone();
    ChaCha20.xor(key, 0, nonce, counter, ours, 0, length);
    ChaChaEngine bc = new ChaChaEngine(20);
    bc.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    bc.skip(64L * counter);
    byte[] theirs = new byte[length];
    bc.processBytes(data, 0, length, theirs, 0);
    assertThat(ours).isEqualTo(theirs);
  }

  @Test
  void everyLengthAroundTheLaneThresholdMatchesScalarPath() {
    Random random = new Random(7);
    byte[] key = new byte[32];
    random.nextBytes(key);
    int lanes = ChaCha20.Lanes.N * 64;
    int threshold = ChaCha20.LANE_MIN_BLOCKS * 64;
    for (int length = threshold - 70; length <= 2 * lanes + threshold + 70; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      byte[] expected = data.clone();
      scalarXor(key, 0, null, 3, expected, 0, length);
      ChaCha20.xor(key, 0, null, 3, data, 0, length);
      assertThat(data).as("length %d", length).isEqualTo(expected);
    }
  }

  @Test
  void laneOutOfBoundsRangeIsRefused() {
    byte[] data = new byte[4000];
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ChaCha20.xor(new byte[32], 0, null, 0, data, 100, 3950))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static void scalarXor(
      byte[] key, int keyOffset, byte[] nonce, long counter, byte[] data, int offset, int length) {
    java.nio.ByteBuffer k =
        java.nio.ByteBuffer.wrap(key, keyOffset, 32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      w[i] = k.getInt();
    }
    int n0 = 0;
    int n1 = 0;
    if (nonce != null) {
      java.nio.ByteBuffer n =
          java.nio.ByteBuffer.wrap(nonce).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      n0 = n.getInt();
      n1 = n.getInt();
    }
    ChaCha20.scalar(
        w[0],
        w[1],
        w[2],
        w[3],
        w[4],
        w[5],
        w[6],
        w[7],
        n0,
        n1,
        counter,
        data,
        offset,
        data,
        offset,
        length);
  }
}
