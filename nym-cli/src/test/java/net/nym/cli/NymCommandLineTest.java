package net.nym.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import net.nym.cli.testing.TestNym;
import net.nym.cli.testing.TestNym.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nym} through {@code CommandLine.execute} with the real hello plugin jar installed. */
class NymCommandLineTest {

  @TempDir Path tmp;

  private TestNym nym;

  @BeforeEach
  void setUp() throws Exception {
    nym = new TestNym(tmp).withHelloPlugin();
  }

  @AfterEach
  void tearDown() {
    nym.close();
  }

  @Test
  void versionShowsNymJavaAndPluginCount() throws Exception {
    Result r = nym.run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("nym " + NymVersion.get())
        .contains("Java " + System.getProperty("java.version"))
        .contains(System.getProperty("java.vendor"))
        .contains("Plugins: 1 loaded");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void helpListsBuiltInsAndPluginCommandsWithTheirPlugin() throws Exception {
    Result r = nym.run("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: nym").contains("--home=DIR").contains("-v, --verbose");
    String commands = r.out().substring(r.out().indexOf("Commands:"));
    assertThat(commands)
        .containsPattern("(?m)^  plugins +Lists and describes the installed plugins\\.$")
        .containsPattern("(?m)^  shell +")
        .containsPattern("(?m)^  completion +")
        .containsPattern("(?m)^  help +")
        .containsPattern("(?s)  hello +Greets you.*\\[plugin: hello]");
    assertThat(commands.lines().filter(l -> l.contains("[plugin:"))).hasSize(1);
  }

  @Test
  void helloRunsAndUsesThePluginContext() throws Exception {
    Result r = nym.run("hello", "--name", "Ada");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .isEqualTo("Hello, Ada!\nNode homes: " + nym.userHome().resolve(".nym") + "\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void helloPrintsJson() throws Exception {
    Result r = nym.run("hello", "-o", "json");

    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("greeting").asText()).isEqualTo("Hello, world!");
    assertThat(json.get("host").asText()).isEqualTo("nym " + NymVersion.get());
  }

  @Test
  void homeOptionBeatsNymHomeWhichBeatsTheDefault() throws Exception {
    Path fromOption = tmp.resolve("option-home");
    Path fromEnv = tmp.resolve("env-home");
    nym.withEnv(Map.of("NYM_HOME", fromEnv.toString()));

    assertThat(nym.run("hello").out()).contains("Node homes: " + fromEnv);
    assertThat(nym.run("--home", fromOption.toString(), "hello").out())
        .contains("Node homes: " + fromOption);
    // A later command without --home is back to NYM_HOME: options do not stick.
    assertThat(nym.run("hello").out()).contains("Node homes: " + fromEnv);
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitCode2AndAHint() throws Exception {
    Result r = nym.run("--no-such-option");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("nym: Unknown option: '--no-such-option'")
        .contains("Try 'nym --help' for more information.");
  }

  @Test
  void usageErrorInAPluginCommandPointsAtItsHelp() throws Exception {
    Result r = nym.run("hello", "--nmae");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("nym hello: Unknown option: '--nmae'")
        .contains("Try 'nym help hello' for more information.");
  }

  @Test
  void noCommandIsAUsageError() throws Exception {
    Result r = nym.run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required subcommand");
  }

  @Test
  void runtimeErrorIsOneLineWithExitCode1AndNoStackTrace() throws Exception {
    Result r = nym.run("plugins", "info", "nope");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("nym plugins info: no plugin 'nope' is installed (see nym plugins list)\n");
  }

  @Test
  void verboseAddsTheStackTrace() throws Exception {
    Result r = nym.run("-v", "plugins", "info", "nope");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("nym plugins info: no plugin 'nope' is installed")
        .contains("java.lang.IllegalArgumentException")
        .contains("\tat net.nym.cli.commands.PluginsCommand$InfoCommand.call");
  }

  @Test
  void pluginsInfoShowsManifestFieldsPathExtensionsAndCommands() throws Exception {
    Result r = nym.run("plugins", "info", "hello");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Id:           hello")
        .contains("Version:      " + NymVersion.get())
        .contains("State:        STARTED")
        .contains("Requires:     >=0.1.0")
        .contains("Provider:     The nym authors")
        .contains("Plugin class: net.nym.examples.hello.HelloPlugin")
        .contains("Path:         " + nym.installPlugins().resolve(TestNym.helloJar().getFileName()))
        .contains("Extensions:   net.nym.examples.hello.HelloCommands")
        .contains("Commands:     hello");
  }

  @Test
  void pluginsListTextShowsOneRowPerPlugin() throws Exception {
    Result r = nym.run("plugins", "list");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines())
        .containsExactly(
            "ID     VERSION  STATE    COMMANDS  REASON",
            "hello  " + NymVersion.get() + "    STARTED  hello");
  }

  @Test
  void pluginsListWithoutPluginsNamesTheDirectories(@TempDir Path empty) throws Exception {
    try (TestNym bare = new TestNym(empty)) {
      Result r = bare.run("plugins", "list");

      assertThat(r.exitCode()).isZero();
      assertThat(r.out())
          .contains("No plugins installed")
          .contains(bare.installPlugins().toString())
          .contains(bare.userPlugins().toString());
      assertThat(new ObjectMapper().readTree(bare.run("plugins", "list", "-o", "json").out()))
          .isEmpty();
    }
  }
}
