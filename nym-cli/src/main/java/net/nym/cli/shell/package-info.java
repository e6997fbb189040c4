/**
 * {@code nym shell}: an interactive JLine shell over the same command tree as the command line,
 * plugin commands included, with tab completion and a history file.
 */
package net.nym.cli.shell;
