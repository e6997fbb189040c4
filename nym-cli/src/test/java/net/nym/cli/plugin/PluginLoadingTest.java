package net.nym.cli.plugin;

import static net.nym.cli.testing.TestPluginJar.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.nym.cli.testing.TestNym;
import net.nym.cli.testing.TestNym.Result;
import net.nym.cli.testing.TestPluginJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading real plugin jars: each kind of broken plugin is reported once with its id and reason,
 * skipped, listed as FAILED, and the hello plugin keeps working.
 */
class PluginLoadingTest {

  private static final String GREETER = "net.nym.test.greeter.GreeterCommands";
  private static final String CONSUMER = "net.nym.test.consumer.ConsumerCommands";

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

  private Path userPlugins() {
    return nym.userPlugins();
  }

  /** Runs {@code hello}, checks it still works, and returns the warnings printed with it. */
  private String helloStillWorks() throws Exception {
    Result hello = nym.run("hello", "--name", "Ada");
    assertThat(hello.exitCode()).isZero();
    assertThat(hello.out()).startsWith("Hello, Ada!");
    return hello.err();
  }

  private void assertReportedOnce(String warnings, String line) throws Exception {
    assertThat(warnings.lines()).containsExactly("nym: " + line);
    // Reported with the first command only.
    Result again = nym.run("hello");
    assertThat(again.err()).isEmpty();
  }

  private JsonNode status(String id) throws Exception {
    JsonNode list = new ObjectMapper().readTree(nym.run("plugins", "list", "-o", "json").out());
    for (JsonNode plugin : list) {
      if (plugin.get("id").asText().equals(id)) {
        return plugin;
      }
    }
    throw new AssertionError("no plugin " + id + " in " + list);
  }

  @Test
  void aWorkingTestPluginRunsWithItsOwnContextClassLoader() throws Exception {
    greeter().writeTo(userPlugins());

    Result r = nym.run("greet");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("greetings from greeter\nplugin=greeter tccl-is-plugin=true\n");
    assertThat(r.err()).isEmpty();
    assertThat(nym.run("gr").out()).startsWith("greetings from greeter");
    assertThat(Thread.currentThread().getContextClassLoader())
        .isSameAs(PluginLoadingTest.class.getClassLoader());
  }

  @Test
  void jarWithoutPluginIdIsReportedByFileNameAndSkipped() throws Exception {
    plugin("noid")
        .sources("greeter")
        .extension(GREETER)
        .without("Plugin-Id")
        .writeTo(userPlugins());

    assertReportedOnce(
        helloStillWorks(), "plugin jar 'noid-0.1.0.jar' skipped: the manifest has no Plugin-Id");
    JsonNode status = status("noid-0.1.0.jar");
    assertThat(status.get("state").asText()).isEqualTo("FAILED");
    assertThat(status.get("reason").asText()).isEqualTo("the manifest has no Plugin-Id");
    assertThat(nym.run("greet").exitCode()).isEqualTo(2);
  }

  @Test
  void jarWithoutPluginVersionIsReportedWithItsId() throws Exception {
    plugin("noversion").without("Plugin-Version").writeTo(userPlugins());

    assertReportedOnce(
        helloStillWorks(), "plugin 'noversion' skipped: the manifest has no Plugin-Version");
  }

  @Test
  void missingDependencyIsReportedAndTheDependentSkipped() throws Exception {
    plugin("needy")
        .sources("greeter")
        .extension(GREETER)
        .manifest("Plugin-Dependencies", "ghost")
        .writeTo(userPlugins());

    assertReportedOnce(
        helloStillWorks(),
        "plugin 'needy' skipped: it needs plugin 'ghost', which is not installed");
    assertThat(status("needy").get("state").asText()).isEqualTo("FAILED");
    assertThat(nym.run("greet").exitCode()).isEqualTo(2);
  }

