package net.nym.cli.shell;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.nym.cli.testing.TestNym;
import net.nym.cli.testing.TestNym.Result;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nym shell} driven like a user at a terminal: the shell runs on its own thread over a JLine
 * {@link ExternalTerminal} (a line discipline over piped streams, which turns Ctrl-C into SIGINT as
 * a tty does), and the test types a line only after the prompt for it has appeared.
 */
class ShellCommandTest {

  private static final Pattern PROMPT = Pattern.compile(Pattern.quote(ShellCommand.PROMPT));
  private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

  @TempDir Path tmp;

  private TestNym nym;
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final PipedOutputStream keyboard = new PipedOutputStream();
  private CompletableFuture<Result> shell;

  @AfterEach
  void tearDown() throws IOException {
    keyboard.close();
    nym.close();
  }

  private void start(String... globalOptions) throws IOException {
    PipedInputStream keys = new PipedInputStream(keyboard, 4096);
    nym =
        new TestNym(tmp)
            .withHelloPlugin()
            .withTerminals(
                () -> {
                  ExternalTerminal terminal =
                      new ExternalTerminal("nym", "ansi", keys, screen, UTF_8);
                  terminal.setSize(new Size(120, 40));
                  return terminal;
                });
    nym.host();
    String[] args = new String[globalOptions.length + 1];
    System.arraycopy(globalOptions, 0, args, 0, globalOptions.length);
    args[globalOptions.length] = "shell";
    shell =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return nym.run(args);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    awaitPrompts(1);
  }

  /** Types {@code keys}, then waits for the prompt count to reach {@code prompts}. */
  private void type(String keys, int prompts) throws IOException {
    keyboard.write(keys.getBytes(UTF_8));
    keyboard.flush();
    awaitPrompts(prompts);
  }

  /** Types {@code keys} and waits until the line reader has taken them (it echoes them). */
  private void typeUntilEchoed(String keys) throws IOException {
    keyboard.write(keys.getBytes(UTF_8));
    keyboard.flush();
    await().atMost(Duration.ofSeconds(20)).until(() -> screen().contains(keys));
  }

  private void awaitPrompts(int count) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              Matcher m = PROMPT.matcher(screen());
              int n = 0;
              while (m.find()) {
                n++;
              }
              return n >= count || shell != null && shell.isDone();
            });
  }

  private Result exit(String keys) throws Exception {
    keyboard.write(keys.getBytes(UTF_8));
    keyboard.flush();
    return shell.get(20, TimeUnit.SECONDS);
  }

  /** What the user saw, without terminal control sequences. */
  private synchronized String screen() {
    return ESCAPES.matcher(screen.toString(UTF_8)).replaceAll("");
  }

  private Path history() {
    return nym.userHome().resolve(".nym").resolve("history");
  }

  @Test
  void runsPluginAndBuiltInCommandsAndWritesHistory() throws Exception {
    start();
    type("hello --name Ada\r", 2);
    type("plugins list\r", 3);
    Result r = exit("exit\r");

    assertThat(r.exitCode()).isZero();
    assertThat(screen())
        .contains("Hello, Ada!")
        .contains("Node homes: " + nym.userHome().resolve(".nym"))
        .contains("hello  0.1.0    STARTED  hello");
    assertThat(Files.readString(history())).contains("hello --name Ada").contains("plugins list");
  }

  @Test
  void errorsAreShownAndTheShellGoesOn() throws Exception {
    start();
    type("plugins info nope\r", 2);
    type("no-such-command\r", 3);
    type("hello\r", 4);
    Result r = exit("quit\r");

    assertThat(r.exitCode()).isZero();
    assertThat(screen())
        .contains("nym plugins info: no plugin 'nope' is installed")
        .contains("Unmatched argument at index 0: 'no-such-command'")
        .contains("Hello, world!");
  }

  @Test
  void ctrlDLeavesTheShell() throws Exception {
    start();
    type("hello\r", 2);
    Result r = exit("\u0004");

    assertThat(r.exitCode()).isZero();
    assertThat(screen()).contains("Hello, world!");
  }

  @Test
  void ctrlCDropsTheLineBeingTyped() throws Exception {
    start();
    typeUntilEchoed("hello --name Typo");
    type("\u0003", 2);
    type("hello --name Ada\r", 3);
    exit("exit\r");

    assertThat(screen()).contains("Hello, Ada!").doesNotContain("Hello, Typo!");
    assertThat(Files.readString(history())).doesNotContain("Typo");
  }

  @Test
  void tabCompletesCommandAndOptionNames() throws Exception {
    start();
    type("hell\t--na\tTab\r", 2);
    type("hello -o j\t\r", 3);
    exit("exit\r");

    assertThat(screen())
        .contains("nym> hello --name Tab")
        .contains("Hello, Tab!")
        .contains("nym> hello -o json")
        .contains("{\"greeting\":\"Hello, world!\"");
  }

  @Test
  void globalOptionsGivenToTheShellApplyToEveryLine() throws Exception {
    Path home = tmp.resolve("elsewhere");
    start("--home", home.toString());
    type("hello\r", 2);
    exit("exit\r");

    assertThat(screen()).contains("Node homes: " + home);
    assertThat(home.resolve("history")).exists();
  }

  @Test
  void shellInsideTheShellIsRefused() throws Exception {
    start();
    type("shell\r", 2);
    type("hello\r", 3);
    exit("exit\r");

    assertThat(screen()).contains("already in the nym shell").contains("Hello, world!");
  }
}
