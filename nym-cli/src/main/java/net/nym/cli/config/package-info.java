/**
 * The host's configuration service: configuration records written as commented, versioned TOML 1.0
 * and read back through Jackson's TOML parser, with migrations from older versions and error
 * messages that name the file, the dotted key and what was expected. The format rules are in {@code
 * docs/config.md}.
 */
package net.nym.cli.config;
