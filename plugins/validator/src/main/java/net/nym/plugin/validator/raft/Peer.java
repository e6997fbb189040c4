package net.nym.plugin.validator.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A validator in the Raft group: {@code id@host:port}.
 *
 * @param id the validator id (its Raft peer id)
 * @param host the host name or IP address
 * @param port the Raft (gRPC) port
 */
public record Peer(String id, String host, int port) {

  /** {@code host:port}, IPv6 in brackets. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return id + "@" + address();
  }

  /**
   * Parses {@code id@host:port}.
   *
   * @throws IllegalArgumentException naming the text if it is not of that form
   */
  public static Peer parse(String text) {
    String t = text.strip();
    int at = t.indexOf('@');
    int colon = t.lastIndexOf(':');
    if (at <= 0 || colon < at + 2 || colon == t.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not of the form id@host:port");
    }
    String host = t.substring(at + 1, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("'" + text + "': the port must be 1 to 65535");
    }
    return new Peer(t.substring(0, at), host, port);
  }

  /** Parses a comma-separated list. */
  public static List<Peer> parseList(List<String> texts) {
    List<Peer> peers = new ArrayList<>();
    for (String s : texts) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          peers.add(parse(part));
        }
      }
    }
    return peers;
  }
}
