package net.nym.plugin.validator.raft;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * An HTTP/1.1 load generator meant to run in its own JVM (the benchmark starts it with {@code
 * java -cp test-classes}, pinned to another core than the server when {@code taskset} exists):
 * one thread, one NIO selector, {@code clients} keep-alive connections, at most one request
 * outstanding on each. A request's latency runs from its write to the read of the last byte of
 * its response (status 200 and {@code Content-Length} checked, body fully read).
 *
 * <p>Arguments: {@code HOST PORT PATH CLIENTS PHASE...}, the phases run one after the other on
 * the same connections:
 *
 * <ul>
 *   <li>{@code closed:REQUESTS:WARMUP}: closed loop, each client sends its next request as soon
 *       as the previous answer arrived, {@code WARMUP + REQUESTS} times; its first {@code WARMUP}
 *       answers are not recorded.
 *   <li>{@code open:RATE:SECONDS}: open loop, {@code RATE} requests/s spread evenly over the
 *       clients (client {@code i} is due at {@code (i + k·CLIENTS) / RATE}); a request due while
 *       its connection still waits for an answer is sent when the answer arrives. A send more than
 *       1 ms after it was due is counted as late.
 * </ul>
 *
 * <p>Prints one line per phase: {@code LOAD PHASE n=… p50_us=… p99_us=… max_us=… rps=… late=…
 * max_lag_us=… cpu_us_per_req=…}: {@code n} recorded latencies, {@code rps} every answer of the
 * phase (warm-up included) over its duration, {@code cpu_us_per_req} this generator's own thread
 * CPU time.
 */
public final class HttpLoad {
  private final Selector selector;
  private final Conn[] conns;
  private final byte[] request;
  private long[] latencies;
  private int recorded;
  private int answers;
  private int late;
  private long maxLag;

  private HttpLoad(InetSocketAddress server, String path, int clients) throws IOException {
    request = ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    selector = Selector.open();
    conns = new Conn[clients];
    for (int i = 0; i < clients; i++) {
      SocketChannel ch = SocketChannel.open(server);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.configureBlocking(false);
      conns[i] = new Conn(ch);
      ch.register(selector, SelectionKey.OP_READ, conns[i]);
    }
  }

  /** One keep-alive connection and the response being read on it. */
  private final class Conn {
    final SocketChannel ch;
    final ByteBuffer in = ByteBuffer.allocate(1 << 16);
    final ByteBuffer out = ByteBuffer.wrap(request);
    long sentAt;
    boolean waiting;
    int answered;
    long nextDue;

    Conn(SocketChannel ch) {
      this.ch = ch;
    }

    void send(long now) throws IOException {
      out.clear();
      sentAt = now;
      waiting = true;
      while (out.hasRemaining()) {
        ch.write(out);
      }
    }

    /** Reads what arrived; true when a whole response is in. */
    boolean read() throws IOException {
      if (ch.read(in) < 0) {
        throw new IOException("the server closed a keep-alive connection");
      }
      int end = headerEnd(in);
      if (end < 0) {
        if (!in.hasRemaining()) {
          throw new IOException("response header above " + in.capacity() + " bytes");
        }
        return false;
      }
      int status = (in.get(9) - '0') * 100 + (in.get(10) - '0') * 10 + (in.get(11) - '0');
      if (status != 200) {
        throw new IOException("status " + status);
      }
      long total = end + contentLength(in, end);
      if (in.position() < total) {
        return false;
      }
      if (in.position() > total) {
        throw new IOException("more bytes than the response announced");
      }
      in.clear();
      waiting = false;
      answered++;
      answers++;
      return true;
    }
  }

