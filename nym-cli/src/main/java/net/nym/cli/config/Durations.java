package net.nym.cli.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a {@link Duration} in configuration files, in the style of the {@code humantime}
 * crate that Nym's own configs use: a sequence of {@code <integer><unit>} parts such as {@code
 * "10s"}, {@code "250ms"} or {@code "1h 30m"}, with units {@code d}, {@code h}, {@code m}, {@code
 * s}, {@code ms}, {@code us} and {@code ns}.
 */
public final class Durations {
  /** What a duration looks like, for error messages. */
  public static final String EXPECTED =
      "a duration such as \"10s\", \"250ms\" or \"1h 30m\" (units d, h, m, s, ms, us, ns)";

  private static final Pattern PART = Pattern.compile("\\s*([0-9]+)\\s*(ns|us|ms|s|m|h|d)\\s*");
  private static final String[] UNITS = {"h", "m", "s", "ms", "us", "ns"};
  private static final long[] NANOS = {
    3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L
  };

  private Durations() {}

  /**
   * Formats a non-negative duration with the largest units first, hours being the largest ({@code
   * "36h"}, {@code "1m 30s"}, {@code "1s 500ms"}); zero is {@code "0s"}.
   *
   * @throws IllegalArgumentException if {@code d} is negative
   */
  public static String format(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a duration cannot be negative, got " + d);
    }
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long seconds = d.getSeconds();
    long hours = seconds / 3600;
    long[] whole = {hours, (seconds % 3600) / 60, seconds % 60};
    for (int i = 0; i < whole.length; i++) {
      append(out, whole[i], UNITS[i]);
    }
    long nanos = d.getNano();
    for (int i = 3; i < UNITS.length; i++) {
      append(out, nanos / NANOS[i], UNITS[i]);
      nanos %= NANOS[i];
    }
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(out.length() == 0 ? "" : " ").append(amount).append(unit);
    }
  }

  /**
   * Parses the text form; spaces between parts are optional ({@code "1m30s"}) and a unit may repeat
   * ({@code "1s 1s"} is two seconds).
   *
   * @throws IllegalArgumentException if {@code text} is not a duration or is too large
   */
  public static Duration parse(String text) {
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int at = 0;
    boolean any = false;
    while (at < text.length()) {
      m.region(at, text.length());
      if (!m.lookingAt()) {
        throw new IllegalArgumentException("not " + EXPECTED);
      }
      try {
        long amount = Long.parseLong(m.group(1));
        Duration part =
            switch (m.group(2)) {
              case "d" -> Duration.ofDays(amount);
              case "h" -> Duration.ofHours(amount);
              case "m" -> Duration.ofMinutes(amount);
              case "s" -> Duration.ofSeconds(amount);
              case "ms" -> Duration.ofMillis(amount);
              case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
              default -> Duration.ofNanos(amount);
            };
        total = total.plus(part);
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
      }
      any = true;
      at = m.end();
    }
    if (!any) {
      throw new IllegalArgumentException("not " + EXPECTED);
    }
    return total;
  }
}
