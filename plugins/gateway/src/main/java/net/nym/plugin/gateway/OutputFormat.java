package net.nym.plugin.gateway;

/** The {@code -o} formats of the data commands. */
enum OutputFormat {
  /** Lines for humans. */
  text,
  /** One JSON object. */
  json
}
