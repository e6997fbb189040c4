/**
 * Shell completion: {@code nym completion [bash|zsh]} prints picocli's completion script for the
 * command tree as loaded (user plugins included); {@link
 * net.nym.cli.completion.CompletionGenerator} writes the same scripts at build time for the
 * built-in commands and the bundled plugins.
 */
package net.nym.cli.completion;
