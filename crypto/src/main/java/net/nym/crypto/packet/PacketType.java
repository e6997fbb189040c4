package net.nym.crypto.packet;

import java.util.Optional;

/** The packet format tag of node-to-node framing ({@code nym_sphinx_params::PacketType}). */
public enum PacketType {
  /** A Sphinx packet (serde name {@code "mix"}, alias {@code "sphinx"}). */
  MIX(0, "mix"),
  /** An Outfox packet; recognised but not produced or processed by this module. */
  OUTFOX(2, "outfox");

  private final int tag;
  private final String label;

  PacketType(int tag, String label) {
    this.tag = tag;
    this.label = label;
  }

  /** The one-byte wire tag. */
  public int tag() {
    return tag;
  }

  /** The configuration name. */
  public String label() {
    return label;
  }

  /** The type with this wire tag, if any. */
  public static Optional<PacketType> fromTag(int tag) {
    for (PacketType t : values()) {
      if (t.tag == tag) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type with this name ({@code "sphinx"} is accepted as an alias of {@code "mix"}). */
  public static Optional<PacketType> fromLabel(String label) {
    if ("sphinx".equals(label)) {
      return Optional.of(MIX);
    }
    for (PacketType t : values()) {
      if (t.label.equals(label)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return label;
  }
}
