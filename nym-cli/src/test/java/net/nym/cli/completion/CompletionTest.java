package net.nym.cli.completion;

import static net.nym.cli.testing.TestPluginJar.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.nym.cli.testing.TestNym;
import net.nym.cli.testing.TestNym.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {

  @TempDir Path tmp;

  @Test
  void bashScriptCoversBuiltInsAndTheLoadedPluginsCommands() throws Exception {
    try (TestNym nym = new TestNym(tmp).withHelloPlugin()) {
      plugin("greeter")
          .sources("greeter")
          .extension("net.nym.test.greeter.GreeterCommands")
          .writeTo(nym.userPlugins());

      Result r = nym.run("completion");

      assertThat(r.exitCode()).isZero();
      assertThat(r.out())
          .startsWith("#!/usr/bin/env bash")
          .contains("complete -F _complete_nym")
          .contains("hello")
          .contains("greet")
          .contains("plugins")
          .contains("--home");
      // The subcommand's own options are completed too.
      assertThat(r.out()).contains("--name");
    }
  }

  @Test
  void zshScriptIsTheBashScriptWhichLoadsBashcompinit() throws Exception {
    try (TestNym nym = new TestNym(tmp).withHelloPlugin()) {
      Result r = nym.run("completion", "zsh");

      assertThat(r.exitCode()).isZero();
      assertThat(r.out())
          .startsWith("# zsh completion for nym")
          .contains("bashcompinit")
          .contains("hello");
    }
  }

  @Test
  void unknownShellIsAUsageError() throws Exception {
    try (TestNym nym = new TestNym(tmp)) {
      Result r = nym.run("completion", "fish");

      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("expected one of [bash, zsh]");
    }
  }

  @Test
  void generatorWritesBothScriptsForTheBuiltInsAndTheBundledPlugins() throws Exception {
    Path bundled = Files.createDirectories(tmp.resolve("bundled"));
    Files.copy(TestNym.helloJar(), bundled.resolve("hello.jar"));
    Path out = tmp.resolve("completions");
    StringWriter err = new StringWriter();

    int exitCode = CompletionGenerator.generate(out, List.of(bundled), new PrintWriter(err));

    assertThat(exitCode).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(Files.readString(out.resolve("nym.bash"))).contains("hello").contains("shell");
    assertThat(Files.readString(out.resolve("_nym"))).contains("bashcompinit").contains("hello");
  }

  @Test
  void generatorWithoutPluginsCoversTheBuiltIns() throws Exception {
    Path out = tmp.resolve("completions");

    int exitCode =
        CompletionGenerator.generate(
            out, List.of(tmp.resolve("missing")), new PrintWriter(new StringWriter()));

    assertThat(exitCode).isZero();
    assertThat(Files.readString(out.resolve("nym.bash")))
        .contains("plugins")
        .doesNotContain("hello");
  }

  @Test
  void generatorFailsOnABrokenBundledPlugin() throws Exception {
    Path bundled = tmp.resolve("bundled");
    plugin("broken").without("Plugin-Version").writeTo(bundled);
    StringWriter err = new StringWriter();

    int exitCode =
        CompletionGenerator.generate(tmp.resolve("out"), List.of(bundled), new PrintWriter(err));

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("nym: plugin 'broken' skipped: the manifest has no Plugin-Version\n");
  }
}
