package net.nym.mixnet.cli;

/** The {@code -o} formats of the node commands. */
public enum OutputFormat {
  /** Lines for humans. */
  text,
  /** One JSON object. */
  json
}