  @Test
  void dependencyOfTheWrongVersionSkipsTheDependentNotTheDependency() throws Exception {
    greeter().writeTo(userPlugins());
    plugin("consumer")
        .sources("consumer")
        .extension(CONSUMER)
        .manifest("Plugin-Dependencies", "greeter@>=2.0.0")
        .writeTo(userPlugins());

    assertReportedOnce(
        helloStillWorks(),
        "plugin 'consumer' skipped: it needs plugin 'greeter' >=2.0.0, but 0.1.0 is installed");
    assertThat(status("greeter").get("state").asText()).isEqualTo("STARTED");
    assertThat(nym.run("greet").exitCode()).isZero();
  }

  @Test
  void unsatisfiedPluginRequiresIsReported() throws Exception {
    plugin("future")
        .sources("greeter")
        .extension(GREETER)
        .manifest("Plugin-Requires", ">=99.0.0")
        .writeTo(userPlugins());

    assertReportedOnce(
        helloStillWorks(),
        "plugin 'future' skipped: it requires nym >=99.0.0, but this is nym "
            + nym.host().version());
    JsonNode status = status("future");
    assertThat(status.get("state").asText()).isEqualTo("FAILED");
    assertThat(status.get("requires").asText()).isEqualTo(">=99.0.0");
    assertThat(nym.run("greet").exitCode()).isEqualTo(2);
  }

  @Test
  void exceptionInStartIsReported() throws Exception {
    plugin("failstart")
        .sources("failstart")
        .manifest("Plugin-Class", "net.nym.test.failstart.FailingPlugin")
        .extension("net.nym.test.failstart.FailStartCommands")
        .writeTo(userPlugins());

    assertReportedOnce(
        helloStillWorks(),
        "plugin 'failstart' skipped: start() failed: IllegalStateException: database is locked");
    assertThat(nym.run("failstart").exitCode()).isEqualTo(2);
  }

  @Test
  void verboseReportAddsTheStackTrace() throws Exception {
    plugin("failstart")
        .sources("failstart")
        .manifest("Plugin-Class", "net.nym.test.failstart.FailingPlugin")
        .writeTo(userPlugins());

    Result r = nym.run("-v", "hello");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .startsWith("nym: plugin 'failstart' skipped: start() failed:")
        .contains("java.lang.IllegalStateException: database is locked")
        .contains("\tat net.nym.test.failstart.FailingPlugin.start");
  }

  @Test
  void missingPluginClassIsReported() throws Exception {
    plugin("noclass").manifest("Plugin-Class", "net.nym.test.NoSuchPlugin").writeTo(userPlugins());

    String warnings = helloStillWorks();
    assertThat(warnings)
        .startsWith(
            "nym: plugin 'noclass' skipped: start() failed: "
                + "Plugin-Class net.nym.test.NoSuchPlugin cannot be loaded");
    assertThat(warnings.lines()).hasSize(1);
  }

  @Test
  void exceptionInCommandsIsReported() throws Exception {
    plugin("badcommands")
        .sources("badcommands")
        .extension("net.nym.test.badcommands.BadCommands")
        .writeTo(userPlugins());

    assertReportedOnce(
        helloStillWorks(),
        "plugin 'badcommands' skipped: net.nym.test.badcommands.BadCommands.commands() failed: "
            + "IllegalStateException: no commands today");
    assertThat(status("badcommands").get("state").asText()).isEqualTo("FAILED");
  }

  @Test
  void commandNameClashNamesBothPluginsAndSkipsTheWholeSecondPlugin() throws Exception {
    plugin("other")
        .sources("clash")
        .extension("net.nym.test.clash.ClashCommands")
        .writeTo(userPlugins());

    assertReportedOnce(
        helloStillWorks(),
        "plugin 'other' skipped: command 'hello' is already provided by plugin 'hello'");
    // Not even its other, unique command is mounted.
    assertThat(nym.run("clash-unique").exitCode()).isEqualTo(2);
    assertThat(nym.run("--help").out()).contains("[plugin: hello]").doesNotContain("other");
  }

