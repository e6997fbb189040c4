package net.nym.api.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A configuration file could not be read or written. The message names the file, the key (when
 * there is one) and what was expected, ready to show to an operator as it is.
 */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String key;

  /**
   * @param file the file concerned, or {@code null} when none is
   * @param key the dotted key concerned (e.g. {@code mixnet.port}), or {@code null}
   * @param message what is wrong and what was expected
   */
  public ConfigException(Path file, String key, String message) {
    this(file, key, message, null);
  }

  public ConfigException(Path file, String key, String message, Throwable cause) {
    super(format(file, key, message), cause);
    this.file = file;
    this.key = key;
  }

  /** The file concerned. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The dotted key concerned. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  private static String format(Path file, String key, String message) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
    }
    if (key != null) {
      sb.append(sb.length() > 0 ? ": " : "").append("key '").append(key).append('\'');
    }
    if (sb.length() > 0) {
      sb.append(": ");
    }
    return sb.append(message).toString();
  }
}
