package net.nym.crypto.sphinx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import net.nym.crypto.address.AddressFormatException;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.sphinx.SphinxException.Reason;

/**
 * A single-use reply block ({@code sphinx-packet} 0.6.0 {@code surb/mod.rs}): a prepared header for
 * a route back to its creator, the first hop's address and the per-hop payload key material.
 * Whoever holds it can send one packet to the creator with {@link #use(byte[], int)} without
 * learning the route; the creator's gateway (the final hop) recovers the message by ordinary
 * processing.
 *
 * <p>Byte form: {@code header (348) || first hop address (32, zero-padded) || key material}, where
 * the key material is one 192-byte payload key per hop for versions up to 258 and one 16-byte seed
 * per hop for version 259. Immutable.
 */
public final class Surb {
  private static final int FIXED_LENGTH = SphinxHeader.LENGTH + NodeAddress.PADDED_LENGTH;

  private final SphinxHeader header;
  private final NodeAddress firstHop;
  private final byte[][] keyMaterial;
  private final boolean seeds;

  private Surb(SphinxHeader header, NodeAddress firstHop, byte[][] keyMaterial, boolean seeds) {
    this.header = header;
    this.firstHop = firstHop;
    this.keyMaterial = keyMaterial;
    this.seeds = seeds;
  }

  /**
   * Creates a SURB for {@code route} (first hop first; the last hop is the creator's gateway) that
   * delivers to {@code destination}. Version 259 stores seeds, earlier versions full keys.
   *
   * @throws IllegalArgumentException on an empty or too long route or mismatched delays
   */
  public static Surb create(
      List<SphinxNode> route,
      List<Duration> delays,
      SphinxDestination destination,
      SphinxVersion version,
      RandomGenerator random) {
    HeaderConstruction h = HeaderConstruction.build(route, delays, destination, version, random);
    byte[][] material;
    boolean seeds = !version.usesExplicitPayloadKeys();
    if (seeds) {
      material = new byte[h.expanded.length][];
      for (int i = 0; i < material.length; i++) {
        material[i] =
            Arrays.copyOfRange(
                h.expanded[i],
                ExpandedSecret.PAYLOAD_KEY,
                ExpandedSecret.PAYLOAD_KEY + ExpandedSecret.PAYLOAD_KEY_SEED_LENGTH);
      }
    } else {
      material = h.payloadKeys(version);
    }
    return new Surb(SphinxHeader.wrap(h.header), route.get(0).address(), material, seeds);
  }

  /**
   * Parses the byte form.
   *
   * @throws SphinxException with {@link Reason#MALFORMED_SURB} on a wrong length or first-hop
   *     address
   */
  public static Surb fromBytes(byte[] bytes) throws SphinxException {
    if (bytes.length < FIXED_LENGTH + ExpandedSecret.PAYLOAD_KEY_SEED_LENGTH) {
      throw new SphinxException(
          Reason.MALFORMED_SURB, bytes.length + " bytes are too few for a SURB");
    }
    int materialLength = bytes.length - FIXED_LENGTH;
    boolean seeds = materialLength < ExpandedSecret.PAYLOAD_KEY_LENGTH;
    int unit = seeds ? ExpandedSecret.PAYLOAD_KEY_SEED_LENGTH : ExpandedSecret.PAYLOAD_KEY_LENGTH;
    if (materialLength % unit != 0 || materialLength / unit > Layout.MAX_HOPS) {
      throw new SphinxException(
          Reason.MALFORMED_SURB,
          "key material of "
              + materialLength
              + " bytes is not 1 to 5 "
              + (seeds ? "seeds" : "keys"));
    }
    NodeAddress firstHop;
    try {
      firstHop = NodeAddress.fromBytes(bytes, SphinxHeader.LENGTH, NodeAddress.PADDED_LENGTH);
    } catch (AddressFormatException e) {
      throw new SphinxException(Reason.MALFORMED_SURB, "first hop: " + e.getMessage());
    }
    byte[][] material = new byte[materialLength / unit][];
    for (int i = 0; i < material.length; i++) {
      material[i] =
          Arrays.copyOfRange(bytes, FIXED_LENGTH + i * unit, FIXED_LENGTH + (i + 1) * unit);
    }
    return new Surb(
        SphinxHeader.wrap(Arrays.copyOfRange(bytes, 0, SphinxHeader.LENGTH)),
        firstHop,
        material,
        seeds);
  }

  /** The byte form. */
  public byte[] toBytes() {
    int unit = keyMaterial[0].length;
    byte[] out = new byte[FIXED_LENGTH + unit * keyMaterial.length];
    header.writeTo(out, 0);
    firstHop.writeTo(out, SphinxHeader.LENGTH);
    for (int i = 0; i < keyMaterial.length; i++) {
      System.arraycopy(keyMaterial[i], 0, out, FIXED_LENGTH + i * unit, unit);
    }
    return out;
  }

  /**
   * Builds the reply packet: {@code message} padded to {@code payloadSize} and encrypted with every
   * hop's payload key. Send it to {@link #firstHop()}.
   *
   * @throws IllegalArgumentException if the message does not fit
   */
  public SphinxPacket use(byte[] message, int payloadSize) {
    byte[][] keys = new byte[keyMaterial.length][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = seeds ? ExpandedSecret.derivePayloadKey(keyMaterial[i], 0) : keyMaterial[i];
    }
    byte[] payload = HeaderConstruction.encapsulate(message, keys, payloadSize);
    byte[] packet = new byte[SphinxHeader.LENGTH + payloadSize];
    header.writeTo(packet, 0);
    System.arraycopy(payload, 0, packet, SphinxHeader.LENGTH, payloadSize);
    return SphinxPacket.wrap(packet);
  }

  /** The prepared header. */
  public SphinxHeader header() {
    return header;
  }

  /** Where the reply packet must be sent first. */
  public NodeAddress firstHop() {
    return firstHop;
  }

  /** Number of hops of the reply route. */
  public int hops() {
    return keyMaterial.length;
  }

  /** Whether the key material is 16-byte seeds (version 259) rather than 192-byte keys. */
  public boolean hasKeySeeds() {
    return seeds;
  }

  /** A copy of the per-hop key material (192-byte keys or 16-byte seeds), first hop first. */
  public List<byte[]> keyMaterial() {
    List<byte[]> out = new ArrayList<>(keyMaterial.length);
    for (byte[] k : keyMaterial) {
      out.add(k.clone());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Surb other && Arrays.equals(toBytes(), other.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "Surb[firstHop="
        + firstHop
        + ", hops="
        + keyMaterial.length
        + (seeds ? ", seeds" : ", keys")
        + "]";
  }
}
