package net.nym.crypto.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketSizeTest {
  @Test
  void sizesMatchNym() {
    assertThat(PacketSize.REGULAR.size()).isEqualTo(2413);
    assertThat(PacketSize.REGULAR.payloadSize()).isEqualTo(2065);
    assertThat(PacketSize.ACK.size()).isEqualTo(386);
    assertThat(PacketSize.ACK.plaintextSize()).isEqualTo(21);
    assertThat(PacketSize.EXTENDED_8.size()).isEqualTo(8557);
    assertThat(PacketSize.EXTENDED_16.size()).isEqualTo(16749);
    assertThat(PacketSize.EXTENDED_32.size()).isEqualTo(33133);
  }

  @Test
  void tagsLabelsAndLookups() {
    assertThat(PacketSize.values()).extracting(PacketSize::tag).containsExactly(1, 2, 3, 4, 5);
    assertThat(PacketSize.fromTag(4)).contains(PacketSize.EXTENDED_8);
    assertThat(PacketSize.fromTag(6)).isEmpty();
    assertThat(PacketSize.fromSize(2413)).contains(PacketSize.REGULAR);
    assertThat(PacketSize.fromSize(2414)).isEmpty();
    assertThat(PacketSize.fromLabel("extended32")).contains(PacketSize.EXTENDED_32);
    assertThat(PacketType.fromTag(0)).contains(PacketType.MIX);
    assertThat(PacketType.fromTag(2)).contains(PacketType.OUTFOX);
    assertThat(PacketType.fromTag(1)).isEmpty();
    assertThat(PacketType.fromLabel("sphinx")).contains(PacketType.MIX);
  }
}
