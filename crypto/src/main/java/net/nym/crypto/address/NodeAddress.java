package net.nym.crypto.address;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A mix node's routing address ({@code NymNodeRoutingAddress} in Nym's {@code
 * common/nymsphinx/addressing/src/nodes.rs}): an IP socket address, encoded as {@code ip_version (1
 * byte: 4 or 6) || port (u16 big-endian) || ip octets (4 or 16)}, 7 or 19 bytes, zero-padded to 32
 * bytes inside Sphinx headers and SURBs.
 *
 * <p>The IP bytes are kept exactly as encoded (an IPv4-mapped IPv6 address stays IPv6). No name
 * resolution ever happens. Immutable.
 */
public final class NodeAddress {
  /** Length of a node address field inside Sphinx headers. */
  public static final int PADDED_LENGTH = 32;

  /** Longest unpadded encoding (IPv6). */
  public static final int MAX_UNPADDED_LENGTH = 19;

  private final byte[] ip;
  private final int port;

  private NodeAddress(byte[] ip, int port) {
    this.ip = ip;
    this.port = port;
  }

  /**
   * Creates an address from raw IP bytes (4 for IPv4, 16 for IPv6) and a port.
   *
   * @throws IllegalArgumentException if the IP length or the port is out of range
   */
  public static NodeAddress of(byte[] ip, int port) {
    if (ip.length != 4 && ip.length != 16) {
      throw new IllegalArgumentException(
          "node address: IP must be 4 or 16 bytes, got " + ip.length);
    }
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("node address: port out of range: " + port);
    }
    return new NodeAddress(ip.clone(), port);
  }

  /**
   * Creates an address from a resolved socket address.
   *
   * @throws IllegalArgumentException if the address is unresolved
   */
  public static NodeAddress of(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      throw new IllegalArgumentException(
          "node address: unresolved host " + address.getHostString());
    }
    return of(ip.getAddress(), address.getPort());
  }

  /**
   * Parses the encoding at the start of {@code bytes}; trailing bytes (padding) are ignored, as in
   * Nym.
   *
   * @throws AddressFormatException if the bytes are empty, too short or have an unknown IP version
   */
  public static NodeAddress fromBytes(byte[] bytes) throws AddressFormatException {
    return fromBytes(bytes, 0, bytes.length);
  }

  /** Parses the encoding in {@code bytes[offset, offset + length)}, ignoring trailing bytes. */
  public static NodeAddress fromBytes(byte[] bytes, int offset, int length)
      throws AddressFormatException {
    if (length < 1) {
      throw new AddressFormatException("node address: no bytes");
    }
    int version = bytes[offset] & 0xff;
    int ipLength;
    if (version == 4) {
      ipLength = 4;
    } else if (version == 6) {
      ipLength = 16;
    } else {
      throw new AddressFormatException("node address: IP version must be 4 or 6, got " + version);
    }
    if (length < 3 + ipLength) {
      throw new AddressFormatException(
          "node address: IPv" + version + " needs " + (3 + ipLength) + " bytes, got " + length);
    }
    int port = ((bytes[offset + 1] & 0xff) << 8) | (bytes[offset + 2] & 0xff);
    return new NodeAddress(Arrays.copyOfRange(bytes, offset + 3, offset + 3 + ipLength), port);
  }

  /** The unpadded encoding (7 or 19 bytes). */
  public byte[] toBytes() {
    byte[] out = new byte[3 + ip.length];
    writeTo(out, 0);
    return out;
  }

  /** The encoding zero-padded to {@code length} bytes (at least the unpadded length). */
  public byte[] toPaddedBytes(int length) {
    if (length < 3 + ip.length) {
      throw new IllegalArgumentException(
          "node address: " + (3 + ip.length) + " bytes do not fit in " + length);
    }
    byte[] out = new byte[length];
    writeTo(out, 0);
    return out;
  }

  /** Writes the unpadded encoding to {@code out[offset..]}; returns the number of bytes written. */
  public int writeTo(byte[] out, int offset) {
    out[offset] = (byte) (ip.length == 4 ? 4 : 6);
    out[offset + 1] = (byte) (port >>> 8);
    out[offset + 2] = (byte) port;
    System.arraycopy(ip, 0, out, offset + 3, ip.length);
    return 3 + ip.length;
  }

  /** Whether this is an IPv4 address. */
  public boolean isIpv4() {
    return ip.length == 4;
  }

  /** A copy of the 4 or 16 IP bytes. */
  public byte[] ipBytes() {
    return ip.clone();
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** The socket address (no name lookup). */
  public InetSocketAddress toSocketAddress() {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("unreachable: IP of " + ip.length + " bytes", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeAddress other && port == other.port && Arrays.equals(ip, other.ip);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ip) + port;
  }

  /** {@code a.b.c.d:port} or {@code [v6]:port}. */
  @Override
  public String toString() {
    InetAddress a = toSocketAddress().getAddress();
    String host = a.getHostAddress();
    return (a instanceof Inet4Address && ip.length == 4 ? host : "[" + host + "]") + ":" + port;
  }
}
