package net.nym.crypto.sphinx;

import static net.nym.crypto.sphinx.Layout.ADDRESS;
import static net.nym.crypto.sphinx.Layout.ADDRESS_LENGTH;
import static net.nym.crypto.sphinx.Layout.BETA;
import static net.nym.crypto.sphinx.Layout.BETA_LENGTH;
import static net.nym.crypto.sphinx.Layout.DELAY;
import static net.nym.crypto.sphinx.Layout.FINAL_HOP;
import static net.nym.crypto.sphinx.Layout.FLAG;
import static net.nym.crypto.sphinx.Layout.FORWARD_HOP;
import static net.nym.crypto.sphinx.Layout.GAMMA;
import static net.nym.crypto.sphinx.Layout.GAMMA_LENGTH;
import static net.nym.crypto.sphinx.Layout.HEADER_LENGTH;
import static net.nym.crypto.sphinx.Layout.KEYSTREAM_LENGTH;
import static net.nym.crypto.sphinx.Layout.NEXT_GAMMA;
import static net.nym.crypto.sphinx.Layout.SLOT_LENGTH;
import static net.nym.crypto.sphinx.Layout.VERSION;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import net.nym.crypto.address.AddressFormatException;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.primitives.AesCtr;
import net.nym.crypto.primitives.HmacSha256;
import net.nym.crypto.primitives.Lioness;
import net.nym.crypto.sphinx.SphinxException.Reason;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Processes Sphinx packets at a node holding one X25519 Sphinx key ({@code sphinx-packet} 0.6.0
 * {@code SphinxPacket::process}): checks the header MAC in constant time, peels one routing layer
 * and one payload layer, and returns a {@link ForwardHop} or a {@link FinalHop}.
 *
 * <p>The cost is two X25519 scalar multiplications (shared secret, blinding of the next ephemeral
 * key) plus a few microseconds of symmetric work. Instances are immutable and thread-safe.
 */
