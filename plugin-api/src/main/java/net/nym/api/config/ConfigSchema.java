package net.nym.api.config;

import java.util.List;
import java.util.Objects;

/**
 * What a configuration file holds: the record type it binds to, the current version and the
 * migrations from older versions.
 *
 * @param type the record class (nested records become TOML tables)
 * @param version the current version, written as the top-level {@code version} key; starts at 1
 * @param migrations one per older version still readable, in any order
 * @param <T> the configuration record type
 */
public record ConfigSchema<T extends Record>(
    Class<T> type, int version, List<ConfigMigration> migrations) {

  public ConfigSchema {
    Objects.requireNonNull(type, "type");
    if (version < 1) {
      throw new IllegalArgumentException("config version must be >= 1, got " + version);
    }
    migrations = List.copyOf(migrations);
  }

  /** A schema at {@code version} with no migrations. */
  public static <T extends Record> ConfigSchema<T> of(Class<T> type, int version) {
    return new ConfigSchema<>(type, version, List.of());
  }
}
