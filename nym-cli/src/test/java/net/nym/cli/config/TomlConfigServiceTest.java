package net.nym.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.nym.api.config.ConfigComment;
import net.nym.api.config.ConfigException;
import net.nym.api.config.ConfigMigration;
import net.nym.api.config.ConfigRange;
import net.nym.api.config.ConfigSchema;
import net.nym.api.config.ConfigService.Loaded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlConfigServiceTest {

  enum Mode {
    MIX,
    GATEWAY_ONLY
  }

  @ConfigComment("Fine tuning of the mixnet listener.")
  record Tuning(
      @ConfigComment("Packets buffered per connection.") @ConfigRange(min = 1, max = 100_000)
          int queueLength,
      @ConfigComment("Average delay added to each packet.") Duration averageDelay) {}

  @ConfigComment("The mixnet listener.")
  record Mixnet(
      @ConfigComment("Address to listen on.") String host,
      @ConfigComment("Port to listen on.") int port,
      @ConfigComment("Peers to connect to first.") List<String> peers,
      Tuning tuning) {
    Mixnet {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
      }
    }
  }

  @ConfigComment("Where the keys are.")
  record Keys(
      @ConfigComment("The identity key file.") Path privateIdentityKeyFile,
      @ConfigComment("The sphinx key file.") Path privateSphinxKeyFile) {}

  @ConfigComment("Debugging switches.")
  record Debug(@ConfigComment("Log every packet.") boolean tracePackets) {}

  @ConfigComment("Configuration of a test node.\nSecond line of the header.")
  record NodeConfig(
      @ConfigComment("The node's name.") String name,
      @ConfigComment("Whether the node takes part in the mixnet.") boolean enabled,
      @ConfigComment("Worker threads.") int workers,
      @ConfigComment("Largest message in bytes.") long maxMessageBytes,
      @ConfigComment("Share of cover traffic.") double coverRatio,
      @ConfigComment("What the node does.") Mode mode,
      @ConfigComment("Where the node keeps its data.") Path dataDir,
      @ConfigComment("How long to wait for a peer.") Duration connectTimeout,
      @ConfigComment("Extra ports.") List<Integer> extraPorts,
      @ConfigComment("Public address announced to others.") Optional<String> announceHost,
      @ConfigComment("Idle time before disconnecting.") Optional<Duration> idleTimeout,
      @ConfigComment("The mixnet listener settings.") Mixnet mixnet,
      @ConfigComment("Key files.") Keys keys,
      @ConfigComment("Debugging; leave unset in production.") Optional<Debug> debug) {}

  private static final ConfigSchema<NodeConfig> SCHEMA = ConfigSchema.of(NodeConfig.class, 1);

  private final TomlConfigService service = new TomlConfigService();

  @TempDir Path dir;

  static NodeConfig sample() {
    return new NodeConfig(
        "quote \" backslash \\ tab \t newline \n bell \u0007 del \u007f é 日本 \uD83D\uDE00",
        true,
        8,
        5_000_000_000L,
        0.25,
        Mode.GATEWAY_ONLY,
        Path.of("/var/lib/nym/data"),
        Duration.ofMillis(1500),
        List.of(1790, 1791),
        Optional.of("mix.example.org"),
        Optional.of(Duration.ofMinutes(5)),
        new Mixnet(
            "0.0.0.0",
            1789,
            List.of("a.example:1789", "b.example:1789"),
            new Tuning(512, Duration.ofMillis(50))),
        new Keys(Path.of("data/private_identity.pem"), Path.of("data/private_sphinx.pem")),
        Optional.of(new Debug(false)));
  }

  private Path configFile() {
    return dir.resolve("config").resolve("config.toml");
  }

  private Path writeText(String text) throws IOException {
    Path file = configFile();
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private String validText() throws Exception {
    Path file = dir.resolve("valid.toml");
    service.write(file, sample(), SCHEMA, false);
    return Files.readString(file);
  }

  @Test
  void roundTripKeepsEveryValueAndWritesEveryComment() throws Exception {
    Path file = configFile();
    NodeConfig config = sample();

    service.write(file, config, SCHEMA, false);
    Loaded<NodeConfig> loaded = service.read(file, SCHEMA);

    assertThat(loaded.value()).isEqualTo(config);
    assertThat(loaded.warnings()).isEmpty();
    String text = Files.readString(file);
    assertThat(text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst())
        .contains("version = 1");
    assertThat(text)
        .startsWith("# Configuration of a test node.\n# Second line of the header.\n")
        .contains("# Whether the node takes part in the mixnet.\nenabled = true\n")
        .contains("# Worker threads.\nworkers = 8\n")
        .contains("# Largest message in bytes.\nmax_message_bytes = 5000000000\n")
        .contains("# Share of cover traffic.\ncover_ratio = 0.25\n")
        .contains("# What the node does.\nmode = \"gateway_only\"\n")
        .contains("# Where the node keeps its data.\ndata_dir = \"/var/lib/nym/data\"\n")
        .contains("# How long to wait for a peer.\nconnect_timeout = \"1s 500ms\"\n")
        .contains("# Extra ports.\nextra_ports = [1790, 1791]\n")
        .contains("# Public address announced to others.\n")
        .contains("announce_host = \"mix.example.org\"\n")
        .contains("# Idle time before disconnecting.\n")
        .contains("idle_timeout = \"5m\"\n")
        .contains("# The mixnet listener settings.\n[mixnet]\n# Address to listen on.\n")
        .contains("# Port to listen on.\nport = 1789\n")
        .contains(
            "# Peers to connect to first.\npeers = [\"a.example:1789\", \"b.example:1789\"]\n")
        .contains("# Fine tuning of the mixnet listener.\n[mixnet.tuning]\n")
        .contains("# Packets buffered per connection.\nqueue_length = 512\n")
        .contains("# Average delay added to each packet.\naverage_delay = \"50ms\"\n")
        .contains("# Key files.\n[keys]\n# The identity key file.\n")
        .contains("private_identity_key_file = \"data/private_identity.pem\"\n")
        .contains("# Debugging; leave unset in production.\n")
        .contains("[debug]\n# Log every packet.\ntrace_packets = false\n")
        .contains(
            "name = \"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u0007 del \\u007F é"
                + " 日本 \uD83D\uDE00\"\n");
    // every key has its comment on the line above it
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("[a-z_]+ = .*|\\[.*]")) {
        assertThat(lines.get(i - 1)).as("line above " + lines.get(i)).startsWith("#");
      }
    }
  }

  @Test
  void emptyOptionalsAreLeftOutAndReadBackEmpty() throws Exception {
    NodeConfig full = sample();
    NodeConfig config =
        new NodeConfig(
            full.name(),
            false,
            1,
            0,
            Double.POSITIVE_INFINITY,
            Mode.MIX,
            full.dataDir(),
            Duration.ZERO,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            full.mixnet(),
            full.keys(),
            Optional.empty());
    Path file = configFile();

    service.write(file, config, SCHEMA, false);

    String text = Files.readString(file);
    assertThat(text)
        .contains("# announce_host = (optional, not set)\n")
        .contains("# idle_timeout = (optional, not set)\n")
        .contains("# [debug] (optional, not set)\n")
        .contains("cover_ratio = inf\n")
        .contains("connect_timeout = \"0s\"\n")
        .contains("extra_ports = []\n")
        .doesNotContain("\nannounce_host =");
    assertThat(service.read(file, SCHEMA).value()).isEqualTo(config);
  }

  @Test
  void wrongTypeNamesFileKeyAndExpectation() throws Exception {
    Path file = writeText(validText().replace("port = 1789", "port = \"abc\""));

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ": key 'mixnet.port': expected an integer from -2147483648 to 2147483647, got"
                + " \"abc\"")
        .satisfies(
            e -> {
              ConfigException ce = (ConfigException) e;
              assertThat(ce.file()).contains(file);
              assertThat(ce.key()).contains("mixnet.port");
            });
  }

  @Test
  void declaredRangeIsEnforcedAndStatedInBothMessages() throws Exception {
    String valid = validText();
    Path tooSmall = writeText(valid.replace("queue_length = 512", "queue_length = 0"));
    assertThatThrownBy(() -> service.read(tooSmall, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            tooSmall
                + ": key 'mixnet.tuning.queue_length': expected an integer from 1 to 100000, got"
                + " 0, which is out of range");

    Path wrongType =
        writeText(valid.replace("queue_length = 512", "queue_length = \"many\""));
    assertThatThrownBy(() -> service.read(wrongType, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            wrongType
                + ": key 'mixnet.tuning.queue_length': expected an integer from 1 to 100000, got"
                + " \"many\"");
  }

  @Test
  void rangeOnANonIntegerIsAProgrammerError() {
    record Bad(@ConfigRange(min = 1) String name) {}
    assertThatThrownBy(() -> service.read(dir.resolve("x.toml"), ConfigSchema.of(Bad.class, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@ConfigRange")
        .hasMessageContaining("not an integer");
  }

  @Test
  void outOfRangeValueIsReportedAgainstTheKeyTheRecordNames() throws Exception {
    Path file = writeText(validText().replace("port = 1789", "port = 70000"));

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file + ": key 'mixnet.port': invalid value: port must be from 1 to 65535, got 70000");
  }

  @Test
  void badValuesOfEachTypeAreExplained() throws Exception {
    String valid = validText();
    Map<String, String> cases =
        Map.of(
            "mode = \"gateway_only\"",
            "mode = \"relay\"|key 'mode': expected one of \"mix\", \"gateway_only\", got \"relay\"",
            "enabled = true",
            "enabled = \"yes\"|key 'enabled': expected true or false, got \"yes\"",
            "connect_timeout = \"1s 500ms\"",
            "connect_timeout = 1500|key 'connect_timeout': expected a duration such as \"10s\"",
            "extra_ports = [1790, 1791]",
            "extra_ports = [1790, \"x\"]|key 'extra_ports[1]': expected an integer from",
            "max_message_bytes = 5000000000",
            "max_message_bytes = 99999999999999999999|key 'max_message_bytes': expected an"
                + " integer from -9223372036854775808 to 9223372036854775807, got"
                + " 99999999999999999999, which is out of range",
            "workers = 8",
            "workers = 1.5|key 'workers': expected an integer from -2147483648 to 2147483647,"
                + " got 1.5",
            "[mixnet.tuning]\n",
            "tuning = 3\n[other]\n|key 'mixnet.tuning': expected a table, got 3",
            "data_dir = \"/var/lib/nym/data\"",
            "data_dir = 1979-05-27|key 'data_dir': expected a path (a non-empty string), got"
                + " 1979-05-27 (a date/time)");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String[] replacementAndMessage = c.getValue().split("\\|", 2);
      assertThat(valid).contains(c.getKey());
      Path file = writeText(valid.replace(c.getKey(), replacementAndMessage[0]));
      assertThatThrownBy(() -> service.read(file, SCHEMA))
          .as(c.getValue())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(file + ": " + replacementAndMessage[1]);
    }
  }

  @Test
  void malformedTomlNamesFileAndPosition() throws Exception {
    Path file = writeText("version = 1\nname = \"x\"\nworkers = = 3\n");

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": not valid TOML 1.0 at line 3, column ");
  }

  @Test
  void byteOrderMarkIsIgnored() throws Exception {
    Path file = writeText("\uFEFF" + validText());

    assertThat(service.read(file, SCHEMA).value()).isEqualTo(sample());
  }

  @Test
  void duplicateKeyIsMalformed() throws Exception {
    Path file = writeText("version = 1\nname = \"x\"\nname = \"y\"\n");

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": not valid TOML 1.0 at line ")
        .hasMessageEndingWith("Duplicate key");
  }

  @Test
  void missingKeyIsAnErrorNamingTheKey() throws Exception {
    Path file = writeText(validText().replace("queue_length = 512\n", ""));

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ": key 'mixnet.tuning.queue_length': required key is missing; expected an"
                + " integer from 1 to 100000");
  }

  @Test
  void missingTableIsAnErrorNamingTheTable() throws Exception {
    String valid = validText();
    int keysStart = valid.indexOf("# Key files.");
    int keysEnd = valid.indexOf("\n#", valid.indexOf("private_sphinx_key_file"));
    Path file = writeText(valid.substring(0, keysStart) + valid.substring(keysEnd));

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": key 'keys': required key is missing; expected a table [keys]");
  }

  @Test
  void unknownKeysAreWarningsNotErrors() throws Exception {
    Path file =
        writeText(
            validText()
                .replace("port = 1789\n", "port = 1789\nprot = 1\n")
                .replace("version = 1\n", "version = 1\ncolour = \"blue\"\n"));

    Loaded<NodeConfig> loaded = service.read(file, SCHEMA);

    assertThat(loaded.value()).isEqualTo(sample());
    assertThat(loaded.warnings())
        .containsExactly(
            file + ": unknown key 'colour' ignored (misspelt, or not used by this nym)",
            file + ": unknown key 'mixnet.prot' ignored (misspelt, or not used by this nym)");
  }

  @Test
  void aViewReadsItsKeysAndIgnoresTheRestSilently() throws Exception {
    record PortView(Mixnet mixnet) {}

    Path file = writeText(validText());
    Loaded<PortView> loaded = service.read(file, ConfigSchema.view(PortView.class, 1));
    assertThat(loaded.value().mixnet().port()).isEqualTo(1789);
    assertThat(loaded.warnings()).isEmpty();

    // The same record as a whole-file schema reports every key it does not name.
    Loaded<PortView> whole = service.read(file, ConfigSchema.of(PortView.class, 1));
    assertThat(whole.warnings()).anyMatch(w -> w.contains("unknown key 'name'"));
  }

  @Test
  void fileWithoutVersionIsRefused() throws Exception {
    Path file = writeText(validText().replace("version = 1\n", ""));

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": key 'version': missing; every nym config starts with");
  }

  @Test
  void newerVersionIsRefused() throws Exception {
    Path file = writeText(validText().replace("version = 1\n", "version = 2\n"));

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ": key 'version': this file is config version 2, written by a newer nym; this"
                + " nym reads up to version 1. Upgrade nym to use it");
  }

  /** Version 1 called the mixnet port {@code listen_port} and had no tuning table. */
  private static final ConfigMigration RENAME_PORT =
      new ConfigMigration() {
        @Override
        public int fromVersion() {
          return 1;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> migrate(Map<String, Object> tree) {
          Map<String, Object> mixnet = (Map<String, Object>) tree.get("mixnet");
          mixnet.put("port", mixnet.remove("listen_port"));
          Map<String, Object> tuning = new LinkedHashMap<>();
          tuning.put("queue_length", 512L);
          tuning.put("average_delay", "50ms");
          mixnet.put("tuning", tuning);
          return tree;
        }
      };

  private String versionOneText() throws Exception {
    String text = validText();
    String tuning =
        text.substring(
            text.indexOf("\n# Fine tuning"), text.indexOf("\n", text.indexOf("average_delay")));
    return text.replace(tuning, "").replace("port = 1789", "listen_port = 1789");
  }

  @Test
  void olderVersionIsMigratedWithAWarning() throws Exception {
    Path file = writeText(versionOneText());
    ConfigSchema<NodeConfig> v2 = new ConfigSchema<>(NodeConfig.class, 2, List.of(RENAME_PORT));

    Loaded<NodeConfig> loaded = service.read(file, v2);

    assertThat(loaded.value()).isEqualTo(sample());
    assertThat(loaded.warnings())
        .containsExactly(
            file
                + ": migrated from config version 1 to 2 while reading (the file itself is"
                + " unchanged)");
    assertThat(Files.readString(file)).contains("listen_port = 1789");
  }

  @Test
  void olderVersionWithoutMigrationIsRefused() throws Exception {
    Path file = writeText(versionOneText());
    ConfigSchema<NodeConfig> v3 = new ConfigSchema<>(NodeConfig.class, 3, List.of(RENAME_PORT));

    assertThatThrownBy(() -> service.read(file, v3))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            file
                + ": key 'version': this file is config version 1 and this nym (config version 3)"
                + " cannot migrate it from version 2");
  }

  @Test
  void failingMigrationIsReportedAgainstTheFile() throws Exception {
    Path file = writeText(versionOneText());
    ConfigMigration refusing =
        new ConfigMigration() {
          @Override
          public int fromVersion() {
            return 1;
          }

          @Override
          public Map<String, Object> migrate(Map<String, Object> tree) throws ConfigException {
            throw new ConfigException(null, "mixnet.listen_port", "set the port by hand");
          }
        };

    assertThatThrownBy(
            () -> service.read(file, new ConfigSchema<>(NodeConfig.class, 2, List.of(refusing))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ": key 'mixnet.listen_port': migrating from config version 1 to 2 failed: set"
                + " the port by hand");
  }

  @Test
  void writeRefusesToOverwriteWithoutForce() throws Exception {
    Path file = configFile();
    service.write(file, sample(), SCHEMA, false);
    String before = Files.readString(file);
    NodeConfig changed =
        new NodeConfig(
            "other",
            false,
            2,
            3,
            4.5,
            Mode.MIX,
            Path.of("d"),
            Duration.ofHours(36),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            sample().mixnet(),
            sample().keys(),
            Optional.empty());

    assertThatThrownBy(() -> service.write(file, changed, SCHEMA, false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": config file already exists; pass --force to overwrite it");
    assertThat(Files.readString(file)).isEqualTo(before);

    service.write(file, changed, SCHEMA, true);

    assertThat(service.read(file, SCHEMA).value()).isEqualTo(changed);
    assertThat(Files.readString(file)).contains("connect_timeout = \"36h\"");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void newFilesAreOwnerOnlyAndForceKeepsTheOldPermissions() throws Exception {
    Path file = configFile();
    service.write(file, sample(), SCHEMA, false);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    service.write(file, sample(), SCHEMA, true);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void writeRefusesNullAndUnwritableValues() {
    NodeConfig withNull =
        new NodeConfig(
            null,
            true,
            1,
            1,
            1,
            Mode.MIX,
            Path.of("d"),
            Duration.ZERO,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            sample().mixnet(),
            sample().keys(),
            Optional.empty());
    assertThatThrownBy(() -> service.write(configFile(), withNull, SCHEMA, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'name': has no value (null)");

    NodeConfig negative =
        new NodeConfig(
            "n",
            true,
            1,
            1,
            1,
            Mode.MIX,
            Path.of("d"),
            Duration.ofSeconds(-1),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            sample().mixnet(),
            sample().keys(),
            Optional.empty());
    assertThatThrownBy(() -> service.write(configFile(), negative, SCHEMA, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'connect_timeout': a duration cannot be negative");

    NodeConfig surrogate =
        new NodeConfig(
            "bad \uD800 string",
            true,
            1,
            1,
            1,
            Mode.MIX,
            Path.of("d"),
            Duration.ZERO,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            sample().mixnet(),
            sample().keys(),
            Optional.empty());
    assertThatThrownBy(() -> service.write(configFile(), surrogate, SCHEMA, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'name': cannot write a string with an unpaired surrogate");
    assertThat(configFile()).doesNotExist();
  }

  @Test
  void missingFileIsAClearError() {
    Path file = dir.resolve("nope.toml");

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": config file not found");
  }

  @Test
  void unreadableFileIsAClearError() throws Exception {
    Path file = configFile();
    Files.createDirectories(file);

    assertThatThrownBy(() -> service.read(file, SCHEMA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": cannot read the config file: ");
  }

  record Small(
      @ConfigComment("x") Keys keys,
      @ConfigComment("y") Mixnet mixnet,
      @ConfigComment("z") String name) {}

  @Test
  void handwrittenToml10WithDottedKeysIsRead() throws Exception {
    Path file =
        writeText(
            """
            # written by hand
            version = 1
            name = 'literal \\ string'   # a literal string
            keys.private_identity_key_file = "x"
            keys.private_sphinx_key_file = \"\"\"
            y\"\"\"
            mixnet = { host = "::", port = 0x6FD, peers = [
              "p1", # trailing comma and comments inside arrays
            ], tuning.queue_length = 1_024, tuning.average_delay = "1m30s" }
            """);

    Small small = service.read(file, ConfigSchema.of(Small.class, 1)).value();

    assertThat(small)
        .isEqualTo(
            new Small(
                new Keys(Path.of("x"), Path.of("y")),
                new Mixnet("::", 1789, List.of("p1"), new Tuning(1024, Duration.ofSeconds(90))),
                "literal \\ string"));
  }

  record Window(@ConfigComment("lo") int low, @ConfigComment("hi") int high) {
    Window {
      if (low > high) {
        throw new IllegalArgumentException("the window is empty: " + low + " > " + high);
      }
      if (low < 0) {
        throw new IllegalArgumentException("window.low must not be negative, got " + low);
      }
    }
  }

  record Limits(@ConfigComment("w") Window window) {}

  @Test
  void validationNamingNoKeyIsReportedAgainstItsTable() throws Exception {
    Path file = writeText("version = 1\nwindow = { low = 5, high = 1 }\n");

    assertThatThrownBy(() -> service.read(file, ConfigSchema.of(Limits.class, 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": key 'window': invalid value: the window is empty: 5 > 1");
  }

  @Test
  void validationNamingAKeyByItsDottedNameFindsThatKey() throws Exception {
    Path file = writeText("version = 1\n[window]\nlow = -1\nhigh = 1\n");

    assertThatThrownBy(() -> service.read(file, ConfigSchema.of(Limits.class, 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file + ": key 'window.low': invalid value: window.low must not be negative, got -1");
  }

  record WithVersion(@ConfigComment("clash") int version) {}

  record WithMap(@ConfigComment("no maps") Map<String, String> labels) {}

  @Test
  void unsupportedRecordsAreProgrammerErrors() {
    Path file = configFile();
    assertThatThrownBy(
            () ->
                service.write(
                    file, new WithVersion(1), ConfigSchema.of(WithVersion.class, 1), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot have a top-level component named 'version'");
    assertThatThrownBy(
            () ->
                service.write(
                    file, new WithMap(Map.of()), ConfigSchema.of(WithMap.class, 1), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels has type java.util.Map<java.lang.String, java.lang.String>");
  }
}
