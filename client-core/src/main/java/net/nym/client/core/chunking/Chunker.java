package net.nym.client.core.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import net.nym.client.core.message.MessageFormatException;
import net.nym.client.core.message.NymMessage;
import net.nym.client.core.message.Padding;
import net.nym.client.core.packet.Payloads;
import net.nym.crypto.packet.PacketSize;

/**
 * Pads an encoded message to whole fragments and splits it into sets, as Nym's {@code
 * pad_to_full_packet_lengths} and {@code split_into_sets} do (nym-wire §4.2, §4.3). {@code
 * perFragment} is the space for one fragment (header included), e.g. 1611 bytes for a regular
 * packet of a plain or repliable message.
 */
public final class Chunker {
  private Chunker() {}

  /**
   * Space for one fragment (header included) in a packet of this size: the plaintext minus the
   * SURB-ack (405) and the key field (32), e.g. 1611 for a regular packet. The same for replies,
   * whose BLAKE3 key digest is as long as an x25519 key.
   */
  public static int perFragment(PacketSize size) {
    return size.plaintextSize() - Payloads.OVERHEAD;
  }

  /** The fragments of a message for packets of this size, sets in order. */
  public static List<Fragment> fragments(NymMessage message, PacketSize size,
      RandomGenerator random) {
    return padAndSplit(message.toBytes(), perFragment(size), random);
  }

  /**
   * The message in reassembled padded bytes.
   *
   * @throws MessageFormatException if the padding or the message is malformed
   */
  public static NymMessage decode(byte[] padded) throws MessageFormatException {
    return NymMessage.fromBytes(Padding.unpad(padded));
  }

  /** Payload of an unlinked fragment. */
  public static int unlinkedCapacity(int perFragment) {
    return perFragment - Fragment.UNLINKED_HEADER;
  }

  /** Payload of a linked fragment. */
  public static int linkedCapacity(int perFragment) {
    return perFragment - Fragment.LINKED_HEADER;
  }

  static long maxUnlinkedSet(int perFragment) {
    return (long) Fragment.MAX_FRAGMENTS * unlinkedCapacity(perFragment);
  }

  static long oneWayLinkedSet(int perFragment) {
    return maxUnlinkedSet(perFragment) - (Fragment.LINKED_HEADER - Fragment.UNLINKED_HEADER);
  }

  static long twoWayLinkedSet(int perFragment) {
    return maxUnlinkedSet(perFragment) - 2 * (Fragment.LINKED_HEADER - Fragment.UNLINKED_HEADER);
  }

  /** How many sets a padded message of this length needs. */
  public static int numberOfSets(long length, int perFragment) {
    if (length <= maxUnlinkedSet(perFragment)) {
      return 1;
    }
    if (length <= 2 * oneWayLinkedSet(perFragment)) {
      return 2;
    }
    long middle = length - 2 * oneWayLinkedSet(perFragment);
    return (int) ceilDiv(middle, twoWayLinkedSet(perFragment)) + 2;
  }

  /**
   * Fragments needed for {@code length} bytes and the space left in the last one ({@code
   * number_of_required_fragments}).
   *
   * @return {@code {fragments, spaceLeft}}
   */
  public static long[] requiredFragments(long length, int perFragment) {
    long unlinked = unlinkedCapacity(perFragment);
    long linked = linkedCapacity(perFragment);
    int sets = numberOfSets(length, perFragment);
    if (sets == 1) {
      if (length < unlinked) {
        return new long[] {1, unlinked - length};
      }
      long quot = length / unlinked;
      long rem = length % unlinked;
      return rem == 0 ? new long[] {quot, 0} : new long[] {quot + 1, unlinked - rem};
    }
    long withoutLast = (long) (sets - 1) * Fragment.MAX_FRAGMENTS;
    long linkedWithoutLast = (2L * sets - 2) - 1;
    long unlinkedWithoutLast = withoutLast - linkedWithoutLast;
    long finalSet = length - linkedWithoutLast * linked - unlinkedWithoutLast * unlinked;
    if (finalSet < linked) {
      return new long[] {withoutLast + 1, linked - finalSet};
    }
    if (finalSet == linked) {
      return new long[] {withoutLast + 1, 0};
    }
    long remaining = finalSet - linked;
    long quot = remaining / unlinked;
    long rem = remaining % unlinked;
    return rem == 0
        ? new long[] {withoutLast + quot + 1, 0}
        : new long[] {withoutLast + quot + 2, unlinked - rem};
  }

