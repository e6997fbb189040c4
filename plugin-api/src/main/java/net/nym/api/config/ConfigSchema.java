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
 * @param view whether the record is a view of part of a file that another component owns (for
 *     example the validator reading a mixnode's ports to bond it): keys that the record does not
 *     name are then expected, and are not reported as unknown
 * @param <T> the configuration record type
 */
public record ConfigSchema<T extends Record>(
    Class<T> type, int version, List<ConfigMigration> migrations, boolean view) {

  public ConfigSchema {
    Objects.requireNonNull(type, "type");
    if (version < 1) {
      throw new IllegalArgumentException("config version must be >= 1, got " + version);
    }
    migrations = List.copyOf(migrations);
  }

  /** A schema of a whole file, at {@code version}, with these migrations. */
  public ConfigSchema(Class<T> type, int version, List<ConfigMigration> migrations) {
    this(type, version, migrations, false);
  }

  /** A schema of a whole file at {@code version} with no migrations. */
  public static <T extends Record> ConfigSchema<T> of(Class<T> type, int version) {
    return new ConfigSchema<>(type, version, List.of(), false);
  }

  /**
   * A view of some keys of a file written at {@code version} by another component's schema: only
   * the record's keys are read and checked, the others are left alone without a warning. A view
   * is for reading; writing one would drop the keys it does not name.
   */
  public static <T extends Record> ConfigSchema<T> view(Class<T> type, int version) {
    return new ConfigSchema<>(type, version, List.of(), true);
  }
}
