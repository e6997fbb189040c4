package net.nym.cli.completion;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.nym.cli.HostEnvironment;
import net.nym.cli.NymHost;
import net.nym.cli.plugin.PluginHost;

/**
 * Writes the completion scripts at build time: {@code nym.bash} (bash) and {@code _nym} (zsh, to be
 * sourced) for the built-in commands plus the plugins in one directory.
 *
 * <p>Usage: {@code CompletionGenerator OUTPUT_DIR [PLUGINS_DIR]}. A missing plugins directory means
 * no plugins. Exits 1 if a plugin there cannot be loaded (a bundled plugin must be sound), 2 on
 * wrong arguments.
 */
public final class CompletionGenerator {

  /** The bash script's file name. */
  public static final String BASH_FILE = "nym.bash";

  /** The zsh script's file name. */
  public static final String ZSH_FILE = "_nym";

  private CompletionGenerator() {}

  /** Runs the generator; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: CompletionGenerator OUTPUT_DIR [PLUGINS_DIR]");
      System.exit(2);
      return;
    }
    List<Path> roots = args.length == 2 ? List.of(Path.of(args[1]).toAbsolutePath()) : List.of();
    int exitCode =
        generate(Path.of(args[0]).toAbsolutePath(), roots, new PrintWriter(System.err, true));
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /**
   * Writes both scripts into {@code outputDir} for the built-ins plus the plugins in {@code
   * pluginRoots}; reports unloadable plugins on {@code err}.
   *
   * @return 0, or 1 if a plugin could not be loaded (the scripts are written anyway)
   */
  public static int generate(Path outputDir, List<Path> pluginRoots, PrintWriter err)
      throws IOException {
    Path userHome = Path.of(System.getProperty("user.home")).toAbsolutePath();
    HostEnvironment env =
        new HostEnvironment(
            pluginRoots,
            userHome,
            Map.of(),
            new PrintWriter(System.out, true),
            err,
            () -> {
              throw new IOException("no terminal while generating completion scripts");
            });
    try (NymHost host = NymHost.open(env)) {
      Files.createDirectories(outputDir);
      Files.writeString(
          outputDir.resolve(BASH_FILE),
          CompletionScripts.script(host.commandLine(), CompletionScripts.Shell.bash));
      Files.writeString(
          outputDir.resolve(ZSH_FILE),
          CompletionScripts.script(host.commandLine(), CompletionScripts.Shell.zsh));
      List<PluginHost.Problem> problems = host.plugins().problems();
      problems.forEach(problem -> err.println("nym: " + problem.line()));
      err.flush();
      return problems.isEmpty() ? 0 : 1;
    }
  }
}
