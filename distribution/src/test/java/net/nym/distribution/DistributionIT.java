package net.nym.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks the built {@code nym-VERSION.tar.gz} with the system's {@code tar} and runs its {@code
 * bin/nym} as real processes, as a user would.
 */
class DistributionIT {
  private static final String VERSION = System.getProperty("nym.dist.version");
  /** The part plugins the distribution bundles in plugins/. */
  private static final List<String> BUNDLED = List.of("client", "gateway", "localnet", "mixnode", "validator");

  @TempDir static Path work;
  private static Path dist;

  @BeforeAll
  static void unpack() throws Exception {
    Path archive = Paths.get(System.getProperty("nym.dist.archive"));
    assertThat(archive).isRegularFile();
    Path out = Files.createDirectories(work.resolve("unpacked"));
    Result tar = run(List.of("tar", "-xzf", archive.toString(), "-C", out.toString()), Map.of(), out);
    assertThat(tar.exit).as(tar.toString()).isZero();
    dist = out.resolve("nym-" + VERSION);
  }

  @Test
  void archiveHoldsTheExpectedFiles() throws IOException {
    List<String> files;
    try (Stream<Path> walk = Files.walk(dist)) {
      files =
          walk.filter(Files::isRegularFile)
              .map(p -> dist.relativize(p).toString())
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(files)
        .contains(
            "bin/nym",
            "README.md",
            "LICENSE",
            "conf/logback.xml",
            "completions/nym.bash",
            "completions/_nym",
            "plugins/README.txt",
            "lib/nym-cli-" + VERSION + ".jar",
            "lib/nym-plugin-api-" + VERSION + ".jar",
            "lib/nym-crypto-" + VERSION + ".jar",
            "lib/nym-mixnet-" + VERSION + ".jar",
            "lib/nym-client-core-" + VERSION + ".jar");
    for (String plugin : BUNDLED) {
      assertThat(files).contains("plugins/nym-" + plugin + "-plugin-" + VERSION + ".jar");
    }
    assertThat(files)
        .as("only bin, lib, plugins, completions, conf and the two documents")
        .allMatch(
            f ->
                f.startsWith("bin/")
                    || f.startsWith("lib/")
                    || f.startsWith("plugins/")
                    || f.startsWith("completions/")
                    || f.startsWith("conf/")
                    || f.equals("README.md")
                    || f.equals("LICENSE"));
    List<String> libs = files.stream().filter(f -> f.startsWith("lib/")).toList();
    assertThat(libs).allMatch(f -> f.endsWith(".jar"));
    assertThat(libs).anyMatch(f -> f.startsWith("lib/picocli-"));
    assertThat(libs).anyMatch(f -> f.startsWith("lib/pf4j-"));
    assertThat(libs).anyMatch(f -> f.startsWith("lib/bcprov-jdk18on-"));
    assertThat(libs).anyMatch(f -> f.startsWith("lib/sqlite-jdbc-"));
    assertThat(libs).anyMatch(f -> f.startsWith("lib/ratis-server-"));
    assertThat(libs).as("plugins never on the host class path")
        .noneMatch(f -> f.matches("lib/nym-.*-plugin-.*"));
    // One version of each library: no two jars differ only by version.
    Map<String, List<String>> byName =
        libs.stream().collect(Collectors.groupingBy(f -> f.replaceAll("-\\d.*$", "")));
    assertThat(byName.values()).allMatch(list -> list.size() == 1);
    assertThat(Files.getPosixFilePermissions(dist.resolve("bin/nym")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(Files.readString(dist.resolve("bin/nym"))).startsWith("#!/bin/sh");
  }

  @Test
  void versionRuns() throws Exception {
    Result r = nym(freshHome("version"), Map.of(), "--version");
    assertThat(r.exit).as(r.toString()).isZero();
    assertThat(r.out).contains(VERSION).contains("Java");
    assertThat(r.err).isEmpty();
  }

  @Test
  void pluginsListShowsTheBundledPluginsStarted() throws Exception {
    Result r = nym(freshHome("list"), Map.of(), "plugins", "list", "-o", "json");
    assertThat(r.exit).as(r.toString()).isZero();
    assertThat(r.err).as("no plugin is reported broken").isEmpty();
    Map<String, String> states = states(new ObjectMapper().readTree(r.out));
    assertThat(states).containsOnlyKeys(BUNDLED);
    assertThat(states.values()).containsOnly("STARTED");
  }

  @Test
  void bundledPluginCommandsRunAndAreInTheCompletionScript() throws Exception {
    Result help = nym(freshHome("help"), Map.of(), "--help");
    assertThat(help.exit).as(help.toString()).isZero();
    String script = Files.readString(dist.resolve("completions/nym.bash"));
    for (String plugin : BUNDLED) {
      assertThat(help.out).contains("[plugin: " + plugin + "]");
      assertThat(script).contains(plugin);
    }
    Result mixnode = nym(freshHome("mixnode-help"), Map.of(), "mixnode", "--help");
    assertThat(mixnode.exit).as(mixnode.toString()).isZero();
    assertThat(mixnode.out).contains("init").contains("run");
  }

  private static Map<String, String> states(JsonNode list) {
    Map<String, String> states = new java.util.TreeMap<>();
    for (JsonNode plugin : list) {
      states.put(plugin.get("id").asText(), plugin.get("state").asText());
    }
    return states;
  }

  @Test
  void userPluginFromHomeIsLoadedAndRuns() throws Exception {
    Path home = freshHome("user-plugin");
    Path plugins = Files.createDirectories(home.resolve(".nym/plugins"));
    try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("nym.test.plugins")))) {
      for (Path jar : jars.toList()) {
        Files.copy(jar, plugins.resolve(jar.getFileName()));
      }
    }
    Result list = nym(home, Map.of(), "plugins", "list", "-o", "json");
    assertThat(list.exit).as(list.toString()).isZero();
    Map<String, String> states = states(new ObjectMapper().readTree(list.out));
    assertThat(states).containsEntry("hello", "STARTED").hasSize(BUNDLED.size() + 1);

    Result hello = nym(home, Map.of(), "hello", "--name", "distribution");
    assertThat(hello.exit).as(hello.toString()).isZero();
    assertThat(hello.out).contains("distribution");
  }

