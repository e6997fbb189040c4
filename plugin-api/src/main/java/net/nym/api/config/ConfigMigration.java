package net.nym.api.config;

import java.util.Map;

/**
 * Turns the key/value tree of a configuration file written at {@link #fromVersion()} into the
 * tree of version {@code fromVersion() + 1}.
 *
 * <p>Migrations run in order, on the plain tree that the TOML reader produced (tables are {@code
 * Map<String, Object>}, arrays are {@code List<Object>}), before the tree is bound to the
 * configuration record. They must be pure functions of their input.
 */
public interface ConfigMigration {

  /** The version this migration reads. */
  int fromVersion();

  /**
   * Returns the migrated tree; may modify and return {@code tree}.
   *
   * @throws ConfigException if the old file cannot be carried over (the message says what to do)
   */
  Map<String, Object> migrate(Map<String, Object> tree) throws ConfigException;
}
