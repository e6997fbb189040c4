package net.nym.api.keys;

import java.nio.file.Path;

/** A key file could not be created or loaded; the message names the file and the reason. */
public class KeyStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public KeyStoreException(Path file, String message) {
    this(file, message, null);
  }

  public KeyStoreException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The key file concerned. */
  public Path file() {
    return file;
  }
}
