package net.nym.cli.config;

import java.util.Locale;

/** TOML 1.0 lexical helpers: strings, floats, comments and key names. */
final class TomlText {
  private TomlText() {}

  /**
   * A TOML basic string ({@code "..."}) holding {@code s}: quotes, backslashes and control
   * characters are escaped; other characters, including non-ASCII ones, are written as they are
   * (the file is UTF-8).
   */
  static String basicString(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * {@link #basicString}, refusing strings that are not valid Unicode (an unpaired surrogate cannot
   * be written in UTF-8 nor escaped in TOML).
   */
  static String checkedBasicString(String s) throws ValueType.BadValue {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new ValueType.BadValue(
            "cannot write a string with an unpaired surrogate (U+"
                + String.format(Locale.ROOT, "%04X", (int) c)
                + ") at index "
                + i
                + "; it is not valid Unicode");
      }
    }
    return basicString(s);
  }

  /** A TOML float literal: {@code inf}, {@code -inf}, {@code nan} or Java's decimal form. */
  static String floatLiteral(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return Double.toString(d);
  }

  /**
   * Comment lines for {@code text}: each line prefixed by {@code "# "}; control characters, which
   * TOML does not allow in comments, become spaces.
   */
  static void appendComment(StringBuilder out, String text) {
    for (String line : text.split("\r\n|\r|\n", -1)) {
      StringBuilder clean = new StringBuilder(line.length());
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        clean.append((c < 0x20 && c != '\t') || c == 0x7f ? ' ' : c);
      }
      String stripped = clean.toString().stripTrailing();
      out.append(stripped.isEmpty() ? "#" : "# " + stripped).append('\n');
    }
  }

  /**
   * The TOML key of a record component: its name in snake_case ({@code listeningPort} becomes
   * {@code listening_port}, {@code httpAPIPort} becomes {@code http_api_port}).
   */
  static String keyName(String javaName) {
    StringBuilder out = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLowerOrDigit =
            i > 0
                && (Character.isLowerCase(javaName.charAt(i - 1))
                    || Character.isDigit(javaName.charAt(i - 1)));
        boolean endOfAcronym =
            i > 0
                && Character.isUpperCase(javaName.charAt(i - 1))
                && i + 1 < javaName.length()
                && Character.isLowerCase(javaName.charAt(i + 1));
        if (afterLowerOrDigit || endOfAcronym) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether {@code key} can be written as a TOML bare key. */
  static boolean isBareKey(String key) {
    return key.matches("[A-Za-z0-9_-]+");
  }
}
