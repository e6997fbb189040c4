package net.nym.crypto.sphinx;

import static net.nym.crypto.sphinx.Layout.ADDRESS;
import static net.nym.crypto.sphinx.Layout.BETA;
import static net.nym.crypto.sphinx.Layout.BETA_LENGTH;
import static net.nym.crypto.sphinx.Layout.DELAY;
import static net.nym.crypto.sphinx.Layout.FINAL_HOP;
import static net.nym.crypto.sphinx.Layout.FINAL_META_LENGTH;
import static net.nym.crypto.sphinx.Layout.FLAG;
import static net.nym.crypto.sphinx.Layout.FORWARD_HOP;
import static net.nym.crypto.sphinx.Layout.GAMMA;
import static net.nym.crypto.sphinx.Layout.GAMMA_LENGTH;
import static net.nym.crypto.sphinx.Layout.HEADER_LENGTH;
import static net.nym.crypto.sphinx.Layout.KEYSTREAM_LENGTH;
import static net.nym.crypto.sphinx.Layout.MAX_HOPS;
import static net.nym.crypto.sphinx.Layout.NEXT_GAMMA;
import static net.nym.crypto.sphinx.Layout.SLOT_LENGTH;
import static net.nym.crypto.sphinx.Layout.TRUNCATED_BETA_LENGTH;
import static net.nym.crypto.sphinx.Layout.VERSION;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import net.nym.crypto.address.NodeAddress;
import net.nym.crypto.primitives.AesCtr;
import net.nym.crypto.primitives.HmacSha256;
import net.nym.crypto.primitives.Lioness;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Sender-side header construction ({@code sphinx-packet} 0.6.0 {@code header/keys.rs
 * KeyMaterial::derive}, {@code header/filler.rs}, {@code header/routing/*}).
 *
 * <p>Randomness is drawn in this order: 32 bytes of ephemeral secret, then the final hop's padding
 * ({@code 300 - 60 (n - 1) - 52} bytes).
 */
final class HeaderConstruction {
  /** The 348 header bytes. */
  final byte[] header;

  /** The expanded secret of each hop, in route order. */
  final byte[][] expanded;

  private HeaderConstruction(byte[] header, byte[][] expanded) {
    this.header = header;
    this.expanded = expanded;
  }

  static HeaderConstruction build(
      List<SphinxNode> route,
      List<Duration> delays,
      SphinxDestination destination,
      SphinxVersion version,
      RandomGenerator random) {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(random, "random");
    int n = route.size();
    if (n < 1 || n > MAX_HOPS) {
      throw new IllegalArgumentException("sphinx: route must have 1 to 5 hops, got " + n);
    }
    if (delays.size() != n) {
      throw new IllegalArgumentException(
          "sphinx: route has " + n + " hops but " + delays.size() + " delays were given");
    }
    for (Duration d : delays) {
      if (d.isNegative() || d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException("sphinx: delay out of range: " + d);
      }
    }

    byte[] secret = new byte[32];
    random.nextBytes(secret);
    byte[] header = new byte[HEADER_LENGTH];
    X25519.scalarMultBase(secret, 0, header, 0);

    // Per-hop shared secrets s_i = X25519(b_(i-1), ... X25519(b_0, X25519(x, P_i))), one scalar
    // multiplication each (HopSecrets).
    byte[][] expanded = new byte[n][];
    byte[][] keystreams = new byte[n][];
    HopSecrets secrets = new HopSecrets(secret, n);
    for (int i = 0; i < n; i++) {
      byte[] s = secrets.next(route.get(i).publicKey(), i == 0 ? null : expanded[i - 1]);
      if (isZero(s)) {
        throw new IllegalArgumentException(
            "sphinx: hop " + i + " has a low-order public key (all-zero shared secret)");
      }
      expanded[i] = ExpandedSecret.expand(s);
      keystreams[i] = AesCtr.keystream(expanded[i], ExpandedSecret.STREAM_KEY, KEYSTREAM_LENGTH);
    }

    // Filler: what the hops' decryptions append, so that the last MAC covers it.
    int fillerLength = SLOT_LENGTH * (n - 1);
    byte[] filler = new byte[fillerLength];
    for (int i = 1; i < n; i++) {
      byte[] ks = keystreams[i - 1];
      int ksStart = KEYSTREAM_LENGTH - SLOT_LENGTH * i;
      for (int k = 0; k < SLOT_LENGTH * i; k++) {
        filler[k] ^= ks[ksStart + k];
      }
    }

    // Final hop: flag, version, destination, identifier, random padding; encrypted; then filler.
    byte[] beta = new byte[BETA_LENGTH];
    int finalLength = BETA_LENGTH - fillerLength;
    beta[FLAG] = FINAL_HOP;
    version.writeTo(beta, VERSION);
    destination.writeTo(beta, ADDRESS);
    byte[] padding = new byte[finalLength - FINAL_META_LENGTH];
    random.nextBytes(padding);
    System.arraycopy(padding, 0, beta, FINAL_META_LENGTH, padding.length);
    byte[] ksLast = keystreams[n - 1];
    for (int k = 0; k < finalLength; k++) {
      beta[k] ^= ksLast[k];
    }
    System.arraycopy(filler, 0, beta, finalLength, fillerLength);
    byte[] gamma = truncatedMac(expanded[n - 1], beta);

    // Forward hops, from the last but one back to the first.
    for (int i = n - 2; i >= 0; i--) {
      byte[] slot = new byte[BETA_LENGTH];
      slot[FLAG] = FORWARD_HOP;
      version.writeTo(slot, VERSION);
      NodeAddress next = route.get(i + 1).address();
      next.writeTo(slot, ADDRESS);
      Delays.write(delays.get(i), slot, DELAY);
      System.arraycopy(gamma, 0, slot, NEXT_GAMMA, GAMMA_LENGTH);
      System.arraycopy(beta, 0, slot, SLOT_LENGTH, TRUNCATED_BETA_LENGTH);
      byte[] ks = keystreams[i];
      for (int k = 0; k < BETA_LENGTH; k++) {
        slot[k] ^= ks[k];
      }
      beta = slot;
      gamma = truncatedMac(expanded[i], beta);
    }
    System.arraycopy(gamma, 0, header, GAMMA, GAMMA_LENGTH);
    System.arraycopy(beta, 0, header, BETA, BETA_LENGTH);
    return new HeaderConstruction(header, expanded);
  }

  /** Payload keys of every hop, in route order. */
  byte[][] payloadKeys(SphinxVersion version) {
    byte[][] keys = new byte[expanded.length][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ExpandedSecret.payloadKey(expanded[i], version);
    }
    return keys;
  }

  /**
   * Builds the payload: {@code 0^16 || message || 0x01 || 0...} of {@code payloadSize} bytes, then
   * one Lioness encryption per key, last hop's key first.
   */
  static byte[] encapsulate(byte[] message, byte[][] keys, int payloadSize) {
    checkPayloadSize(message.length, payloadSize);
    byte[] payload = new byte[payloadSize];
    System.arraycopy(message, 0, payload, Layout.PAYLOAD_ZERO_PREFIX, message.length);
    payload[Layout.PAYLOAD_ZERO_PREFIX + message.length] = 1;
    for (int i = keys.length - 1; i >= 0; i--) {
      Lioness.encrypt(keys[i], 0, payload, 0, payloadSize);
    }
    return payload;
  }

  static void checkPayloadSize(int messageLength, int payloadSize) {
    if (payloadSize < Lioness.MIN_BLOCK_LENGTH) {
      throw new IllegalArgumentException(
          "sphinx: payload size must be at least "
              + Lioness.MIN_BLOCK_LENGTH
              + ", got "
              + payloadSize);
    }
    if (messageLength > payloadSize - Layout.PAYLOAD_OVERHEAD) {
      throw new IllegalArgumentException(
          "sphinx: message of "
              + messageLength
              + " bytes does not fit a payload of "
              + payloadSize
              + " bytes (at most "
              + (payloadSize - Layout.PAYLOAD_OVERHEAD)
              + ")");
    }
  }

  private static byte[] truncatedMac(byte[] expanded, byte[] beta) {
    byte[] full = new byte[HmacSha256.MAC_LENGTH];
    HmacSha256.macInto(
        expanded,
        ExpandedSecret.MAC_KEY,
        ExpandedSecret.MAC_KEY_LENGTH,
        beta,
        0,
        beta.length,
        full,
        0);
    return Arrays.copyOf(full, GAMMA_LENGTH);
  }

  static boolean isZero(byte[] b) {
    int acc = 0;
    for (byte x : b) {
      acc |= x;
    }
    return acc == 0;
  }
}
