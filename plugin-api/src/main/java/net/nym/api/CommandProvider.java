package net.nym.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Contributes subcommands to the {@code nym} command tree.
 *
 * <h2>Lifecycle</h2>
 *
 * <ul>
 *   <li><b>Created</b> by the host's PF4J extension factory, once per process, after the plugin
 *       that declares it has been started. Mark the class with {@code @org.pf4j.Extension} and
 *       give it a public no-argument constructor.
 *   <li><b>Called</b> once, on the main thread, while the host builds the command tree and before
 *       any command runs: {@link #commands} must be quick and must not open sockets or files.
 *   <li><b>Instances</b>: one per process. The returned command objects are mounted at the root of
 *       the tree ({@code nym <name> ...}); the interactive shell re-uses the same objects for every
 *       line it runs, so a command must reset any per-run state in its {@code call()}/{@code run()}.
 *   <li><b>Clashes</b>: a command whose name (or alias) is already taken by the host or by another
 *       plugin is refused; the host reports both plugins and skips the whole plugin that came
 *       second, so that a half-mounted plugin never runs.
 * </ul>
 *
 * <p>Commands print through picocli's writers ({@code spec.commandLine().getOut()} / {@code
 * getErr()}), never {@code System.out}, so that tests and the shell can capture them.
 */
public interface CommandProvider extends ExtensionPoint {

  /**
   * Returns the top-level commands this plugin adds: objects annotated with picocli's
   * {@code @Command} (or ready {@code picocli.CommandLine} instances). Each needs a name.
   *
   * @param context the host services for this plugin; keep it if the commands need it later
   * @return a fresh list of command objects; never {@code null}
   */
  List<Object> commands(PluginContext context);
}
