package net.nym.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.nym.cli.config.TomlConfigService;
import net.nym.cli.home.FileNodeHomes;
import net.nym.cli.keys.PemKeyStore;
import net.nym.cli.logging.Logging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host services behind every plugin's context. */
class HostPluginContextTest {

  @TempDir Path tmp;

  private final AtomicReference<Path> root = new AtomicReference<>();

  private HostServices services() {
    root.set(tmp.resolve("a"));
    return new HostServices(
        "0.1.0",
        () -> new FileNodeHomes(root.get()),
        TomlConfigService::new,
        PemKeyStore::new,
        new Logging());
  }

  @Test
  void contextsShareOneSetOfHostServices() {
    HostServices services = services();
    HostPluginContext a = new HostPluginContext("a", services);
    HostPluginContext b = new HostPluginContext("b", services);

    assertThat(a.pluginId()).isEqualTo("a");
    assertThat(a.hostVersion()).isEqualTo("0.1.0");
    assertThat(a.configs()).isInstanceOf(TomlConfigService.class).isSameAs(b.configs());
    assertThat(a.keys()).isInstanceOf(PemKeyStore.class).isSameAs(b.keys());
    assertThat(a.logger(HostPluginContextTest.class).getName())
        .isEqualTo(HostPluginContextTest.class.getName());
    services.close();
  }

  @Test
  void homesFollowTheRootInForceForTheCurrentCommand() {
    HostPluginContext context = new HostPluginContext("a", services());

    assertThat(context.homes().root()).isEqualTo(tmp.resolve("a"));
    root.set(tmp.resolve("b"));
    assertThat(context.homes().home("mixnode", "m1").dir())
        .isEqualTo(tmp.resolve("b").resolve("mixnode").resolve("m1"));
  }

  @Test
  void eventLoopGroupIsSharedCreatedOnDemandAndShutDownOnClose() throws Exception {
    HostServices services = services();
    EventLoopGroup group = new HostPluginContext("a", services).eventLoopGroup();

    assertThat(group)
        .isInstanceOf(MultiThreadIoEventLoopGroup.class)
        .isSameAs(new HostPluginContext("b", services).eventLoopGroup());
    assertThat(group.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
        .startsWith("nym-io");

    services.close();
    assertThat(group.isShutdown()).isTrue();
    assertThatThrownBy(services::eventLoopGroup)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("nym is shutting down");
  }
}
