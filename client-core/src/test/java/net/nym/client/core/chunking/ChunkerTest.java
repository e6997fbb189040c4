package net.nym.client.core.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.nym.client.core.message.NymMessage;
import net.nym.crypto.packet.PacketSize;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private static final int PER = Chunker.perFragment(PacketSize.REGULAR);

  @Test
  void regularPacketBudgets() {
    assertThat(PER).isEqualTo(1611);
    assertThat(Chunker.unlinkedCapacity(PER)).isEqualTo(1604);
    assertThat(Chunker.linkedCapacity(PER)).isEqualTo(1601);
    assertThat(Chunker.perFragment(PacketSize.EXTENDED_32)).isEqualTo(32331);
  }

  @Test
  void fragmentCountsAtTheEdges() {
    // One byte of data + type byte + 0x01 marker: one fragment.
    assertThat(Chunker.requiredFragments(3, PER)).containsExactly(1, 1601);
    assertThat(Chunker.requiredFragments(1604, PER)).containsExactly(1, 0);
    assertThat(Chunker.requiredFragments(1605, PER)).containsExactly(2, 1603);
    assertThat(Chunker.numberOfSets(255L * 1604, PER)).isEqualTo(1);
    assertThat(Chunker.numberOfSets(255L * 1604 + 1, PER)).isEqualTo(2);
    assertThat(Chunker.numberOfSets(2 * (255L * 1604 - 3), PER)).isEqualTo(2);
    assertThat(Chunker.numberOfSets(2 * (255L * 1604 - 3) + 1, PER)).isEqualTo(3);
  }

  @Test
  void aMebibyteBecomesThreeLinkedSets() {
    byte[] data = new byte[1 << 20];
    new Random(1).nextBytes(data);
    List<Fragment> fs = Chunker.fragments(new NymMessage.Plain(data), PacketSize.REGULAR,
        new Random(2));
    assertThat(fs).allSatisfy(f -> assertThat(f.encodedLength()).isEqualTo(PER));
    assertThat(fs.stream().map(Fragment::setId).distinct()).hasSize(3);
    Fragment lastOfFirst = fs.get(254);
    Fragment firstOfSecond = fs.get(255);
    assertThat(lastOfFirst.nextSetId()).isEqualTo(firstOfSecond.setId());
    assertThat(firstOfSecond.previousSetId()).isEqualTo(lastOfFirst.setId());
    assertThat(fs.get(0).isLinked()).isFalse();
  }

  @Property(tries = 60)
  void everyMessageSplitsIntoFullFragmentsAndReassembles(
      @ForAll @IntRange(min = 0, max = 900_000) int length, @ForAll long seed) throws Exception {
    Random r = new Random(seed);
    byte[] data = new byte[length];
    r.nextBytes(data);
    List<Fragment> fs = Chunker.fragments(new NymMessage.Plain(data), PacketSize.REGULAR, r);
    assertThat(fs).allSatisfy(f -> assertThat(f.encodedLength()).isEqualTo(PER));
    long[] expected = Chunker.requiredFragments(length + 2L, PER);
    assertThat((long) fs.size()).isEqualTo(expected[0]);
    // Shuffled delivery with a duplicate still reassembles exactly once.
    java.util.ArrayList<Fragment> shuffled = new java.util.ArrayList<>(fs);
    shuffled.add(fs.get(r.nextInt(fs.size())));
    java.util.Collections.shuffle(shuffled, r);
    MessageReconstructor rec = new MessageReconstructor();
    int done = 0;
    byte[] padded = null;
    for (Fragment f : shuffled) {
      var out = rec.insert(Fragment.fromBytes(f.toBytes()));
      if (out.isPresent()) {
        done++;
        padded = out.get();
      }
    }
    assertThat(done).isEqualTo(1);
    assertThat(Chunker.decode(padded)).isEqualTo(new NymMessage.Plain(data));
    assertThat(rec.incompleteSets()).isZero();
  }

  @Test
  void concatenationOfFragmentsIsThePaddedMessage() {
    byte[] data = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<Fragment> fs = Chunker.fragments(new NymMessage.Plain(data), PacketSize.REGULAR,
        new Random(3));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fs.forEach(f -> out.writeBytes(f.payload()));
    byte[] padded = out.toByteArray();
    assertThat(padded).hasSize(1604);
    assertThat(padded[0]).isEqualTo((byte) 0);
    assertThat(new String(padded, 1, 5, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("hello");
    assertThat(padded[6]).isEqualTo((byte) 1);
    assertThat(padded[1603]).isEqualTo((byte) 0);
  }
}
