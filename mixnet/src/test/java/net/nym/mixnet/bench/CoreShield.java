package net.nym.mixnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keeps one core for the process under test, the way {@code cset shield --kthread=on} does: every
 * other thread on the machine that may run on that core and may be moved (user threads and
 * unbound kernel threads such as {@code kdamond}) is moved to another core until {@link #close()}
 * puts each back where it was. Per-core kernel threads (ksoftirqd, per-core workqueues) cannot be
 * moved and stay.
 *
 * <p>Why: on the 2-core VM the benchmarks run on, other tasks took the node's core for 1 to 29 ms
 * at a time (the VM's agent, DAMON's {@code kdamond}), a dozen times in 10 s; each such stall
 * queues every packet that arrives meanwhile, and decided the node's latency p99. Shielding a core
 * under test is standard for latency measurements. It needs the right to change other tasks'
 * affinity (root); without it nothing is moved and the report says so.
 */
final class CoreShield implements AutoCloseable {
  private final int core;
  /** Thread id to its affinity mask (hex, as taskset prints it) before the shield. */
  private final Map<String, String> moved = new LinkedHashMap<>();

  private int refused;

  private CoreShield(int core) {
    this.core = core;
  }

  /**
   * Moves every movable thread except those of {@code keep} (process ids) off {@code core} to
   * {@code to}.
   */
  static CoreShield shield(int core, int to, List<Long> keep) {
    CoreShield shield = new CoreShield(core);
    Runtime.getRuntime().addShutdownHook(new Thread(shield::close, "core-shield-restore"));
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.toList()) {
        String pid = process.getFileName().toString();
        if (!pid.chars().allMatch(Character::isDigit) || keep.contains(Long.parseLong(pid))) {
          continue;
        }
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
          for (Path task : tasks.toList()) {
            shield.move(task.getFileName().toString(), to);
          }
        } catch (IOException e) {
          // the process exited meanwhile
        }
      }
    } catch (IOException e) {
      // no /proc: nothing to shield
    }
    return shield;
  }

  private void move(String tid, int to) {
    String mask = mask(tid);
    if (mask == null) {
      return;
    }
    long bits = Long.parseLong(mask, 16);
    long coreBit = 1L << core;
    if ((bits & coreBit) == 0) {
      return;
    }
    if (bits == coreBit) {
      refused++; // bound to this core (a per-core kernel thread): cannot move
      return;
    }
    if (Commands.run("taskset", "-p", Long.toHexString(1L << to), tid)) {
      moved.put(tid, mask);
    } else {
      refused++;
    }
  }

  /** How many threads were moved off the core. */
  int moved() {
    return moved.size();
  }

  /** How many threads that may run on the core could not be moved. */
  int refused() {
    return refused;
  }

  int core() {
    return core;
  }

  /** Puts every moved thread that still exists back to its former affinity. */
  @Override
  public synchronized void close() {
    moved.forEach(
        (tid, mask) -> {
          if (Files.exists(Path.of("/proc", tid))) {
            Commands.run("taskset", "-p", mask, tid);
          }
        });
    moved.clear();
  }

  /** The thread's affinity mask in hex, or null if it is gone or taskset is missing. */
  private static String mask(String tid) {
    String out = Commands.output("taskset", "-p", tid);
    return out == null || !out.contains(": ") ? null : out.substring(out.lastIndexOf(": ") + 2);
  }
}
