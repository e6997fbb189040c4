package net.nym.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import net.nym.api.home.NodeHome;
import net.nym.cli.config.TomlConfigService;
import net.nym.cli.home.FileNodeHomes;
import net.nym.cli.keys.PemKeyStore;
import net.nym.cli.plugin.HostPluginContext;
import net.nym.cli.plugin.HostServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LoggingTest {

  @TempDir Path tmp;

  private final Logging logging = new Logging();
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void tearDown() {
    logging.closeFiles();
    logging.setVerbosity(0);
  }

  @Test
  void consoleIsQuietByDefaultAndPf4jIsOff() {
    logging.setVerbosity(0);

    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.pf4j").getLevel()).isEqualTo(Level.OFF);
  }

  @Test
  void verbosityRaisesTheLevels() {
    logging.setVerbosity(1);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("org.pf4j").getLevel()).isEqualTo(Level.INFO);

    logging.setVerbosity(2);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void logToHomeWritesInfoWithThePluginIdToTheHomesLogFile() throws Exception {
    logging.setVerbosity(0);
    Path root = tmp.resolve("homes");
    NodeHome home = new FileNodeHomes(root).home("mixnode", "m1");
    HostServices services =
        new HostServices(
            "0.1.0",
            () -> new FileNodeHomes(root),
            TomlConfigService::new,
            PemKeyStore::new,
            logging);
    HostPluginContext context = new HostPluginContext("mixnode", services);

    context.logToHome(home);
    context.logToHome(home);
    Logger log = context.logger(LoggingTest.class);
    MDC.put(Logging.MDC_PLUGIN, "mixnode");
    try {
      log.info("listening on port 1789");
      log.debug("not at verbosity 0");
    } finally {
      MDC.remove(Logging.MDC_PLUGIN);
    }
    services.close();

    Path file = home.logDir().resolve("nym.log");
    String text = Files.readString(file);
    assertThat(text).contains("INFO").contains("mixnode").contains("listening on port 1789");
    assertThat(text).doesNotContain("not at verbosity 0");
    assertThat(text.lines()).hasSize(1);
  }
}
