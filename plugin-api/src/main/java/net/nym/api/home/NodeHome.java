package net.nym.api.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * One instance's directory: {@code <root>/<kind>/<id>/} with {@code config/config.toml}, {@code
 * data/} (keys, databases, state) and {@code logs/}.
 *
 * @param kind the kind of node or client, e.g. {@code mixnode}
 * @param id the instance id
 * @param dir the absolute home directory
 */
public record NodeHome(String kind, String id, Path dir) {

  /** {@code <home>/config}. */
  public Path configDir() {
    return dir.resolve("config");
  }

  /** {@code <home>/config/config.toml}. */
  public Path configFile() {
    return configDir().resolve("config.toml");
  }

  /** {@code <home>/data}: keys, databases and other state. */
  public Path dataDir() {
    return dir.resolve("data");
  }

  /** {@code <home>/logs}: the instance's log file when it runs. */
  public Path logDir() {
    return dir.resolve("logs");
  }

  /** Whether this instance has been initialised (its config file exists). */
  public boolean exists() {
    return Files.isRegularFile(configFile());
  }

  /**
   * Creates the home with its config, data and logs directories. On POSIX file systems each of
   * them (and the home itself) is made owner-only (0700): configs name key files and logs name
   * peers.
   */
  public void createDirectories() throws IOException {
    for (Path d : List.of(dir, configDir(), dataDir(), logDir())) {
      Files.createDirectories(d);
      if (Files.getFileStore(d).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }
}