  /** The encoded message with Nym's padding so that every fragment is full. */
  public static byte[] pad(byte[] encoded, int perFragment) {
    long[] r = requiredFragments(encoded.length + 1L, perFragment);
    return Padding.pad(encoded, (int) r[1]);
  }

  /** A random set id in (0, 2^31), never 0 (Nym's {@code generate_set_id}). */
  public static int newSetId(RandomGenerator random) {
    while (true) {
      int id = random.nextInt();
      if (id != 0 && id != Integer.MIN_VALUE) {
        return Math.abs(id);
      }
    }
  }

  /** Pads {@code encoded} and splits it into fragments, sets in order. */
  public static List<Fragment> padAndSplit(byte[] encoded, int perFragment,
      RandomGenerator random) {
    return split(pad(encoded, perFragment), perFragment, random);
  }

  /** Splits an already padded message into fragments, sets in order. */
  public static List<Fragment> split(byte[] padded, int perFragment, RandomGenerator random) {
    int sets = numberOfSets(padded.length, perFragment);
    List<Fragment> out = new ArrayList<>();
    if (sets == 1) {
      unlinkedSet(padded, 0, padded.length, newSetId(random), perFragment, out);
      return out;
    }
    int[] ids = new int[sets];
    for (int i = 0; i < sets; i++) {
      int id;
      boolean clash;
      do {
        id = newSetId(random);
        clash = false;
        for (int j = 0; j < i; j++) {
          clash |= ids[j] == id;
        }
      } while (clash);
      ids[i] = id;
    }
    int lb = 0;
    int ub = (int) oneWayLinkedSet(perFragment);
    for (int i = 0; i < sets; i++) {
      linkedSet(padded, lb, ub, ids[i], i == 0 ? 0 : ids[i - 1],
          i == sets - 1 ? 0 : ids[i + 1], perFragment, out);
      lb = ub;
      long next = i == sets - 2 ? oneWayLinkedSet(perFragment) : twoWayLinkedSet(perFragment);
      ub = (int) Math.min(padded.length, ub + next);
    }
    return out;
  }

  private static void unlinkedSet(byte[] m, int from, int to, int id, int perFragment,
      List<Fragment> out) {
    int cap = unlinkedCapacity(perFragment);
    int n = (int) ceilDiv(to - from, cap);
    for (int i = 1; i <= n; i++) {
      int lb = from + (i - 1) * cap;
      int ub = Math.min(to, from + i * cap);
      out.add(new Fragment(id, n, i, 0, 0, java.util.Arrays.copyOfRange(m, lb, ub)));
    }
  }

  private static void linkedSet(byte[] m, int from, int to, int id, int prev, int next,
      int perFragment, List<Fragment> out) {
    int unlinked = unlinkedCapacity(perFragment);
    int linked = linkedCapacity(perFragment);
    int len = to - from;
    int n;
    if (next != 0) {
      n = Fragment.MAX_FRAGMENTS;
    } else {
      int tail = len >= linked ? len - linked : 0;
      n = 1 + (int) ceilDiv(tail, unlinked);
      if (n > Fragment.MAX_FRAGMENTS) {
        throw new IllegalStateException("message would produce too many fragments");
      }
    }
    int lb = from;
    int ub = prev != 0 ? Math.min(to, from + linked) : from + unlinked;
    for (int i = 1; i <= n; i++) {
      out.add(new Fragment(id, n, i, i == 1 ? prev : 0, i == n ? next : 0,
          java.util.Arrays.copyOfRange(m, lb, ub)));
      lb = ub;
      ub = Math.min(to, ub + unlinked);
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
