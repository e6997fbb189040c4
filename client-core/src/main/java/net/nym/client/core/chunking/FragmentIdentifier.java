package net.nym.client.core.chunking;

/**
 * Names one fragment: {@code set_id (i32 BE) || position (u8)}, 5 bytes; what a SURB-ack carries
 * back to the sender. Cover packets use the all-zero {@link #COVER}.
 *
 * @param setId the fragment set id
 * @param position the 1-based position in the set (0 for cover)
 */
public record FragmentIdentifier(int setId, int position) {
  /** Encoded length. */
  public static final int LENGTH = 5;
  /** The identifier of cover packets. */
  public static final FragmentIdentifier COVER = new FragmentIdentifier(0, 0);

  /** The 5-byte encoding. */
  public byte[] toBytes() {
    return new byte[] {(byte) (setId >>> 24), (byte) (setId >>> 16), (byte) (setId >>> 8),
        (byte) setId, (byte) position};
  }

  /** Decodes 5 bytes. */
  public static FragmentIdentifier fromBytes(byte[] b) {
    if (b.length != LENGTH) {
      throw new IllegalArgumentException("a fragment identifier has 5 bytes, not " + b.length);
    }
    int id = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    return new FragmentIdentifier(id, b[4] & 0xff);
  }

  /** Whether this names a cover packet. */
  public boolean isCover() {
    return setId == 0 && position == 0;
  }
}
