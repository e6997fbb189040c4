package net.nym.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build of {@code nym}, from {@code nym-version.properties}. */
public final class NymVersion {

  private static final String VERSION = load();

  private NymVersion() {}

  /** The version, e.g. {@code 0.1.0}. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = NymVersion.class.getResourceAsStream("nym-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("nym-version.properties is missing from the nym-cli jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
