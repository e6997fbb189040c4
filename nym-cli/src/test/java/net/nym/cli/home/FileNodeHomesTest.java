package net.nym.cli.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.nym.api.home.NodeHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNodeHomesTest {

  @TempDir Path dir;

  private final Path cwd = Path.of("").toAbsolutePath();

  @Test
  void homeOptionWinsOverEnvironmentAndDefault() {
    Path root =
        FileNodeHomes.resolveRoot(
            dir.resolve("opt").toString(), Map.of("NYM_HOME", "/env/nym"), dir.resolve("user"));

    assertThat(root).isEqualTo(dir.resolve("opt"));
  }

  @Test
  void environmentWinsOverDefault() {
    Path root = FileNodeHomes.resolveRoot(null, Map.of("NYM_HOME", "/env/nym"), dir);

    assertThat(root).isEqualTo(Path.of("/env/nym"));
  }

  @Test
  void defaultIsDotNymInTheUserHome() {
    assertThat(FileNodeHomes.resolveRoot(null, Map.of(), dir)).isEqualTo(dir.resolve(".nym"));
    assertThat(FileNodeHomes.resolveRoot("  ", Map.of("NYM_HOME", ""), dir))
        .isEqualTo(dir.resolve(".nym"));
  }

  @Test
  void relativeValuesBecomeAbsoluteAgainstTheCurrentDirectoryAndNormalised() {
    assertThat(FileNodeHomes.resolveRoot("a/./b/../c", Map.of(), dir))
        .isEqualTo(cwd.resolve("a/c"))
        .isAbsolute();
    assertThat(FileNodeHomes.resolveRoot(null, Map.of("NYM_HOME", "rel"), dir))
        .isEqualTo(cwd.resolve("rel"));
  }

  @Test
  void leadingTildeIsTheUserHome() {
    assertThat(FileNodeHomes.resolveRoot(null, Map.of("NYM_HOME", "~/nym"), dir))
        .isEqualTo(dir.resolve("nym"));
    assertThat(FileNodeHomes.resolveRoot("~", Map.of(), dir)).isEqualTo(dir);
  }

  @Test
  void invalidPathIsReportedWithItsSource() {
    assertThatThrownBy(() -> FileNodeHomes.resolveRoot(null, Map.of("NYM_HOME", "a\0b"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("NYM_HOME \"a\0b\" is not a valid path");
  }

  @Test
  void rootMustBeAbsoluteAndIsNormalised() {
    assertThatThrownBy(() -> new FileNodeHomes(Path.of("relative")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"relative\"");
    assertThat(new FileNodeHomes(dir.resolve("x/../y")).root()).isEqualTo(dir.resolve("y"));
  }

  @Test
  void homeIsKindThenIdUnderTheRoot() {
    NodeHome home = new FileNodeHomes(dir).home("mixnode", "mix-1.a_b");

    assertThat(home.kind()).isEqualTo("mixnode");
    assertThat(home.id()).isEqualTo("mix-1.a_b");
    assertThat(home.dir()).isEqualTo(dir.resolve("mixnode").resolve("mix-1.a_b"));
    assertThat(home.configFile()).isEqualTo(home.dir().resolve("config/config.toml"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "a/b",
        "../x",
        "a b",
        "é",
        "a\\b",
        "x12345678901234567890123456789012345678901234567890123456789012345"
      })
  void invalidIdsAreRefusedNamingTheValueAndTheRule(String id) {
    FileNodeHomes homes = new FileNodeHomes(dir);

    assertThatThrownBy(() -> homes.home("mixnode", id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid node id \""
                + id
                + "\": use 1 to 64 ASCII letters, digits, '.', '_' or '-' (not \".\" or \"..\")");
  }

  @Test
  void invalidKindIsRefusedToo() {
    FileNodeHomes homes = new FileNodeHomes(dir);

    assertThatThrownBy(() -> homes.home("../etc", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid node kind \"../etc\"");
    assertThatThrownBy(() -> homes.ids(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid node kind null");
  }

  @Test
  void sixtyFourCharactersAreAllowed() {
    String id = "a".repeat(64);

    assertThat(new FileNodeHomes(dir).home("client", id).id()).isEqualTo(id);
  }

  @Test
  void idsListsInitialisedInstancesSorted() throws Exception {
    FileNodeHomes homes = new FileNodeHomes(dir);
    for (String id : new String[] {"zeta", "alpha", "mid"}) {
      NodeHome home = homes.home("gateway", id);
      home.createDirectories();
      Files.writeString(home.configFile(), "version = 1\n");
    }
    homes.home("gateway", "not-initialised").createDirectories();
    Files.createDirectories(dir.resolve("gateway").resolve("bad name"));
    Files.writeString(dir.resolve("gateway").resolve("stray-file"), "");

    assertThat(homes.ids("gateway")).containsExactly("alpha", "mid", "zeta");
    assertThat(homes.ids("mixnode")).isEmpty();
  }

  @Test
  void idsReportsAKindThatIsNotADirectory() throws Exception {
    Files.writeString(dir.resolve("client"), "");
    FileNodeHomes homes = new FileNodeHomes(dir);

    assertThatThrownBy(() -> homes.ids("client"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot list " + dir.resolve("client"));
  }
}
