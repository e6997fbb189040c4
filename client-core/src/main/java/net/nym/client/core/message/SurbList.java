package net.nym.client.core.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.nym.crypto.sphinx.ReplySurb;
import net.nym.crypto.sphinx.SphinxException;
import net.nym.mixnet.framing.KeyRotation;

/**
 * Reply SURBs attached to a repliable message, with the key rotation they were built for (nym-wire
 * §4.5). Two encodings exist:
 *
 * <ul>
 *   <li>v1: {@code count (u32 BE) || count × ReplySurb}, each exactly {@value #V1_SURB_LENGTH}
 *       bytes (16-byte key, header, first hop, four 192-byte payload keys);
 *   <li>v2 (what this implementation writes): {@code count (u16 BE) || num_hops (u8) ||
 *       key_rotation (u8) || count × ReplySurb}, each {@code 16 + 348 + 32 + num_hops × 16} bytes.
 * </ul>
 *
 * @param surbs the reply SURBs, in order
 * @param rotation the key rotation of the nodes the SURBs route through
 */
public record SurbList(List<ReplySurb> surbs, KeyRotation rotation) {
  /** Length of one v1 reply SURB (4 hops, explicit 192-byte payload keys). */
  public static final int V1_SURB_LENGTH = 16 + 348 + 32 + 4 * 192;
  /** Fixed part of a v2 reply SURB; add 16 per hop. */
  public static final int V2_SURB_BASE = 16 + 348 + 32;
  private static final int SEED = 16;

  /** Copies the list. */
  public SurbList {
    surbs = List.copyOf(surbs);
  }

  /** An empty list. */
  public static SurbList empty() {
    return new SurbList(List.of(), KeyRotation.UNKNOWN);
  }

  /** The v2 encoding. */
  public byte[] toV2Bytes() {
    int hops = surbs.isEmpty() ? 0 : surbs.get(0).surb().hops();
    ByteArrayOutputStream out = new ByteArrayOutputStream(4 + surbs.size() * v2Length(hops));
    out.write(surbs.size() >>> 8);
    out.write(surbs.size());
    out.write(hops);
    out.write(rotation.value());
    for (ReplySurb s : surbs) {
      if (s.surb().hops() != hops || !s.surb().hasKeySeeds()) {
        throw new IllegalStateException("v2 SURB lists need SURBs with payload key seeds and "
            + "the same number of hops");
      }
      out.writeBytes(s.toBytes());
    }
    return out.toByteArray();
  }

  /** Length of {@link #toV2Bytes()}. */
  public int v2Length() {
    int hops = surbs.isEmpty() ? 0 : surbs.get(0).surb().hops();
    return 4 + surbs.size() * v2Length(hops);
  }

  private static int v2Length(int hops) {
    return V2_SURB_BASE + hops * SEED;
  }

  /**
   * Reads a v2 list at the buffer's position and advances past it.
   *
   * @throws MessageFormatException if the bytes are too short or a SURB is malformed
   */
  public static SurbList readV2(ByteBuffer in) throws MessageFormatException {
    if (in.remaining() < 4) {
      throw new MessageFormatException("a v2 SURB list needs 4 header bytes, "
          + in.remaining() + " left");
    }
    int count = in.getShort() & 0xffff;
    int hops = in.get() & 0xff;
    int rot = in.get() & 0xff;
    KeyRotation rotation = KeyRotation.fromValue(rot).orElseThrow(
        () -> new MessageFormatException("unknown key rotation " + rot + " in a SURB list"));
    return new SurbList(readSurbs(in, count, v2Length(hops)), rotation);
  }

  /**
   * Reads a v1 list at the buffer's position and advances past it.
   *
   * @throws MessageFormatException if the bytes are too short or a SURB is malformed
   */
  public static SurbList readV1(ByteBuffer in) throws MessageFormatException {
    if (in.remaining() < 4) {
      throw new MessageFormatException("a v1 SURB list needs 4 header bytes, "
          + in.remaining() + " left");
    }
    long count = in.getInt() & 0xffffffffL;
    if (count > in.remaining() / V1_SURB_LENGTH) {
      throw new MessageFormatException(count + " v1 SURBs announced, " + in.remaining()
          + " bytes left");
    }
    return new SurbList(readSurbs(in, (int) count, V1_SURB_LENGTH), KeyRotation.UNKNOWN);
  }

  private static List<ReplySurb> readSurbs(ByteBuffer in, int count, int length)
      throws MessageFormatException {
    if ((long) count * length > in.remaining()) {
      throw new MessageFormatException(count + " SURBs of " + length + " bytes announced, "
          + in.remaining() + " bytes left");
    }
    List<ReplySurb> out = new ArrayList<>(count);
    byte[] one = new byte[length];
    for (int i = 0; i < count; i++) {
      in.get(one);
      try {
        out.add(ReplySurb.fromBytes(Arrays.copyOf(one, length)));
      } catch (SphinxException e) {
        throw new MessageFormatException("reply SURB " + i + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
