package net.nym.mixnet.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that {@code nym mixnode init} and {@code nym gateway init} share, as a picocli mixin
 * ({@code @Mixin NodeInitOptions node;}), and their checks: each mistake names its flag.
 */
public final class NodeInitOptions {
  @Option(names = "--id", required = true, paramLabel = "ID", description = "The node's id.")
  private String id;

  @Option(
      names = "--host",
      required = true,
      paramLabel = "IP",
      description = "The public IP address that other nodes (and clients) reach this node at.")
  private String host;

  @Option(
      names = "--mix-port",
      paramLabel = "PORT",
      defaultValue = "1789",
      description = "The mix port (default: ${DEFAULT-VALUE}).")
  private int mixPort;

  @Option(
      names = "--http-api-port",
      paramLabel = "PORT",
      defaultValue = "8000",
      description = "The HTTP API port (default: ${DEFAULT-VALUE}).")
  private int httpPort;

  @Option(
      names = "--validators",
      paramLabel = "URL",
      split = ",",
      description = "Validator / nym-api endpoints, comma-separated.")
  private List<String> validators;

  @Option(names = "--force", description = "Overwrite an existing node's config and keys.")
  private boolean force;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private OutputFormat format;

  /**
   * Checks {@code --host}, {@code --mix-port}, {@code --http-api-port} and {@code --validators};
   * returns the validator URLs (stripped, empty entries dropped).
   *
   * @throws ParameterException naming the flag and what was expected
   */
  public List<String> validate(CommandSpec spec) {
    try {
      IpLiterals.parse(host);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--host: " + e.getMessage());
    }
    checkPort(spec, "--mix-port", mixPort);
    checkPort(spec, "--http-api-port", httpPort);
    List<String> urls =
        validators == null
            ? List.of()
            : validators.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String url : urls) {
      checkUrl(spec, url);
    }
    return urls;
  }

  /** Refuses a port outside 1..65535, naming {@code option}. */
  public static void checkPort(CommandSpec spec, String option, int port) {
    if (port < 1 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), option + ": expected a port from 1 to 65535, got " + port);
    }
  }

  private static void checkUrl(CommandSpec spec, String url) {
    try {
      URI u = new URI(url);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new URISyntaxException(url, "expected an http:// or https:// URL with a host");
      }
    } catch (URISyntaxException e) {
      throw new ParameterException(
          spec.commandLine(), "--validators: '" + url + "' is not an http(s) URL");
    }
  }

  /** The node's id. */
  public String id() {
    return id;
  }

  /** The announced host, stripped. */
  public String host() {
    return host.strip();
  }

  /** The mix port. */
  public int mixPort() {
    return mixPort;
  }

  /** The HTTP API port. */
  public int httpPort() {
    return httpPort;
  }

  /** Whether an existing node may be overwritten. */
  public boolean force() {
    return force;
  }

  /** The output format. */
  public OutputFormat format() {
    return format;
  }
}
