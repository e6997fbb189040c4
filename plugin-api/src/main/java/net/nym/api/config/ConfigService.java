package net.nym.api.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes configuration records as commented TOML 1.0.
 *
 * <p>Writing puts {@code version = N} first, then every record component as a key (nested records
 * as tables), each preceded by its {@link ConfigComment}. Reading binds the file to the record:
 * a value of the wrong type or out of range is a {@link ConfigException} naming file, key and
 * what was expected; an unknown key is a warning (returned and logged), not an error; a file of an
 * older version is migrated through the schema's migrations, and a file of a newer version, or of
 * an older one with no migration, is refused.
 *
 * <p>Keys are the record component names in snake_case ({@code listeningPort} is {@code
 * listening_port}). Every key is required except those of {@code Optional} components. Supported
 * component types: {@code String}, {@code boolean}, {@code int}, {@code long}, {@code double},
 * enums (lower-case strings), {@code Path}, {@code Duration} (strings such as {@code "10s"} or
 * {@code "1m 30s"}), {@code List}s of those, nested records (tables) and {@code Optional}s of any
 * of these. Validate values in the record's compact constructor with an {@code
 * IllegalArgumentException} that names the component: it is reported against the file and key.
 * The full rules are in {@code docs/config.md}.
 *
 * <p>Implemented by the host; thread-safe.
 */
public interface ConfigService {

  /** The result of a read: the bound value and the warnings (unknown keys, migrations applied). */
  record Loaded<T>(T value, List<String> warnings) {
    public Loaded {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Reads {@code file}.
   *
   * @throws ConfigException if the file is missing, unreadable, not TOML 1.0, of an unusable
   *     version, or holds a bad value
   */
  <T extends Record> Loaded<T> read(Path file, ConfigSchema<T> schema) throws ConfigException;

  /**
   * Writes {@code value} to {@code file}, creating parent directories.
   *
   * @param force overwrite an existing file; without it an existing file is an error
   * @throws ConfigException if the file exists and {@code force} is false, or cannot be written
   */
  <T extends Record> void write(Path file, T value, ConfigSchema<T> schema, boolean force)
      throws ConfigException;
}
