package net.nym.crypto.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import net.nym.crypto.testing.Vectors;
import org.junit.jupiter.api.Test;

class NodeAddressTest {
  @Test
  void encodesIpv4AsVersionPortOctets() throws Exception {
    NodeAddress a = NodeAddress.of(new InetSocketAddress("1.2.3.4", 1789));
    assertThat(Vectors.hex(a.toBytes())).isEqualTo("0406fd01020304");
    byte[] padded = a.toPaddedBytes(32);
    assertThat(padded).hasSize(32);
    assertThat(Vectors.hex(padded)).startsWith("0406fd01020304").endsWith("00".repeat(25));
    assertThat(NodeAddress.fromBytes(padded)).isEqualTo(a);
    assertThat(a).hasToString("1.2.3.4:1789");
  }

  @Test
  void encodesIpv6In19Bytes() throws Exception {
    NodeAddress a = NodeAddress.of(new InetSocketAddress("2001:db8::1", 443));
    assertThat(Vectors.hex(a.toBytes())).isEqualTo("0601bb" + "20010db8000000000000000000000001");
    assertThat(NodeAddress.fromBytes(a.toPaddedBytes(32))).isEqualTo(a);
    assertThat(a.toSocketAddress()).isEqualTo(new InetSocketAddress("2001:db8::1", 443));
  }

  @Test
  void ipv4MappedIpv6StaysIpv6() throws Exception {
    byte[] ip = Vectors.hex("00000000000000000000ffff01020304");
    NodeAddress a = NodeAddress.of(ip, 80);
    assertThat(a.isIpv4()).isFalse();
    assertThat(a.toBytes()).hasSize(19);
    assertThat(NodeAddress.fromBytes(a.toBytes())).isEqualTo(a);
  }

  @Test
  void malformedBytesGiveClearErrors() {
    assertThatThrownBy(() -> NodeAddress.fromBytes(new byte[0]))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("no bytes");
    assertThatThrownBy(() -> NodeAddress.fromBytes(new byte[] {5, 0, 0}))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("IP version must be 4 or 6, got 5");
    assertThatThrownBy(() -> NodeAddress.fromBytes(new byte[] {4, 0, 80, 1, 2}))
        .isInstanceOf(AddressFormatException.class)
        .hasMessageContaining("IPv4 needs 7 bytes, got 5");
    assertThatThrownBy(() -> NodeAddress.fromBytes(new byte[18]))
        .isInstanceOf(AddressFormatException.class);
    assertThatThrownBy(() -> NodeAddress.of(InetSocketAddress.createUnresolved("example.org", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unresolved");
  }
}
