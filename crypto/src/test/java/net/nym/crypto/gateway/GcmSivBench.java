package net.nym.crypto.gateway;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * CPU cost of opening one gateway frame's payload (a 2413-byte regular Sphinx packet + tag) with
 * AES-256-GCM-SIV: ours (JDK AES + constant-time POLYVAL) against Bouncy Castle's
 * GCMSIVBlockCipher, and our constant-time POLYVAL against a 4-bit-table POLYVAL (tables built per
 * message key, as they must be: GCM-SIV derives a new authentication key for every nonce). Thread
 * CPU time per operation, median of 7 rounds, so a busy machine does not skew it.
 *
 * <pre>
 * mvn -o -q -Dnym.target=target-gw -pl crypto test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test -Dexec.args="-cp %classpath net.nym.crypto.gateway.GcmSivBench"
 * </pre>
 */
public final class GcmSivBench {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final VarHandle LE64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int PACKET = 2413;
  private static long sink;

  private GcmSivBench() {}

  public static void main(String[] args) throws Exception {
    SplittableRandom random = new SplittableRandom(1);
    byte[] key = new byte[32];
    byte[] nonce = new byte[12];
    byte[] pt = new byte[PACKET];
    random.nextBytes(key);
    random.nextBytes(nonce);
    random.nextBytes(pt);
    byte[] sealed = Aes256GcmSiv.encrypt(key, nonce, pt);
    byte[] out = new byte[PACKET];
    byte[] authKey = new byte[16];
    random.nextBytes(authKey);
    Polyval ct = new Polyval();
    TablePolyval table = new TablePolyval();
    ct.init(authKey, 0);
    ct.update(pt, 0, PACKET);
    table.init(authKey);
    table.update(pt, PACKET);
    if (ct.low() != table.low() || ct.high() != table.high()) {
      throw new AssertionError("the two POLYVALs disagree");
    }

    double ours = measure(20_000, () -> {
      Aes256GcmSiv.decrypt(key, nonce, 0, sealed, 0, sealed.length, out, 0);
      sink += out[0];
    });
    double bc = measure(4_000, () -> {
      GCMSIVBlockCipher c = new GCMSIVBlockCipher(AESEngine.newInstance());
      c.init(false, new AEADParameters(new KeyParameter(key), 128, nonce));
      byte[] o = new byte[PACKET];
      int n = c.processBytes(sealed, 0, sealed.length, o, 0);
      c.doFinal(o, n);
      sink += o[0];
    });
    double ctmul = measure(20_000, () -> {
      ct.init(authKey, 0);
      ct.update(pt, 0, PACKET);
      sink += ct.low();
    });
    double tables = measure(20_000, () -> {
      table.init(authKey);
      table.update(pt, PACKET);
      sink += table.low();
    });
    System.out.printf("BENCH gcm-siv open 2413 B ours (JDK AES + ctmul POLYVAL): %.2f us CPU;"
        + " Bouncy Castle: %.2f us CPU; speed-up %.1fx%n", ours, bc, bc / ours);
    System.out.printf("BENCH polyval 2413 B constant-time ctmul64: %.2f us CPU; 4-bit tables"
        + " (built per key): %.2f us CPU; ctmul/tables = %.2f (constant time kept if <= 1.30)%n",
        ctmul, tables, ctmul / tables);
    System.out.println("(sink " + sink + ")");
  }

  interface Op {
    void run() throws Exception;
  }

  /** Median over 7 rounds of the thread CPU microseconds per call, after a warm-up. */
  private static double measure(int n, Op op) throws Exception {
    for (int i = 0; i < n; i++) {
      op.run();
    }
    double[] rounds = new double[7];
    for (int r = 0; r < rounds.length; r++) {
      long t0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        op.run();
      }
      rounds[r] = (CPU.getCurrentThreadCpuTime() - t0) / 1e3 / n;
    }
    Arrays.sort(rounds);
    return rounds[rounds.length / 2];
  }

  /**
   * POLYVAL through GHASH with Shoup's 4-bit tables (RFC 8452 appendix A: POLYVAL(H, X) =
   * ByteReverse(GHASH(mulX_GHASH(ByteReverse(H)), ByteReverse(X)...))). For comparison only: its
   * table look-ups are indexed by secret data.
   */
  static final class TablePolyval {
    private static final long[] LAST4 = {
      0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0,
      0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0};
    private final long[] hh = new long[16];
    private final long[] hl = new long[16];
    private long zh;
    private long zl;

    void init(byte[] key) {
      // ByteReverse(H) as a big-endian 128-bit value, then times x in GHASH's bit order.
      long vh = (long) LE64.get(key, 8);
      long vl = (long) LE64.get(key, 0);
      long carry = vl & 1;
      vl = (vh << 63) | (vl >>> 1);
      vh = (vh >>> 1) ^ (carry != 0 ? 0xe100000000000000L : 0);
      hh[0] = 0;
      hl[0] = 0;
      hh[8] = vh;
      hl[8] = vl;
      for (int i = 4; i > 0; i >>= 1) {
        long t = (vl & 1) * 0xe1000000L;
        vl = (vh << 63) | (vl >>> 1);
        vh = (vh >>> 1) ^ (t << 32);
        hh[i] = vh;
        hl[i] = vl;
      }
      for (int i = 2; i <= 8; i *= 2) {
        for (int j = 1; j < i; j++) {
          hh[i + j] = hh[i] ^ hh[j];
          hl[i + j] = hl[i] ^ hl[j];
        }
      }
      zh = 0;
      zl = 0;
    }

    void update(byte[] in, int len) {
      byte[] pad = new byte[16];
      for (int off = 0; off < len; off += 16) {
        int n = Math.min(16, len - off);
        byte[] src = in;
        int at = off;
        if (n < 16) {
          System.arraycopy(in, off, pad, 0, n);
          src = pad;
          at = 0;
        }
        mult(zh ^ (long) LE64.get(src, at + 8), zl ^ (long) LE64.get(src, at));
      }
    }

    long low() {
      return zl;
    }

    long high() {
      return zh;
    }

    private void mult(long xh, long xl) {
      int lo = (int) (xl & 0xf);
      long h = hh[lo];
      long l = hl[lo];
      for (int i = 15; i >= 0; i--) {
        int b = (int) ((i < 8 ? xh >>> (56 - 8 * i) : xl >>> (56 - 8 * (i - 8))) & 0xff);
        lo = b & 0xf;
        int hi = b >>> 4;
        if (i != 15) {
          int rem = (int) (l & 0xf);
          l = (h << 60) | (l >>> 4);
          h = (h >>> 4) ^ (LAST4[rem] << 48);
          h ^= hh[lo];
          l ^= hl[lo];
        }
        int rem = (int) (l & 0xf);
        l = (h << 60) | (l >>> 4);
        h = (h >>> 4) ^ (LAST4[rem] << 48);
        h ^= hh[hi];
        l ^= hl[hi];
      }
      zh = h;
      zl = l;
    }
  }
}