  /** The index after the blank line ending the header, or -1. */
  private static int headerEnd(ByteBuffer b) {
    for (int i = 3; i < b.position(); i++) {
      if (b.get(i) == '\n' && b.get(i - 1) == '\r' && b.get(i - 2) == '\n'
          && b.get(i - 3) == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  private static final byte[] CONTENT_LENGTH =
      "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

  /** The Content-Length of the header in {@code b} up to {@code end}, read in place. */
  private static long contentLength(ByteBuffer b, int end) throws IOException {
    for (int i = 0; i + CONTENT_LENGTH.length < end; i++) {
      int k = 0;
      while (k < CONTENT_LENGTH.length
          && Character.toLowerCase(b.get(i + k)) == CONTENT_LENGTH[k]) {
        k++;
      }
      if (k == CONTENT_LENGTH.length) {
        long n = 0;
        int j = i + k;
        while (b.get(j) == ' ') {
          j++;
        }
        for (; b.get(j) >= '0' && b.get(j) <= '9'; j++) {
          n = n * 10 + b.get(j) - '0';
        }
        return n;
      }
    }
    throw new IOException("no content-length");
  }

  private void closed(int perClient, int warmup) throws IOException {
    latencies = new long[conns.length * perClient];
    long now = System.nanoTime();
    for (Conn c : conns) {
      c.send(now);
    }
    int finished = 0;
    while (finished < conns.length) {
      selector.select();
      for (SelectionKey k : selector.selectedKeys()) {
        Conn c = (Conn) k.attachment();
        if (c.read()) {
          now = System.nanoTime();
          if (c.answered > warmup) {
            latencies[recorded++] = now - c.sentAt;
          }
          if (c.answered < warmup + perClient) {
            c.send(now);
          } else {
            finished++;
          }
        }
      }
      selector.selectedKeys().clear();
    }
  }

  private void open(int rate, int seconds) throws IOException {
    long interval = 1_000_000_000L * conns.length / rate;
    latencies = new long[rate * seconds + conns.length];
    long start = System.nanoTime() + 10_000_000L;
    long stop = start + seconds * 1_000_000_000L;
    for (int i = 0; i < conns.length; i++) {
      conns[i].nextDue = start + 1_000_000_000L * i / rate;
    }
    while (true) {
      long now = System.nanoTime();
      long earliest = Long.MAX_VALUE;
      boolean busy = false;
      for (Conn c : conns) {
        if (!c.waiting && c.nextDue < stop && c.nextDue <= now) {
          long lag = now - c.nextDue;
          if (lag > 1_000_000L) {
            late++;
          }
          maxLag = Math.max(maxLag, lag);
          c.nextDue += interval;
          c.send(now);
        }
        busy |= c.waiting;
        if (!c.waiting && c.nextDue < stop) {
          earliest = Math.min(earliest, c.nextDue);
        }
      }
      if (!busy && earliest == Long.MAX_VALUE) {
        return;
      }
      long waitMs = earliest == Long.MAX_VALUE ? 0
          : Math.max(1, (earliest - System.nanoTime() + 999_999) / 1_000_000);
      selector.select(waitMs);
      for (SelectionKey k : selector.selectedKeys()) {
        Conn c = (Conn) k.attachment();
        if (c.read()) {
          latencies[recorded++] = System.nanoTime() - c.sentAt;
        }
      }
      selector.selectedKeys().clear();
    }
  }

  private void print(String phase, long nanos, long cpuNanos) {
    long[] l = Arrays.copyOf(latencies, recorded);
    Arrays.sort(l);
    System.out.printf(Locale.ROOT, "LOAD %s n=%d p50_us=%d p99_us=%d max_us=%d rps=%.0f late=%d"
        + " max_lag_us=%d cpu_us_per_req=%.2f%n", phase, l.length, l[l.length / 2] / 1000,
        l[(int) (l.length * 0.99)] / 1000, l[l.length - 1] / 1000, answers / (nanos / 1e9),
        late, maxLag / 1000, cpuNanos / 1e3 / answers);
    System.out.flush();
  }

  /** See the class comment. */
  public static void main(String[] args) throws IOException {
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    HttpLoad load = new HttpLoad(server, args[2], Integer.parseInt(args[3]));
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 4; i < args.length; i++) {
      String[] phase = args[i].split(":");
      load.recorded = 0;
      load.answers = 0;
      load.late = 0;
      load.maxLag = 0;
      for (Conn c : load.conns) {
        c.answered = 0;
      }
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      if (phase[0].equals("closed")) {
        load.closed(Integer.parseInt(phase[1]), Integer.parseInt(phase[2]));
      } else {
        load.open(Integer.parseInt(phase[1]), Integer.parseInt(phase[2]));
      }
      load.print(args[i], System.nanoTime() - t0, threads.getCurrentThreadCpuTime() - cpu0);
    }
    for (Conn c : load.conns) {
      c.ch.close();
    }
  }
}