  @Test
  void commandNameClashWithABuiltInIsReported() throws Exception {
    plugin("usurper")
        .sources("builtinclash")
        .extension("net.nym.test.builtinclash.BuiltinClashCommands")
        .writeTo(userPlugins());

    assertReportedOnce(
        helloStillWorks(),
        "plugin 'usurper' skipped: command 'plugins' is a built-in command of nym");
    assertThat(nym.run("plugins", "list").out()).contains("usurper").contains("FAILED");
  }

  @Test
  void pluginsListJsonShowsEveryFailureWithItsReasonAndWarnsOncePerPlugin() throws Exception {
    plugin("noid").without("Plugin-Id").writeTo(userPlugins());
    plugin("needy").manifest("Plugin-Dependencies", "ghost").writeTo(userPlugins());
    plugin("future").manifest("Plugin-Requires", ">=99.0.0").writeTo(userPlugins());
    plugin("failstart")
        .sources("failstart")
        .manifest("Plugin-Class", "net.nym.test.failstart.FailingPlugin")
        .writeTo(userPlugins());
    plugin("other")
        .sources("clash")
        .extension("net.nym.test.clash.ClashCommands")
        .writeTo(userPlugins());

    Result list = nym.run("plugins", "list", "-o", "json");

    assertThat(list.exitCode()).isZero();
    assertThat(list.err().lines()).hasSize(5).allMatch(l -> l.startsWith("nym: plugin "));
    JsonNode json = new ObjectMapper().readTree(list.out());
    Map<String, String> states = new HashMap<>();
    Map<String, String> reasons = new HashMap<>();
    for (JsonNode p : json) {
      states.put(p.get("id").asText(), p.get("state").asText());
      reasons.put(p.get("id").asText(), p.get("reason").asText());
    }
    assertThat(states)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "hello", "STARTED",
                "noid-0.1.0.jar", "FAILED",
                "needy", "FAILED",
                "future", "FAILED",
                "failstart", "FAILED",
                "other", "FAILED"));
    assertThat(reasons.get("hello")).isEmpty();
    assertThat(reasons.get("noid-0.1.0.jar")).contains("Plugin-Id");
    assertThat(reasons.get("needy")).contains("'ghost'");
    assertThat(reasons.get("future")).contains(">=99.0.0");
    assertThat(reasons.get("failstart")).contains("database is locked");
    assertThat(reasons.get("other")).contains("plugin 'hello'");
    assertThat(json.get(0).get("id").asText()).isEqualTo("failstart");
    assertThat(json.findValues("commands").stream().map(JsonNode::toString))
        .contains("[\"hello\"]");
    helloStillWorks();
  }

  @Test
  void pluginWhoseDependencyIsSkippedIsSkippedToo() throws Exception {
    // "aaa-greet" sorts first and takes "greet", so "greeter" clashes and is skipped.
    plugin("aaa-greet").sources("greeter").extension(GREETER).writeTo(userPlugins());
    greeter().writeTo(userPlugins());
    plugin("consumer")
        .sources("consumer")
        .extension(CONSUMER)
        .manifest("Plugin-Dependencies", "greeter")
        .writeTo(userPlugins());

    assertThat(helloStillWorks().lines())
        .containsExactlyInAnyOrder(
            "nym: plugin 'greeter' skipped: command 'greet' is already provided by plugin"
                + " 'aaa-greet'",
            "nym: plugin 'consumer' skipped: it needs plugin 'greeter', which was skipped");
    assertThat(nym.run("consume", "x").exitCode()).isEqualTo(2);
    assertThat(nym.run("greet").out()).contains("plugin=aaa-greet");
    assertThat(status("aaa-greet").get("state").asText()).isEqualTo("STARTED");
  }

  @Test
  void pluginCannotSeeAnotherPluginsClassesWithoutDeclaringTheDependency() throws Exception {
    greeter().writeTo(userPlugins());
    plugin("consumer").sources("consumer").extension(CONSUMER).writeTo(userPlugins());

    assertThat(nym.run("consume", "net.nym.test.greeter.Greeter").out())
        .isEqualTo("not visible: net.nym.test.greeter.Greeter\n");
  }

  @Test
  void pluginSeesADependencysClassesWhenItDeclaresIt() throws Exception {
    greeter().writeTo(userPlugins());
    plugin("consumer")
        .sources("consumer")
        .extension(CONSUMER)
        .manifest("Plugin-Dependencies", "greeter")
        .writeTo(userPlugins());

    assertThat(nym.run("consume", "net.nym.test.greeter.Greeter").out())
        .isEqualTo("visible: net.nym.test.greeter.Greeter\n");
    assertThat(nym.run("plugins", "info", "consumer").out()).contains("Dependencies: greeter");
  }

  @Test
  void pluginSeesTheApiAndSharedLibrariesButNotHostInternals() throws Exception {
    plugin("consumer").sources("consumer").extension(CONSUMER).writeTo(userPlugins());

    assertThat(nym.run("consume", "net.nym.api.PluginContext").out()).startsWith("visible");
    assertThat(nym.run("consume", "io.netty.channel.EventLoopGroup").out()).startsWith("visible");
    assertThat(nym.run("consume", "net.nym.cli.NymHost").out()).startsWith("not visible");
  }

  @Test
  void bundledPluginWinsADuplicateIdOverTheUsersCopy() throws Exception {
    Files.createDirectories(userPlugins());
    Files.copy(TestNym.helloJar(), userPlugins().resolve("my-hello.jar"));

    String warnings = helloStillWorks();
    assertThat(warnings.lines())
        .containsExactly(
            "nym: plugin 'hello' skipped: plugin id 'hello' is already used by "
                + TestNym.helloJar().getFileName());
    assertThat(status("hello").get("state").asText()).isEqualTo("STARTED");
    assertThat(status("hello").get("path").asText()).startsWith(nym.installPlugins().toString());
    assertThat(status("my-hello.jar").get("state").asText()).isEqualTo("FAILED");
  }

  @Test
  void disabledPluginIsListedButNotReported() throws Exception {
    greeter().writeTo(userPlugins());
    Files.writeString(userPlugins().resolve("disabled.txt"), "greeter\n");

    assertThat(helloStillWorks()).isEmpty();
    assertThat(status("greeter").get("state").asText()).isEqualTo("DISABLED");
    assertThat(nym.run("greet").exitCode()).isEqualTo(2);
  }

  @Test
  void helloJarCarriesItsDescriptorAndExtensionIndexAndOnlyItsOwnClasses() throws Exception {
    try (var jar = new java.util.jar.JarFile(TestNym.helloJar().toFile())) {
      var attributes = jar.getManifest().getMainAttributes();
      assertThat(attributes.getValue("Plugin-Id")).isEqualTo("hello");
      assertThat(attributes.getValue("Plugin-Requires")).isEqualTo(">=0.1.0");
      assertThat(attributes.getValue("Plugin-Class"))
          .isEqualTo("net.nym.examples.hello.HelloPlugin");
      assertThat(
              new String(
                  jar.getInputStream(jar.getEntry("META-INF/extensions.idx")).readAllBytes(),
                  java.nio.charset.StandardCharsets.UTF_8))
          .contains("net.nym.examples.hello.HelloCommands");
      assertThat(jar.stream().map(java.util.zip.ZipEntry::getName))
          .filteredOn(name -> name.endsWith(".class"))
          .isNotEmpty()
          .allMatch(name -> name.startsWith("net/nym/examples/hello/"));
    }
  }

  private static TestPluginJar greeter() {
    return plugin("greeter").sources("greeter").extension(GREETER);
  }
}