public final class SphinxProcessor {
  // Per-thread scratch of finish(): the decrypted routing information, then the derived payload
  // key.
  private static final int DERIVED_KEY = KEYSTREAM_LENGTH;
  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[DERIVED_KEY + ExpandedSecret.PAYLOAD_KEY_LENGTH]);

  /** The 60 zero bytes that pad beta before decryption. */
  private static final byte[] ZERO_SLOT = new byte[SLOT_LENGTH];

  private final byte[] privateKey;

  /** Creates a processor for the node's Sphinx key pair. */
  public SphinxProcessor(X25519KeyPair key) {
    this.privateKey = key.privateKeyBytes();
  }

  /**
   * Processes one packet: {@code unwrap(packet).finish()}.
   *
   * @param packet the whole packet (header and payload); not modified
   * @throws SphinxException if the packet is not for this key, was modified, or is malformed; the
   *     reason says which
   */
  public ProcessedPacket process(byte[] packet) throws SphinxException {
    return unwrap(packet).finish();
  }

  /**
   * The first half of processing, as Nym's nodes do it before consulting their replay filter:
   * checks the length, computes the shared secret and verifies the header MAC. The returned
   * packet exposes the replay tag; {@link PartiallyUnwrappedPacket#finish()} does the rest (the
   * blinding multiplication and the payload layer). The caller must not modify {@code packet}
   * until then.
   *
   * @throws SphinxException with {@link Reason#TRUNCATED}, {@link Reason#OVERSIZED}, {@link
   *     Reason#UNKNOWN_PACKET_SIZE}, {@link Reason#INVALID_EPHEMERAL_KEY} or {@link
   *     Reason#HEADER_MAC_MISMATCH}
   */
  public PartiallyUnwrappedPacket unwrap(byte[] packet) throws SphinxException {
    checkLength(packet.length);
    byte[] shared = new byte[32];
    X25519.scalarMult(privateKey, 0, packet, 0, shared, 0);
    if (HeaderConstruction.isZero(shared)) {
      throw new SphinxException(
          Reason.INVALID_EPHEMERAL_KEY, "the ephemeral key gives an all-zero shared secret");
    }
    byte[] e = ExpandedSecret.expand(shared);
    if (!HmacSha256.verifyTruncated(
        e,
        ExpandedSecret.MAC_KEY,
        ExpandedSecret.MAC_KEY_LENGTH,
        packet,
        BETA,
        BETA_LENGTH,
        packet,
        GAMMA,
        GAMMA_LENGTH)) {
      throw new SphinxException(
          Reason.HEADER_MAC_MISMATCH, "header MAC does not verify (wrong key or modified header)");
    }
    return new PartiallyUnwrappedPacket(packet, e);
  }

  /** Second half of processing, after the MAC has been verified with expanded secret {@code e}. */
  static ProcessedPacket finish(byte[] packet, byte[] e) throws SphinxException {
    // R = (beta || 0^60) XOR keystream, into this thread's scratch: this hop's slot, then the next
    // beta.
    byte[] routing = SCRATCH.get();
    Cipher aes = AesCtr.init(e, ExpandedSecret.STREAM_KEY, ExpandedSecret.STREAM_KEY_LENGTH, null);
    try {
      aes.update(packet, BETA, BETA_LENGTH, routing, 0);
      aes.update(ZERO_SLOT, 0, SLOT_LENGTH, routing, BETA_LENGTH);
    } catch (ShortBufferException ex) {
      throw new IllegalStateException("AES-CTR: the scratch buffer is too short", ex);
    }
    int versionValue = SphinxVersion.readValue(routing, VERSION);
    Optional<SphinxVersion> parsed = SphinxVersion.fromValue(versionValue);
    if (parsed.isEmpty()) {
      throw new SphinxException(Reason.UNSUPPORTED_VERSION, "version " + versionValue);
    }
    SphinxVersion version = parsed.get();
    byte flag = routing[FLAG];
    if (flag != FORWARD_HOP && flag != FINAL_HOP) {
      throw new SphinxException(Reason.UNKNOWN_ROUTING_FLAG, "routing flag " + (flag & 0xff));
    }
    int payloadLength = packet.length - HEADER_LENGTH;
    byte[] payloadKey = e;
    int payloadKeyOffset = ExpandedSecret.PAYLOAD_KEY;
    if (!version.usesExplicitPayloadKeys()) {
      payloadKey = routing;
      payloadKeyOffset = DERIVED_KEY;
      ExpandedSecret.derivePayloadKey(e, ExpandedSecret.PAYLOAD_KEY, payloadKey, payloadKeyOffset);
    }
    if (flag == FORWARD_HOP) {
      NodeAddress next;
      try {
        next = NodeAddress.fromBytes(routing, ADDRESS, ADDRESS_LENGTH);
      } catch (AddressFormatException ex) {
        throw new SphinxException(Reason.MALFORMED_NEXT_HOP_ADDRESS, ex.getMessage());
      }
      Duration delay = Delays.read(routing, DELAY);
      // Every byte of the next packet is written below: alpha, gamma, beta, and the payload
      // decrypted straight from the input.
      byte[] out = new byte[packet.length];
      X25519.scalarMult(e, ExpandedSecret.BLINDING_FACTOR, packet, 0, out, 0);
      System.arraycopy(routing, NEXT_GAMMA, out, GAMMA, GAMMA_LENGTH);
      System.arraycopy(routing, SLOT_LENGTH, out, BETA, BETA_LENGTH);
      Lioness.decrypt(
          payloadKey, payloadKeyOffset, packet, HEADER_LENGTH, out, HEADER_LENGTH, payloadLength);
      return new ForwardHop(SphinxPacket.wrap(out), next, delay, replayTag(e), version);
    }
    byte[] payload = new byte[payloadLength];
    Lioness.decrypt(payloadKey, payloadKeyOffset, packet, HEADER_LENGTH, payload, 0, payloadLength);
    SphinxDestination destination =
        SphinxDestination.of(
            Arrays.copyOfRange(routing, ADDRESS, ADDRESS + ADDRESS_LENGTH),
            Arrays.copyOfRange(
                routing,
                Layout.IDENTIFIER,
                Layout.IDENTIFIER + SphinxDestination.IDENTIFIER_LENGTH));
    return new FinalHop(destination, recoverMessage(payload), replayTag(e), version);
  }

  static byte[] replayTag(byte[] e) {
    return Arrays.copyOfRange(
        e, ExpandedSecret.REPLAY_TAG, ExpandedSecret.REPLAY_TAG + ExpandedSecret.REPLAY_TAG_LENGTH);
  }

  /** Strips {@code 0^16 || message || 0x01 || 0...} down to the message. */
  static byte[] recoverMessage(byte[] payload) throws SphinxException {
    int acc = 0;
    for (int i = 0; i < Layout.PAYLOAD_ZERO_PREFIX; i++) {
      acc |= payload[i];
    }
    if (acc != 0) {
      throw new SphinxException(
          Reason.PAYLOAD_CORRUPTED, "payload does not start with 16 zero bytes");
    }
    for (int i = payload.length - 1; i >= Layout.PAYLOAD_ZERO_PREFIX; i--) {
      if (payload[i] == 1) {
        return Arrays.copyOfRange(payload, Layout.PAYLOAD_ZERO_PREFIX, i);
      }
    }
    throw new SphinxException(Reason.PAYLOAD_MARKER_MISSING, "payload has no 0x01 marker");
  }

  private static void checkLength(int length) throws SphinxException {
    if (PacketSize.fromSize(length).isPresent()) {
      return;
    }
    if (length < PacketSize.smallest().size()) {
      throw new SphinxException(
          Reason.TRUNCATED,
          length + " bytes, the smallest packet is " + PacketSize.smallest().size());
    }
    if (length > PacketSize.largest().size()) {
      throw new SphinxException(
          Reason.OVERSIZED,
          length + " bytes, the largest packet is " + PacketSize.largest().size());
    }
    throw new SphinxException(Reason.UNKNOWN_PACKET_SIZE, length + " bytes is no Nym packet size");
  }

  @Override
  public String toString() {
    return "SphinxProcessor[" + X25519KeyPair.fromPrivateKey(privateKey).publicKey() + "]";
  }
}
