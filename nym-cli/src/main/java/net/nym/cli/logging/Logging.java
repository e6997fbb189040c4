package net.nym.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Adjusts logback at run time: the console threshold from the verbosity ({@code -v} count) and the
 * per-home log files of {@link net.nym.api.PluginContext#logToHome}.
 *
 * <ul>
 *   <li>Console (the appender named {@value #CONSOLE_APPENDER} in {@code logback.xml}, on stderr):
 *       WARN and above at verbosity 0, INFO at 1, DEBUG at 2 or more.
 *   <li>Files: INFO, or DEBUG from verbosity 1; with thread, plugin id (MDC key {@value
 *       #MDC_PLUGIN}) and stack traces.
 *   <li>PF4J ({@code org.pf4j}): off at verbosity 0, because the host reports plugin problems
 *       itself, one line each; INFO at 1, DEBUG at 2.
 * </ul>
 *
 * <p>When SLF4J is not bound to logback (a host embedding nym with another binding), every method
 * does nothing. Thread-safe.
 */
public final class Logging {

  /** The name of the console appender that {@code logback.xml} must define. */
  public static final String CONSOLE_APPENDER = "CONSOLE";

  /** The MDC key holding the id of the plugin whose command is running. */
  public static final String MDC_PLUGIN = "plugin";

  private static final String FILE_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %X{"
          + MDC_PLUGIN
          + "} %logger{36} - %msg%n";

  private final LoggerContext context;
  private final Map<Path, FileAppender<ILoggingEvent>> files = new LinkedHashMap<>();
  private int verbosity;

  /** Works on the logback context SLF4J is bound to, if any. */
  public Logging() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    this.context = factory instanceof LoggerContext lc ? lc : null;
  }

  /** Sets the verbosity ({@code -v} count, 0 for none) and applies it to every appender. */
  public synchronized void setVerbosity(int verbosity) {
    this.verbosity = Math.max(0, verbosity);
    apply();
  }

  /** The current verbosity. */
  public synchronized int verbosity() {
    return verbosity;
  }

  /**
   * Sends the log also to {@code file} from now on, creating its directory; does nothing if the
   * file is already attached.
   */
  public synchronized void addFile(Path file) {
    if (context == null || files.containsKey(file)) {
      return;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(FILE_PATTERN);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("FILE " + file);
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    root().addAppender(appender);
    files.put(file, appender);
    apply();
  }

  /** Detaches and closes every file added by {@link #addFile}. */
  public synchronized void closeFiles() {
    for (FileAppender<ILoggingEvent> appender : files.values()) {
      root().detachAppender(appender);
      appender.stop();
    }
    files.clear();
    apply();
  }

  private void apply() {
    if (context == null) {
      return;
    }
    Level console = verbosity == 0 ? Level.WARN : verbosity == 1 ? Level.INFO : Level.DEBUG;
    Level file = verbosity == 0 ? Level.INFO : Level.DEBUG;
    // The root passes what the most verbose appender wants; the console filters for itself, and
    // the files want everything the root passes.
    boolean fileIsFiner = !files.isEmpty() && console.isGreaterOrEqual(file);
    root().setLevel(fileIsFiner ? file : console);
    context
        .getLogger("org.pf4j")
        .setLevel(verbosity == 0 ? Level.OFF : verbosity == 1 ? Level.INFO : Level.DEBUG);
    Appender<ILoggingEvent> appender = root().getAppender(CONSOLE_APPENDER);
    if (appender != null) {
      consoleThreshold(appender).setLevel(console.toString());
    }
    // Libraries that log through java.util.logging (gRPC inside Ratis) write to stderr on their
    // own; hold them to the same console threshold.
    java.util.logging.Logger.getLogger("")
        .setLevel(
            verbosity == 0
                ? java.util.logging.Level.WARNING
                : verbosity == 1 ? java.util.logging.Level.INFO : java.util.logging.Level.FINE);
  }

  private ThresholdFilter consoleThreshold(Appender<ILoggingEvent> appender) {
    for (Filter<ILoggingEvent> filter : appender.getCopyOfAttachedFiltersList()) {
      if (filter instanceof ThresholdFilter threshold) {
        return threshold;
      }
    }
    ThresholdFilter threshold = new ThresholdFilter();
    threshold.setContext(context);
    threshold.start();
    appender.addFilter(threshold);
    return threshold;
  }

  private Logger root() {
    return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
