package net.nym.mixnet.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses IP address literals without ever asking DNS (Nym routes to IP addresses only). */
public final class IpLiterals {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpLiterals() {}

  /**
   * The address {@code text} names.
   *
   * @throws IllegalArgumentException if it is not an IPv4 or IPv6 literal
   */
  public static InetAddress parse(String text) {
    String t = text.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = IPV4.matcher(t).matches();
    boolean v6 = !v4 && t.contains(":") && IPV6.matcher(t).matches();
    if (!v4 && !v6) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an IP address (Nym routes packets to IP addresses, not names)");
    }
    try {
      return InetAddress.getByName(t);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address");
    }
  }
}
