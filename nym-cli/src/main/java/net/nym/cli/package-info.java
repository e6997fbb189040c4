/**
 * The {@code nym} command: {@link net.nym.cli.Nym} is the picocli root command and the {@code main}
 * class; {@link net.nym.cli.NymHost} assembles one process's command tree (built-in commands plus
 * the commands of the loaded plugins), its host services and its error handling; {@link
 * net.nym.cli.HostEnvironment} is everything it takes from the outside world, so that tests run the
 * real thing with captured output.
 */
package net.nym.cli;
