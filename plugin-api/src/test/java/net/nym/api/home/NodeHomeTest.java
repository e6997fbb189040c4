package net.nym.api.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeHomeTest {
  @TempDir Path root;

  @Test
  void layoutFollowsTheKindAndId() {
    NodeHome home = new NodeHome("mixnode", "m1", root.resolve("mixnode/m1"));
    assertThat(home.configFile()).isEqualTo(root.resolve("mixnode/m1/config/config.toml"));
    assertThat(home.dataDir()).isEqualTo(root.resolve("mixnode/m1/data"));
    assertThat(home.logDir()).isEqualTo(root.resolve("mixnode/m1/logs"));
    assertThat(home.exists()).isFalse();
  }

  @Test
  void createdDirectoriesAreOwnerOnlyAndExistsNeedsAConfig() throws Exception {
    NodeHome home = new NodeHome("gateway", "g1", root.resolve("gateway/g1"));
    home.createDirectories();
    for (Path d : new Path[] {home.dir(), home.configDir(), home.dataDir(), home.logDir()}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
          .as(d.toString())
          .isEqualTo("rwx------");
    }
    assertThat(home.exists()).isFalse();
    Files.writeString(home.configFile(), "version = 1\n");
    assertThat(home.exists()).isTrue();
  }
}
