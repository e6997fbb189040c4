package net.nym.cli;

/**
 * The root options in force for one command: {@code --home} and the {@code -v} count.
 *
 * @param home the {@code --home} value, or {@code null} when not given
 * @param verbosity how many times {@code -v} was given
 */
public record GlobalOptions(String home, int verbosity) {

  /** No options given. */
  public static final GlobalOptions NONE = new GlobalOptions(null, 0);
}
