package net.nym.cli.shell;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import net.nym.cli.NymHost;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * {@code nym shell}: reads command lines and runs each through the same root command as {@code nym}
 * itself, so every built-in and plugin command works the same way, without the JVM start-up per
 * command.
 *
 * <p>Tab completes command names, options and enum values (picocli's completer, run on a {@link CompletionModel detached copy} of the tree).
 * History is kept in {@code <homes root>/history}. Ctrl-C drops the line being typed; Ctrl-D,
 * {@code exit} or {@code quit} leave. Global options given to {@code nym shell} ({@code --home},
 * {@code -v}) apply to every line that does not give its own.
 */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    description = {
      "Starts an interactive shell over all nym commands.",
      "Plugin commands included. Tab completes; history is kept in <homes root>/history;",
      "Ctrl-C drops the line, Ctrl-D, `exit` or `quit` leaves."
    })
public final class ShellCommand implements Callable<Integer> {

  /** The prompt. */
  static final String PROMPT = "nym> ";

  private static final Set<String> EXIT_WORDS = Set.of("exit", "quit");

  private final NymHost host;
  private boolean running;

  @Spec private CommandSpec spec;

  /** A shell over the command tree of {@code host}. */
  public ShellCommand(NymHost host) {
    this.host = host;
  }

  @Override
  public Integer call() throws Exception {
    if (running) {
      throw new IllegalStateException("already in the nym shell");
    }
    Path history = host.homesRoot().resolve("history");
    Files.createDirectories(history.getParent());
    running = true;
    try (Terminal terminal = host.environment().terminals().open()) {
      return host.inSession(() -> loop(spec.root().commandLine(), terminal, history));
    } finally {
      running = false;
    }
  }

  private static int loop(CommandLine root, Terminal terminal, Path history) throws Exception {
    LineReader reader =
        LineReaderBuilder.builder()
            .appName("nym")
            .terminal(terminal)
            .completer(new PicocliJLineCompleter(CompletionModel.copyOf(root.getCommandSpec())))
            .variable(LineReader.HISTORY_FILE, history)
            .build();
    PrintWriter out = terminal.writer();
    PrintWriter savedOut = root.getOut();
    PrintWriter savedErr = root.getErr();
    root.setOut(out);
    root.setErr(out);
    try {
      while (true) {
        try {
          reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        List<String> words =
            reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
          continue;
        }
        if (EXIT_WORDS.contains(words.get(0))) {
          break;
        }
        root.execute(words.toArray(String[]::new));
        out.flush();
      }
    } finally {
      root.setOut(savedOut);
      root.setErr(savedErr);
      reader.getHistory().save();
    }
    return 0;
  }
}