  @Test
  void launcherResolvesItsHomeThroughSymlinks() throws Exception {
    Path links = Files.createDirectories(work.resolve("links"));
    Path link = links.resolve("nym");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, dist.resolve("bin/nym"));
    Result r = run(List.of(link.toString(), "--version"), env(freshHome("symlink"), Map.of()), work);
    assertThat(r.exit).as(r.toString()).isZero();
    assertThat(r.out).contains(VERSION);
  }

  @Test
  void launcherHonoursNymJavaOpts() throws Exception {
    Result r =
        nym(
            freshHome("opts"),
            Map.of("NYM_JAVA_OPTS", "-XshowSettings:properties"),
            "--version");
    assertThat(r.exit).as(r.toString()).isZero();
    // The JVM prints its properties, including the install dir the launcher resolved.
    assertThat(r.err).contains("nym.install = " + dist.toRealPath());
  }

  @Test
  void launcherRefusesABadJavaHome() throws Exception {
    Result r = nym(freshHome("java-home"), Map.of("JAVA_HOME", "/nonexistent-java"), "--version");
    assertThat(r.exit).isEqualTo(1);
    assertThat(r.err).contains("JAVA_HOME").contains("/nonexistent-java");
  }

  @Test
  void launcherExecsJavaSoSignalsReachIt() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/nym").toString(), "shell");
    pb.environment().putAll(env(freshHome("exec"), Map.of()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    try {
      // Same pid, and it is the JVM: the shell script replaced itself with java.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(p.info().command().orElse("")).endsWith("/java"));
      assertThat(p.isAlive()).isTrue();
      p.destroy(); // SIGTERM straight to the JVM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }

  private static Path freshHome(String name) throws IOException {
    return Files.createDirectories(work.resolve("home-" + name));
  }

  private static Map<String, String> env(Path home, Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("HOME", home.toString());
    env.put("PATH", System.getenv("PATH"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.putAll(extra);
    return env;
  }

  private static Result nym(Path home, Map<String, String> extraEnv, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(dist.resolve("bin/nym").toString());
    cmd.addAll(List.of(args));
    return run(cmd, env(home, extraEnv), home);
  }

  private static Result run(List<String> cmd, Map<String, String> env, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    if (!env.isEmpty()) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Result(int exit, String out, String err) {}
}
