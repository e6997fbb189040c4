package net.nym.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import net.nym.benchmarks.CpuRounds.Op;
import net.nym.benchmarks.CpuRounds.Timed;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.primitives.AesCtr;
import net.nym.crypto.primitives.Blake2b;
import net.nym.crypto.primitives.ChaCha20;
import net.nym.crypto.primitives.HkdfSha256;
import net.nym.crypto.primitives.HmacSha256;
import net.nym.crypto.primitives.Lioness;
import net.nym.crypto.primitives.X25519Ladder;
import net.nym.crypto.sphinx.SphinxPacketBuilder;
import net.nym.crypto.sphinx.SphinxProcessor;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The Sphinx targets of issue 3 in one load-tolerant run: alternates short rounds of each
 * operation on one thread and compares that thread's CPU time, so that other processes on a shared
 * machine slow every operation alike. Prints {@code BENCH} lines: Bouncy Castle's X25519 (what
 * {@code SphinxProcessor} uses for both of a hop's multiplications), our unclamped ladder (what the
 * sender uses, one per hop), one hop of a regular packet ({@code unwrap}) and the ratio {@code
 * unwrap rate / (x25519 rate / 2)} with its target, a 4-hop packet ({@code create}) with its
 * target, and the CPU cost of a hop's symmetric steps measured alone on the same sizes, with
 * their sum against the hop's cost beyond its two multiplications. Before the measured rounds it
 * lets the collector empty the young generation a few times, so that allocations no longer pay
 * the page faults of a fresh heap (see {@link #touchYoungGeneration}), and it reports how many
 * bytes a hop and a multiplication allocate.
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar
 * net.nym.benchmarks.HopRatio [rounds]}. The fixed, pre-touched heap is a long-running node's
 * steady state (every heap page resident); without it the collector may still grow the young
 * generation into untouched pages during the rounds, and the hop, which allocates 4.6 times what a
 * multiplication does, pays more of those page faults (on this VM: 2 x x25519 + 24 us per hop
 * without, + 18 us with).
 */
public final class HopRatio {
  private static final String INFO =
      "Dwste mou enan moxlo arketa makru kai ena upomoxlio gia na ton topothetisw kai tha kinisw"
          + " thn gh.";

  /** Where {@link #touchYoungGeneration} puts its garbage, so that it is really allocated. */
  private static volatile Object garbage;

  private HopRatio() {}

  /** Runs the comparison; the optional argument is the number of measured rounds (default 40). */
  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    SecureRandom random = new SecureRandom();
    List<X25519KeyPair> keys = CpuRounds.hopKeys(random);
    SphinxPacketBuilder builder = CpuRounds.fourHops(keys, random);
    byte[] message = new byte[PacketSize.REGULAR.plaintextSize()];
    byte[] packet = builder.build(message).toBytes();
    SphinxProcessor processor = new SphinxProcessor(keys.get(0));
    byte[] scalar = new byte[32];
    random.nextBytes(scalar);
    byte[] point = keys.get(1).publicKey().toBytes();
    byte[] out = new byte[32];

    // The symmetric steps of a hop, on the sizes of a regular packet.
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    byte[] info = INFO.getBytes(StandardCharsets.US_ASCII);
    HkdfSha256 expansion = new HkdfSha256(new byte[0]);
    HkdfSha256 payloadKeyHkdf =
        new HkdfSha256(
            "sphinx-payload-key-V01-CS01-HKDF:SHA256-SALT".getBytes(StandardCharsets.US_ASCII));
    byte[] payloadKeyInfo =
        "sphinx-payload-key-V01-CS01-HKDF:SHA256-INFO".getBytes(StandardCharsets.US_ASCII);
    byte[] expanded = new byte[288];
    byte[] lionessKey = new byte[Lioness.KEY_LENGTH];
    byte[] beta = Arrays.copyOfRange(packet, 48, 348);
    byte[] routing = new byte[360];
    byte[] zeroSlot = new byte[60];
    byte[] payload = Arrays.copyOfRange(packet, 348, packet.length);
    byte[] nextPayload = new byte[payload.length];
    byte[] digest = new byte[32];

    Timed[] timed = {
      new Timed("x25519", 200, () -> X25519.scalarMult(scalar, 0, point, 0, out, 0), rounds),
      new Timed(
          "ladder", 200, () -> X25519Ladder.scalarMult(scalar, 0, point, 0, out, 0), rounds),
      new Timed("unwrap", 100, () -> processor.process(packet), rounds),
      new Timed("create", 20, () -> builder.build(message), rounds),
      new Timed(
          "step hkdf-expansion-288",
          2000,
          () -> expansion.deriveInto(secret, 0, 32, info, expanded, 0, 288),
          new double[rounds]),
      new Timed(
          "step payload-key-hkdf-192",
          2000,
          () -> payloadKeyHkdf.deriveInto(expanded, 32, 16, payloadKeyInfo, lionessKey, 0, 192),
          new double[rounds]),
      new Timed(
          "step header-mac-300",
          2000,
          () -> HmacSha256.verifyTruncated(expanded, 16, 16, beta, 0, 300, expanded, 0, 16),
          new double[rounds]),
      new Timed(
          "step aes-ctr-360",
          2000,
          () -> {
            Cipher c = AesCtr.init(expanded, 0, 16, null);
            c.update(packet, 48, 300, routing, 0);
            c.update(zeroSlot, 0, 60, routing, 300);
          },
          new double[rounds]),
      new Timed(
          "step lioness-2065",
          200,
          () -> Lioness.decrypt(lionessKey, 0, payload, 0, nextPayload, 0, payload.length),
          new double[rounds]),
      new Timed(
          "step chacha20-2033",
          400,
          () ->
              ChaCha20.xor(
                  lionessKey, 0, null, 0, payload, 32, nextPayload, 32, payload.length - 32),
          new double[rounds]),
      new Timed(
          "step blake2b-2033",
          400,
          () -> Blake2b.digest(lionessKey, 32, 64, payload, 32, payload.length - 32, digest, 0, 32),
          new double[rounds]),
    };
    int warmup = 10;
    for (int r = -warmup; r < 0; r++) {
      for (Timed t : timed) {
        t.round(r);
      }
    }
    int collections = touchYoungGeneration();
    for (int r = 0; r < rounds; r++) {
      for (Timed t : timed) {
        t.round(r);
      }
    }
    double x = timed[0].median();
    double ladder = timed[1].median();
    double hop = timed[2].median();
    double create = timed[3].median();
    double[] ratios = new double[rounds];
    double[] extras = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = 2 * timed[0].micros()[r] / timed[2].micros()[r];
      extras[r] = timed[2].micros()[r] - 2 * timed[0].micros()[r];
    }
    Arrays.sort(ratios);
    Arrays.sort(extras);
    double ratio = ratios[rounds / 2];
    double extra = extras[rounds / 2];
    double steps = 0;
    for (int i = 4; i < 9; i++) {
      steps += timed[i].median();
    }
    System.out.printf(
        "BENCH sphinx x25519 %.1f us (Bouncy Castle X25519.scalarMult, used by unwrap; CPU time,"
            + " median of %d rounds)%n",
        x, rounds);
    System.out.printf(
        "BENCH sphinx ladder %.1f us = %.3f x x25519 (X25519Ladder, unclamped 256-bit scalar,"
            + " used by create)%n",
        ladder, ladder / x);
    System.out.printf(
        "BENCH sphinx unwrap %.1f us = 2 x x25519 + %.1f us (median of the rounds' differences;"
            + " allocates %d bytes, x25519 %d)%n",
        hop, extra, allocated(timed[2].op()), allocated(timed[0].op()));
    System.out.printf(
        "BENCH sphinx unwrap-ratio %.3f (quartiles %.3f .. %.3f) target >= 0.900: %s%n",
        ratio, ratios[rounds / 4], ratios[3 * rounds / 4], ratio >= 0.9 ? "met" : "MISSED");
    System.out.printf(
        "BENCH sphinx create %.0f us = %.0f packets/s per core = %.2f x x25519 (4 hops, regular)"
            + " target >= 1000/s: %s%n",
        create, 1e6 / create, create / x, 1e6 / create >= 1000 ? "met" : "MISSED");
    for (int i = 4; i < timed.length; i++) {
      System.out.printf("BENCH sphinx %s %.2f us%n", timed[i].name(), timed[i].median());
    }
    System.out.printf(
        "BENCH sphinx steps %.2f us of the hop's %.1f beyond its multiplications (rest: parsing,"
            + " result objects, allocation; young collections before measuring: %d)%n",
        steps, extra, collections);
  }

  /**
   * Allocates garbage until the collector has emptied the young generation three times. Until a
   * JVM has filled its young generation once, every newly allocated 4 KB page costs a page fault
   * (2-3 us on this VM), which a node that has run for a while no longer pays; without this the
   * rounds would charge each operation for the faults of its allocations. Returns the number of
   * young collections it took.
   */
  private static int touchYoungGeneration() {
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    long before = collections(collectors);
    while (collections(collectors) < before + 3) {
      for (int i = 0; i < 1024; i++) {
        garbage = new byte[4096];
      }
    }
    garbage = null;
    return (int) (collections(collectors) - before);
  }

  private static long collections(List<GarbageCollectorMXBean> collectors) {
    long n = 0;
    for (GarbageCollectorMXBean c : collectors) {
      n += Math.max(0, c.getCollectionCount());
    }
    return n;
  }

  /** Bytes this thread allocates per run of {@code op}, over 100 runs. */
  private static long allocated(Op op) throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) CpuRounds.THREADS;
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 100; i++) {
      op.run();
    }
    return (threads.getThreadAllocatedBytes(id) - before) / 100;
  }
}
