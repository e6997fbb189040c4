package net.nym.mixnet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs the OS tools the load generator uses ({@code taskset}, {@code renice}) and waits for them.
 */
final class Commands {
  private Commands() {}

  /** Whether {@code command} ran and exited with 0; its output is discarded. */
  static boolean run(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The trimmed output (stdout and stderr) of {@code command}, or null unless it exited with 0. */
  static String output(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
