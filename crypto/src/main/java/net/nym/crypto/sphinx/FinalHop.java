package net.nym.crypto.sphinx;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A packet that ends here: its destination, SURB identifier and the recovered message (the payload
 * with the 16 zero bytes, the 0x01 marker and the padding removed).
 */
public final class FinalHop implements ProcessedPacket {
  private final SphinxDestination destination;
  private final byte[] message;
  private final byte[] replayTag;
  private final SphinxVersion version;

  FinalHop(SphinxDestination destination, byte[] message, byte[] replayTag, SphinxVersion version) {
    this.destination = destination;
    this.message = message;
    this.replayTag = replayTag;
    this.version = version;
  }

  /** The destination address and SURB identifier from the header. */
  public SphinxDestination destination() {
    return destination;
  }

  /** A copy of the recovered message. */
  public byte[] message() {
    return message.clone();
  }

  @Override
  public byte[] replayTag() {
    return replayTag.clone();
  }

  @Override
  public SphinxVersion version() {
    return version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FinalHop other
        && destination.equals(other.destination)
        && Arrays.equals(message, other.message)
        && Arrays.equals(replayTag, other.replayTag)
        && version == other.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(destination, Arrays.hashCode(message), version);
  }

  @Override
  public String toString() {
    return "FinalHop[destination="
        + HexFormat.of().formatHex(destination.address())
        + ", message="
        + message.length
        + " bytes, version="
        + version.value()
        + "]";
  }
}
