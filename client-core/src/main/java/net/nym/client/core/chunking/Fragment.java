package net.nym.client.core.chunking;

import java.util.Arrays;
import java.util.Objects;
import net.nym.client.core.message.MessageFormatException;

/**
 * One fragment of a padded message: Nym's header and a slice of the message (nym-wire §4.3).
 *
 * <p>Unlinked header (7 bytes): {@code (set_id | 0x80000000) (i32 BE) || total || current ||
 * 0x00}. Linked header (10 bytes): the same with the last byte replaced by {@code (linked_id |
 * 0x80000000) (i32 BE)}; only the first fragment of a set (linking to the previous set) or the
 * last fragment of a full 255-fragment set (linking to the next set) carries a link.
 *
 * @param setId the set id, in (0, 2^31)
 * @param total fragments in the set, 1..255
 * @param current 1-based position, 1..total
 * @param previousSetId the previous set's id (first fragment of a linked set), or 0
 * @param nextSetId the next set's id (last fragment of a full linked set), or 0
 * @param payload the slice of the padded message
 */
public record Fragment(int setId, int total, int current, int previousSetId, int nextSetId,
    byte[] payload) {
  /** Length of an unlinked header. */
  public static final int UNLINKED_HEADER = 7;
  /** Length of a linked header. */
  public static final int LINKED_HEADER = 10;
  /** Most fragments in one set. */
  public static final int MAX_FRAGMENTS = 255;

  /** Validates like Nym's {@code FragmentHeader::try_new}. */
  public Fragment {
    Objects.requireNonNull(payload, "payload");
    if (setId <= 0 || total < 1 || total > MAX_FRAGMENTS || current < 1 || current > total) {
      throw new IllegalArgumentException("invalid fragment header: set " + setId + " fragment "
          + current + "/" + total);
    }
    if (previousSetId != 0 && (previousSetId < 0 || current != 1 || previousSetId == setId)) {
      throw new IllegalArgumentException("invalid previous link " + previousSetId);
    }
    if (nextSetId != 0 && (nextSetId < 0 || current != total || nextSetId == setId)) {
      throw new IllegalArgumentException("invalid next link " + nextSetId);
    }
    if (previousSetId != 0 && nextSetId != 0) {
      throw new IllegalArgumentException("a fragment carries at most one link");
    }
  }

  /** Whether the header is the 10-byte linked form. */
  public boolean isLinked() {
    return previousSetId != 0 || nextSetId != 0;
  }

  /** Header length plus payload length. */
  public int encodedLength() {
    return (isLinked() ? LINKED_HEADER : UNLINKED_HEADER) + payload.length;
  }

  /** The identifier a SURB-ack carries for this fragment. */
  public FragmentIdentifier identifier() {
    return new FragmentIdentifier(setId, current);
  }

  /** Header and payload. */
  public byte[] toBytes() {
    byte[] out = new byte[encodedLength()];
    putInt(out, 0, setId | 0x80000000);
    out[4] = (byte) total;
    out[5] = (byte) current;
    int header = UNLINKED_HEADER;
    if (isLinked()) {
      putInt(out, 6, (previousSetId != 0 ? previousSetId : nextSetId) | 0x80000000);
      header = LINKED_HEADER;
    }
    System.arraycopy(payload, 0, out, header, payload.length);
    return out;
  }

  /**
   * Parses header and payload like Nym's {@code Fragment::try_from_bytes}.
   *
   * @throws MessageFormatException if the header is short or malformed
   */
  public static Fragment fromBytes(byte[] b) throws MessageFormatException {
    if (b.length < UNLINKED_HEADER) {
      throw new MessageFormatException("a fragment header needs 7 bytes, got " + b.length);
    }
    int flagged = getInt(b, 0);
    if (flagged >= 0) {
      throw new MessageFormatException("the fragment set id lacks its flag bit");
    }
    int id = flagged & 0x7fffffff;
    int total = b[4] & 0xff;
    int current = b[5] & 0xff;
    if (total == 0 || current == 0 || current > total) {
      throw new MessageFormatException("fragment " + current + " of " + total + " is invalid");
    }
    int prev = 0;
    int next = 0;
    int header = UNLINKED_HEADER;
    if (b[6] != 0) {
      if (b.length < LINKED_HEADER) {
        throw new MessageFormatException("a linked fragment header needs 10 bytes, got "
            + b.length);
      }
      int link = getInt(b, 6);
      if (link >= 0) {
        throw new MessageFormatException("the linked set id lacks its flag bit");
      }
      link &= 0x7fffffff;
      if (current == 1) {
        prev = link;
      } else if (current == total && total == MAX_FRAGMENTS) {
        next = link;
      } else {
        throw new MessageFormatException("fragment " + current + "/" + total
            + " may not carry a link");
      }
      header = LINKED_HEADER;
    }
    try {
      return new Fragment(id, total, current, prev, next,
          Arrays.copyOfRange(b, header, b.length));
    } catch (IllegalArgumentException e) {
      throw new MessageFormatException(e.getMessage(), e);
    }
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fragment f && setId == f.setId && total == f.total
        && current == f.current && previousSetId == f.previousSetId
        && nextSetId == f.nextSetId && Arrays.equals(payload, f.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(setId, total, current, previousSetId, nextSetId,
        Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "fragment " + current + "/" + total + " of set " + setId
        + (previousSetId != 0 ? " (after " + previousSetId + ")" : "")
        + (nextSetId != 0 ? " (before " + nextSetId + ")" : "") + ", " + payload.length
        + " bytes";
  }
}
