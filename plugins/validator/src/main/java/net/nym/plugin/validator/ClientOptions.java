package net.nym.plugin.validator;

import java.math.BigDecimal;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to validators ({@code --validator}, {@code -o}). */
final class ClientOptions {
  @Option(
      names = "--validator",
      paramLabel = "URL",
      split = ",",
      defaultValue = "${env:NYM_VALIDATOR:-http://127.0.0.1:8080}",
      description = "Validator API URLs, comma-separated or repeated; tried in turn"
          + " (default: $NYM_VALIDATOR or http://127.0.0.1:8080).")
  List<String> validators;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  ValidatorClient client() {
    return new ValidatorClient(validators);
  }

  /** Output formats. */
  enum OutputFormat {
    text,
    json
  }

  /**
   * Parses an amount: {@code 12unym}, {@code 12} (unym), or {@code 1.5nym} (1,500,000 unym).
   *
   * @throws IllegalArgumentException naming the text if it is not an amount
   */
  static long amount(String option, String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("unym")) {
        return positive(option, text, Long.parseLong(t.substring(0, t.length() - 4).strip()));
      }
      if (t.endsWith("nym")) {
        BigDecimal v = new BigDecimal(t.substring(0, t.length() - 3).strip()).movePointRight(6);
        return positive(option, text, v.longValueExact());
      }
      return positive(option, text, Long.parseLong(t));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(option + ": '" + text
          + "' is not an amount (e.g. 100nym, 2.5nym or 2500000unym)");
    }
  }

  private static long positive(String option, String text, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(option + ": '" + text + "' must be positive");
    }
    return v;
  }

  /** {@code unym} as {@code 1.5 nym (1500000 unym)}. */
  static String format(long unym) {
    return BigDecimal.valueOf(unym, 6).stripTrailingZeros().toPlainString() + " nym (" + unym
        + " unym)";
  }
}
