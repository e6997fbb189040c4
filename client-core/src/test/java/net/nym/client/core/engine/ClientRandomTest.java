package net.nym.client.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

class ClientRandomTest {
  /** A seed source that hands out the bytes 1, 2, 3, ... (never use this outside tests). */
  private static final class Counting extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private byte next = 1;

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = next++;
      }
    }
  }

  /** Bouncy Castle's ChaCha20 (64-bit nonce, zero) keystream: an independent implementation. */
  private static byte[] keystream(byte[] key, int length) {
    ChaChaEngine e = new ChaChaEngine(20);
    e.init(true, new ParametersWithIV(new KeyParameter(key), new byte[8]));
    byte[] out = new byte[length];
    e.processBytes(new byte[length], 0, length, out, 0);
    return out;
  }

  private static byte[] firstSeed() {
    byte[] k = new byte[32];
    new Counting().nextBytes(k);
    return k;
  }

  @Test
  void outputIsTheChaCha20KeystreamAfterTheNextKeyAndEachRefillUsesThatKey() {
    ClientRandom r = new ClientRandom(new Counting());
    byte[] ks = keystream(firstSeed(), ClientRandom.BUFFER);
    byte[] out = new byte[ClientRandom.BUFFER - 32];
    r.nextBytes(out);
    assertThat(out).isEqualTo(Arrays.copyOfRange(ks, 32, ClientRandom.BUFFER));
    // The first 32 bytes of the refill were never output: they keyed the next one.
    byte[] next = new byte[64];
    r.nextBytes(next);
    byte[] ks2 = keystream(Arrays.copyOf(ks, 32), 96);
    assertThat(next).isEqualTo(Arrays.copyOfRange(ks2, 32, 96));
  }

  @Test
  void setSeedAddsToTheKeyAndDiscardsTheBufferedOutput() {
    ClientRandom r = new ClientRandom(new Counting());
    byte[] ks = keystream(firstSeed(), 64);
    r.nextBytes(new byte[16]);
    byte[] extra = new byte[32];
    Arrays.fill(extra, (byte) 0x5a);
    r.setSeed(extra);
    byte[] key = Arrays.copyOf(ks, 32);
    for (int i = 0; i < 32; i++) {
      key[i] ^= 0x5a;
    }
    byte[] out = new byte[32];
    r.nextBytes(out);
    assertThat(out).isEqualTo(Arrays.copyOfRange(keystream(key, 64), 32, 64));
  }

  @Test
  void reseedsFromTheSourceAfterTheGivenOutput() {
    Counting seeds = new Counting();
    ClientRandom r = new ClientRandom(seeds);
    byte[] chunk = new byte[1 << 16];
    for (long drawn = 0; drawn < ClientRandom.RESEED_BYTES; drawn += chunk.length) {
      r.nextBytes(chunk);
    }
    // The seed source was asked for the first key only so far.
    byte[] probe = new byte[1];
    seeds.nextBytes(probe);
    assertThat(probe[0]).isEqualTo((byte) 33);
    r.nextBytes(new byte[ClientRandom.BUFFER]);
    seeds.nextBytes(probe);
    assertThat(probe[0]).as("32 fresh bytes mixed in at the reseed").isEqualTo((byte) 66);
  }

  @Test
  void everyThreadHasItsOwnState() throws Exception {
    ClientRandom r = new ClientRandom();
    byte[] here = new byte[32];
    r.nextBytes(here);
    byte[] there = CompletableFuture.supplyAsync(() -> {
      byte[] b = new byte[32];
      r.nextBytes(b);
      return b;
    }, runnable -> new Thread(runnable).start()).get();
    assertThat(there).isNotEqualTo(here);
    // With the same deterministic source both threads would start from the same key: they
    // must not, so each thread's first key comes from its own draw of the source.
    ClientRandom same = new ClientRandom(new Counting());
    byte[] a = new byte[32];
    same.nextBytes(a);
    byte[] b = CompletableFuture.supplyAsync(() -> {
      byte[] x = new byte[32];
      same.nextBytes(x);
      return x;
    }, runnable -> new Thread(runnable).start()).get();
    assertThat(b).isNotEqualTo(a);
  }

  @Test
  void boundedIntsAreInRangeAndEvenlySpreadAndDoublesAreUnitInterval() {
    ClientRandom r = new ClientRandom();
    int[] counts = new int[3];
    for (int i = 0; i < 30_000; i++) {
      counts[r.nextInt(3)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(9_400, 10_600);
    }
    for (int i = 0; i < 10_000; i++) {
      double d = r.nextDouble();
      assertThat(d).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
      assertThat(r.nextInt(8)).isBetween(0, 7);
    }
    assertThatThrownBy(() -> r.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
