package net.nym.mixnet.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the replay tags of processed packets and reports repeats.
 *
 * <h2>Windowing</h2>
 *
 * <p>Nym resets its bloom filter whenever the sphinx key rotates: a packet built for a retired key
 * fails its MAC anyway, so tags older than the key need not be remembered. This node has one
 * long-lived sphinx key (no rotation yet), so the filter rotates on its own: it keeps a
 * <em>current</em> and a <em>previous</em> {@link BloomFilter}, each covering one window of {@link
 * Settings#window()}. A tag is a replay if either filter holds it; new tags go into the current
 * one. When the current filter's window has passed, or it holds as many tags as it was sized for,
 * it becomes the previous one and the old previous is forgotten. A replay is therefore always
 * caught within one window of the first copy, and never later than two windows after it. Each
 * filter is sized for {@code max(rate, 200) × window × 1.12} tags at a false-positive rate of 1e-5
 * (Nym's defaults), so a full filter wrongly drops at most one packet in 100 000.
 *
 * <h2>Persistence</h2>
 *
 * <p>{@link #save} writes both filters to a temporary file and renames it over the old one, so a
 * crash mid-write leaves the previous snapshot intact; {@link #load} reads it back at start (a
 * missing file gives empty filters; an unreadable one is set aside as {@code *.corrupt} and
 * replaced by empty filters, with one log line). Filters whose windows ended more than a window ago
 * are dropped on load.
 *
 * <p>Thread-safe: {@link #checkAndRecord} is called from the Sphinx worker threads.
 */
public final class ReplayFilter {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayFilter.class);
  private static final int MAGIC = 0x4e52_5046; // "NRPF"
  private static final int FORMAT = 1;

  /** Nym's lower bound on the sizing rate. */
  public static final int MIN_RATE = 200;

  /** Nym's sizing multiplier. */
  public static final double SIZE_MULTIPLIER = 1.12;

  /**
   * How the filters are sized.
   *
   * @param packetsPerSecond the expected packet rate (raised to at least {@link #MIN_RATE})
   * @param window how long one filter covers
   * @param falsePositiveRate the false-positive rate of a full filter (Nym: 1e-5)
   */
  public record Settings(long packetsPerSecond, Duration window, double falsePositiveRate) {
    /** Checks the values. */
    public Settings {
      Objects.requireNonNull(window, "window");
      if (packetsPerSecond < 1) {
        throw new IllegalArgumentException("replay filter: rate must be >= 1 packet/s");
      }
      if (window.toMillis() < 1) {
        throw new IllegalArgumentException("replay filter: window must be positive");
      }
    }

    /** The number of tags one filter is sized for. */
    public long capacity() {
      // rate × seconds × 1.12, in integers: rate × millis × 112 / 100 000, rounded up.
      long scaled = Math.max(packetsPerSecond, MIN_RATE) * window.toMillis() * 112;
      return Math.max(1, (scaled + 99_999) / 100_000);
    }

    /** Heap used by both filters, in bytes (for the operator's log line). */
    public long memoryBytes() {
      return 2 * BloomFilter.sized(capacity(), falsePositiveRate).sizeBytes();
    }
  }

  private final Settings settings;
  private final Clock clock;
  private BloomFilter current;
  private long currentStart;
  private BloomFilter previous;
  private long previousStart;

  private ReplayFilter(
      Settings settings,
      Clock clock,
      BloomFilter current,
      long currentStart,
      BloomFilter previous,
      long previousStart) {
    this.settings = settings;
    this.clock = clock;
    this.current = current;
    this.currentStart = currentStart;
    this.previous = previous;
    this.previousStart = previousStart;
  }

  /** Empty filters starting now. */
  public static ReplayFilter create(Settings settings, Clock clock) {
    return new ReplayFilter(
        settings,
        clock,
        BloomFilter.sized(settings.capacity(), settings.falsePositiveRate()),
        clock.millis(),
        null,
        0);
  }

  /**
   * Returns {@code true} if {@code tag} was seen before (the packet is a replay and must be
   * dropped); otherwise records it and returns {@code false}.
   */
  public synchronized boolean checkAndRecord(byte[] tag) {
    rotateIfDue();
    if (previous != null && previous.mightContain(tag)) {
      return true;
    }
    return current.testAndAdd(tag);
  }

  /** Tags recorded in the current and previous windows. */
  public synchronized long size() {
    return current.count() + (previous == null ? 0 : previous.count());
  }

  /** The sizing settings. */
  public Settings settings() {
    return settings;
  }

  private void rotateIfDue() {
    long now = clock.millis();
    long window = settings.window().toMillis();
    if (now - currentStart < window && current.count() < current.capacity()) {
      return;
    }
    boolean stale = now - currentStart >= 2 * window;
    previous = stale ? null : current;
    previousStart = currentStart;
    current = BloomFilter.sized(settings.capacity(), settings.falsePositiveRate());
    currentStart = now;
  }

  /**
   * Writes both filters to {@code file} atomically (temporary file, then rename).
   *
   * @throws IOException if the file cannot be written; the old snapshot is left as it was
   */
  public void save(Path file) throws IOException {
    BloomFilter cur;
    BloomFilter prev;
    long curStart;
    long prevStart;
    synchronized (this) {
      cur = current.copy();
      prev = previous == null ? null : previous.copy();
      curStart = currentStart;
      prevStart = previousStart;
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
          DataOutputStream out =
              new DataOutputStream(
                  new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeLong(curStart);
        cur.writeTo(out);
        out.writeBoolean(prev != null);
        if (prev != null) {
          out.writeLong(prevStart);
          prev.writeTo(out);
        }
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Loads the filters saved in {@code file}, or empty ones if there is none (or it is unreadable,
   * in which case it is renamed to {@code <file>.corrupt} and one warning is logged).
   */
  public static ReplayFilter load(Path file, Settings settings, Clock clock) {
    long now = clock.millis();
    long window = settings.window().toMillis();
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a replay filter file");
      }
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IOException("unknown format " + format);
      }
      long curStart = in.readLong();
      BloomFilter cur = BloomFilter.readFrom(in);
      BloomFilter prev = null;
      long prevStart = 0;
      if (in.readBoolean()) {
        prevStart = in.readLong();
        prev = BloomFilter.readFrom(in);
      }
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      if (prev != null && now - prevStart >= 2 * window) {
        prev = null;
      }
      if (now - curStart >= 2 * window) {
        return create(settings, clock);
      }
      return new ReplayFilter(settings, clock, cur, curStart, prev, prevStart);
    } catch (NoSuchFileException e) {
      return create(settings, clock);
    } catch (EOFException e) {
      return setAside(file, "truncated", settings, clock);
    } catch (IOException e) {
      return setAside(file, e.getMessage(), settings, clock);
    }
  }

  private static ReplayFilter setAside(Path file, String why, Settings settings, Clock clock) {
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      LOG.warn("replay filter {} unreadable ({}); moved to {}, starting empty", file, why, aside);
    } catch (IOException e) {
      LOG.warn(
          "replay filter {} unreadable ({}) and cannot be moved aside ({}); starting empty",
          file,
          why,
          e.getMessage());
    }
    return create(settings, clock);
  }
}
