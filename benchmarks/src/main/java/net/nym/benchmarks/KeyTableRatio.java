package net.nym.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.nym.benchmarks.CpuRounds.Op;
import net.nym.benchmarks.CpuRounds.Timed;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.primitives.X25519KeyTable;
import net.nym.crypto.primitives.X25519KeyTables;
import net.nym.crypto.primitives.X25519Ladder;
import net.nym.crypto.sphinx.SphinxPacketBuilder;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The per-key tables of {@link X25519KeyTables} against the multiplications they replace, in one
 * load-tolerant run: short rounds of each operation alternate on one thread and the thread's CPU
 * time is compared. Prints {@code BENCH keytables} lines: building a table, a variable-base
 * multiplication with a table against {@link X25519Ladder} and Bouncy Castle's X25519, the table's
 * memory, and a 4-hop regular Sphinx packet ({@code create}) with tables, in this JVM and in fresh
 * JVMs started alternately with and without them ({@code -Dnym.x25519.tables=false}: the ladder for
 * every key), compared in units of each JVM's own ladder figure because what HotSpot compiles for
 * {@code create} differs from JVM to JVM.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar net.nym.benchmarks.KeyTableRatio
 * [rounds]}.
 */
public final class KeyTableRatio {
  private static final String CHILD = "--create-only";
  private static final int WARMUP = 10;
  private static final int JVMS = 3;

  private KeyTableRatio() {}

  /**
   * Runs the comparison; the optional argument is the number of measured rounds (default 40). With
   * {@value #CHILD} first (as the fresh JVMs are started) it measures only the ladder and {@code
   * create} and prints them on one line.
   */
  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    boolean child = args.length > 0 && args[0].equals(CHILD);
    int rounds = args.length > (child ? 1 : 0) ? Integer.parseInt(args[child ? 1 : 0]) : 40;
    SecureRandom random = new SecureRandom();
    List<X25519KeyPair> hopKeys = CpuRounds.hopKeys(random);
    SphinxPacketBuilder builder = CpuRounds.fourHops(hopKeys, random);
    byte[] message = new byte[PacketSize.REGULAR.plaintextSize()];
    byte[] scalar = new byte[32];
    random.nextBytes(scalar);
    byte[] point = hopKeys.get(1).publicKey().toBytes();
    byte[] out = new byte[32];
    Timed ladder =
        new Timed(
            "ladder", 200, () -> X25519Ladder.scalarMult(scalar, 0, point, 0, out, 0), rounds);
    Timed create = new Timed("create", 20, () -> builder.build(message), rounds);
    if (child) {
      run(rounds, ladder, create);
      System.out.printf("RESULT ladder %.3f create %.3f%n", ladder.median(), create.median());
      return;
    }

