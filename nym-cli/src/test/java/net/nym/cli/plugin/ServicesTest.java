package net.nym.cli.plugin;

import static net.nym.cli.testing.TestPluginJar.plugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import net.nym.api.home.NodeHome;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.cli.testing.TestNym;
import net.nym.cli.testing.TestNym.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service registry, filled from real plugin jars. */
class ServicesTest {

  private static final String ECHO = "net.nym.test.echoservice.EchoServiceFactory";

  @TempDir Path tmp;

  @Test
  void registersKindsAndCreatesServicesWithThePluginsContextClassLoader() throws Exception {
    try (TestNym nym = new TestNym(tmp)) {
      plugin("echo").sources("echoservice").extension(ECHO).writeTo(nym.userPlugins());
      Services services = nym.host().plugins().services();

      assertThat(services.kinds()).containsExactly("echo");
      assertThat(services.get("echo").orElseThrow().pluginId()).isEqualTo("echo");
      NymService service =
          services.create("echo", new NodeHome("echo", "e1", tmp.resolve("homes/echo/e1")));
      assertThat(service.id()).isEqualTo("e1");
      assertThat(service.health().status()).isEqualTo(Health.Status.STARTING);

      service.start();
      assertThat(service.health().status()).isEqualTo(Health.Status.UP);
      assertThat(service.health().metrics())
          .containsEntry("plugin", "echo")
          .containsEntry("tcclOnCreate", true)
          .containsEntry("tcclOnStart", true);
      service.stop();
      assertThat(service.health().status()).isEqualTo(Health.Status.DOWN);

      assertThat(nym.run("plugins", "info", "echo").out()).contains("Services:     echo");
    }
  }

  @Test
  void unknownKindNamesTheAvailableOnes() throws Exception {
    try (TestNym nym = new TestNym(tmp)) {
      plugin("echo").sources("echoservice").extension(ECHO).writeTo(nym.userPlugins());

      assertThatThrownBy(
              () ->
                  nym.host()
                      .plugins()
                      .services()
                      .create("mixnode", new NodeHome("mixnode", "m1", tmp.resolve("m1"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no plugin offers service kind 'mixnode'; available: [echo]");
    }
  }

  @Test
  void secondPluginWithTheSameKindIsSkippedNamingBoth() throws Exception {
    try (TestNym nym = new TestNym(tmp)) {
      plugin("echo-a").sources("echoservice").extension(ECHO).writeTo(nym.userPlugins());
      plugin("echo-b").sources("echoservice").extension(ECHO).writeTo(nym.userPlugins());

      Result r = nym.run("plugins", "list");

      assertThat(r.err())
          .isEqualTo(
              "nym: plugin 'echo-b' skipped: service kind 'echo' is already provided by plugin"
                  + " 'echo-a'\n");
      assertThat(nym.host().plugins().services().get("echo").orElseThrow().pluginId())
          .isEqualTo("echo-a");
    }
  }
}
