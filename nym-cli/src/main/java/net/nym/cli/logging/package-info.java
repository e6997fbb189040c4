/**
 * Logging setup: SLF4J over logback, quiet on the console by default ({@code -v} and {@code -vv}
 * raise it) and a log file per node home for running nodes. Plugins only ever see SLF4J.
 */
package net.nym.cli.logging;