    X25519KeyTable table = X25519KeyTables.forKey(point, 0);
    // Honest keys for the table builds (each build is a full one: X25519KeyTable.of caches
    // nothing).
    byte[][] keys = new byte[64][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = X25519KeyPair.generate(random).publicKey().toBytes();
    }
    int[] next = {0};
    Op build = () -> X25519KeyTable.of(keys[next[0]++ & 63], 0);
    Timed[] timed = {
      ladder,
      new Timed("table", 200, () -> table.scalarMult(scalar, 0, out, 0), rounds),
      new Timed("x25519", 200, () -> X25519.scalarMult(scalar, 0, point, 0, out, 0), rounds),
      new Timed("build", 10, build, rounds),
      create,
    };
    run(rounds, timed);
    // The builds above are the first ones of this JVM, as a client's are; HotSpot takes about
    // 1,500 of them to compile the build fully, so measure that state too.
    for (int i = 0; i < 2000; i++) {
      build.run();
    }
    Timed warmBuild = new Timed("build-warm", 10, build, 20);
    for (int r = 0; r < 20; r++) {
      warmBuild.round(r);
    }
    double l = ladder.median();
    double t = timed[1].median();
    double x = timed[2].median();
    double firstBuilds = timed[3].median();
    double withTables = create.median();
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = timed[1].micros()[r] / ladder.micros()[r];
    }
    Arrays.sort(ratios);
    System.out.printf(
        "BENCH keytables ladder %.1f us (X25519Ladder, 256-bit scalar; CPU time, median of %d"
            + " rounds)%n",
        l, rounds);
    System.out.printf(
        "BENCH keytables table %.1f us = %.3f x ladder (quartiles %.3f .. %.3f), %.3f x"
            + " Bouncy Castle X25519 %.1f us%n",
        t, ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4], t / x, x);
    System.out.printf(
        "BENCH keytables saving %.1f us per multiplication; x 9 = %.0f us per cover packet (its 9"
            + " variable-base multiplications: two 4-hop headers and the payload key)%n",
        l - t, 9 * (l - t));
    System.out.printf(
        "BENCH keytables build %.1f us = %.2f x ladder (builds 1-%d of this JVM; pays for itself"
            + " after %.1f multiplications); after 2000 more builds %.1f us = %.2f x ladder%n",
        firstBuilds,
        firstBuilds / l,
        10 * (rounds + WARMUP),
        firstBuilds / (l - t),
        warmBuild.median(),
        warmBuild.median() / l);
    System.out.printf(
        "BENCH keytables memory %d bytes per key (%d ints), %.1f MB for the full cache of %d"
            + " keys%n",
        X25519KeyTable.TABLE_INTS * 4,
        X25519KeyTable.TABLE_INTS,
        X25519KeyTable.TABLE_INTS * 4.0 * X25519KeyTables.CAPACITY / 1e6,
        X25519KeyTables.CAPACITY);

    // create's cost varies from JVM to JVM with what HotSpot compiles, so compare fresh JVMs,
    // alternately with and without tables, each in units of its own ladder.
    double[] with = new double[JVMS];
    double[] without = new double[JVMS];
    for (int i = 0; i < JVMS; i++) {
      with[i] = createInLadders(true, rounds);
      without[i] = createInLadders(false, rounds);
    }
    Arrays.sort(with);
    Arrays.sort(without);
    double withMedian = with[JVMS / 2];
    double withoutMedian = without[JVMS / 2];
    System.out.printf(
        "BENCH keytables create %.0f us = %.2f x ladder with tables (4 hops, regular; this JVM)%n",
        withTables, withTables / l);
    System.out.printf(
        "BENCH keytables create in %d fresh JVMs each: with tables %.2f x ladder (range %.2f .."
            + " %.2f), without %.2f x ladder (range %.2f .. %.2f); with/without %.3f; at this"
            + " run's ladder %.0f us vs %.0f us%n",
        JVMS,
        withMedian,
        with[0],
        with[JVMS - 1],
        withoutMedian,
        without[0],
        without[JVMS - 1],
        withMedian / withoutMedian,
        withMedian * l,
        withoutMedian * l);
  }

  private static void run(int rounds, Timed... timed) throws Exception {
    for (int r = -WARMUP; r < rounds; r++) {
      for (Timed t : timed) {
        t.round(r);
      }
    }
  }

  /** create's median in units of the ladder's median, measured in a fresh JVM. */
  private static double createInLadders(boolean tables, int rounds) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-Dnym.x25519.tables=" + tables,
                "-cp",
                System.getProperty("java.class.path"),
                KeyTableRatio.class.getName(),
                CHILD,
                Integer.toString(rounds))
            .redirectErrorStream(true)
            .start();
    double[] result = null;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(" ");
        if (f.length == 5 && f[0].equals("RESULT")) {
          result = new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[4])};
          System.out.printf(
              "BENCH keytables create %s tables %.0f us = %.2f x ladder %.1f us (fresh JVM)%n",
              tables ? "with" : "without", result[1], result[1] / result[0], result[0]);
        } else {
          System.out.println(line);
        }
      }
    }
    if (p.waitFor() != 0 || result == null) {
      throw new IllegalStateException("a fresh JVM failed (exit " + p.exitValue() + ")");
    }
    return result[1] / result[0];
  }
}
