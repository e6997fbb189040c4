package net.nym.plugin.localnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.nym.cli.HostEnvironment;
import net.nym.cli.NymHost;
import net.nym.testing.ApiTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nym localnet} through the real host with every part plugin: the table and the clients'
 * addresses are printed, the two clients exchange a message through their websocket APIs, the
 * network stops when told, and a second run reuses the same identities.
 */
class LocalnetTest {
  @TempDir Path dir;

  private NymHost host(StringWriter out, StringWriter err) throws IOException {
    Path plugins = dir.resolve("install").resolve("plugins");
    Files.createDirectories(plugins);
    for (String property : List.of("nym.test.pluginJar", "nym.test.clientJar",
        "nym.test.mixnodeJar", "nym.test.gatewayJar", "nym.test.validatorJar")) {
      Path jar = Path.of(System.getProperty(property));
      assertThat(jar).as(property).exists();
      Files.copy(jar, plugins.resolve(jar.getFileName()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Files.createDirectories(dir.resolve("user"));
    return NymHost.open(new HostEnvironment(List.of(plugins), dir.resolve("user"),
        Map.of("NYM_HOME", dir.resolve("nym").toString()), new PrintWriter(out, true),
        new PrintWriter(err, true), () -> {
          throw new IOException("no terminal in tests");
        }));
  }

  @Test
  void oneCommandRunsAWholeMixnetAndASecondRunReusesIt() throws Exception {
    Path data = dir.resolve("net");
    Path stop = dir.resolve("stop");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String firstTable;
    try (NymHost nym = host(out, err)) {
      int[] code = {-1};
      Thread t = new Thread(() -> code[0] = nym.execute("localnet", "--data", data.toString(),
          "--fastmode", "--no-cover", "--until-file", stop.toString()));
      t.start();
      await().atMost(Duration.ofSeconds(120)).until(() -> out.toString()
          .contains("localnet running") || !t.isAlive());
      String text = out.toString();
      assertThat(text).as(err.toString()).contains("localnet running");
      assertThat(text).contains("ROLE", "validator", "mixnode", "gateway", "client");
      assertThat(Pattern.compile("(?m)^mixnode +m\\d +[123] ").matcher(text).results().count())
          .isEqualTo(6);
      List<String> addresses = find(text, "client c(\\d) address: (\\S+)");
      List<String> sockets = find(text, "client c(\\d) websocket: (\\S+)");
      try (ApiTestClient a = new ApiTestClient(URI.create(sockets.get(0)));
          ApiTestClient b = new ApiTestClient(URI.create(sockets.get(1)))) {
        b.text("{\"type\":\"selfAddress\"}");
        assertThat((String) b.next(10)).contains(addresses.get(1));
        a.text("{\"type\":\"send\",\"message\":\"hello localnet\",\"recipient\":\""
            + addresses.get(1) + "\"}");
        assertThat(b.next(30)).isEqualTo(
            "{\"type\":\"received\",\"message\":\"hello localnet\",\"senderTag\":null}");
      }
      Files.createFile(stop);
      t.join(30_000);
      assertThat(t.isAlive()).isFalse();
      assertThat(code[0]).isZero();
      assertThat(out.toString()).contains("localnet stopped");
      firstTable = identities(text);
    }
    StringWriter out2 = new StringWriter();
    try (NymHost nym = host(out2, new StringWriter())) {
      // The stop file exists: the second run starts, prints its table and stops.
      assertThat(nym.execute("localnet", "--data", data.toString(), "--no-cover",
          "--until-file", stop.toString())).isZero();
      assertThat(out2.toString()).contains("reusing the localnet", "localnet running");
      assertThat(identities(out2.toString())).isEqualTo(firstTable);
    }
  }

  private static List<String> find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    java.util.TreeMap<String, String> byId = new java.util.TreeMap<>();
    while (m.find()) {
      byId.put(m.group(1), m.group(2));
    }
    return List.copyOf(byId.values());
  }

  /** The node identities and client addresses of a printed table. */
  private static String identities(String text) {
    StringBuilder b = new StringBuilder();
    Matcher m = Pattern.compile("(?m)^(mixnode|gateway) +(\\S+) +\\S+ +.* (\\S{40,})$")
        .matcher(text);
    while (m.find()) {
      b.append(m.group(2)).append('=').append(m.group(3)).append('\n');
    }
    find(text, "client c(\\d) address: (\\S+)").forEach(a -> b.append(a).append('\n'));
    assertThat(b.toString().lines().count()).isEqualTo(10);
    return b.toString();
  }
}
