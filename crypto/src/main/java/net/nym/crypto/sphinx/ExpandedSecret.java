package net.nym.crypto.sphinx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.nym.crypto.primitives.HkdfSha256;

/**
 * The per-hop "expanded shared secret" ({@code sphinx-packet} 0.6.0 {@code
 * header/shared_secret.rs}, {@code payload/key.rs}): 288 bytes of HKDF-SHA256 output split into
 * stream key, MAC key, payload key (or seed), blinding factor and replay tag.
 */
final class ExpandedSecret {
  static final int LENGTH = 288;
  static final int STREAM_KEY = 0;
  static final int STREAM_KEY_LENGTH = 16;
  static final int MAC_KEY = 16;
  static final int MAC_KEY_LENGTH = 16;
  static final int PAYLOAD_KEY = 32;
  static final int PAYLOAD_KEY_LENGTH = 192;
  static final int PAYLOAD_KEY_SEED_LENGTH = 16;
  static final int BLINDING_FACTOR = 224;
  static final int REPLAY_TAG = 256;
  static final int REPLAY_TAG_LENGTH = 32;

  private static final byte[] INFO =
      ("Dwste mou enan moxlo arketa makru kai ena upomoxlio gia na ton topothetisw kai tha kinisw"
              + " thn gh.")
          .getBytes(StandardCharsets.US_ASCII);
  private static final HkdfSha256 EXPANSION = new HkdfSha256(new byte[0]);
  private static final HkdfSha256 PAYLOAD_KEY_HKDF =
      new HkdfSha256(
          "sphinx-payload-key-V01-CS01-HKDF:SHA256-SALT".getBytes(StandardCharsets.US_ASCII));
  private static final byte[] PAYLOAD_KEY_INFO =
      "sphinx-payload-key-V01-CS01-HKDF:SHA256-INFO".getBytes(StandardCharsets.US_ASCII);

  private ExpandedSecret() {}

  /** Expands a 32-byte X25519 shared secret into the 288 bytes. */
  static byte[] expand(byte[] sharedSecret) {
    byte[] out = new byte[LENGTH];
    EXPANSION.deriveInto(sharedSecret, 0, sharedSecret.length, INFO, out, 0, LENGTH);
    return out;
  }

  /** Derives the 192-byte Lioness key from a 16-byte seed at {@code seed[offset..]}. */
  static byte[] derivePayloadKey(byte[] seed, int offset) {
    byte[] out = new byte[PAYLOAD_KEY_LENGTH];
    derivePayloadKey(seed, offset, out, 0);
    return out;
  }

  /** Writes the 192-byte Lioness key of the seed at {@code seed[offset..]} to {@code out[at..]}. */
  static void derivePayloadKey(byte[] seed, int offset, byte[] out, int at) {
    PAYLOAD_KEY_HKDF.deriveInto(
        seed, offset, PAYLOAD_KEY_SEED_LENGTH, PAYLOAD_KEY_INFO, out, at, PAYLOAD_KEY_LENGTH);
  }

  /** The hop's Lioness key for {@code version}. */
  static byte[] payloadKey(byte[] expanded, SphinxVersion version) {
    return version.usesExplicitPayloadKeys()
        ? Arrays.copyOfRange(expanded, PAYLOAD_KEY, PAYLOAD_KEY + PAYLOAD_KEY_LENGTH)
        : derivePayloadKey(expanded, PAYLOAD_KEY);
  }
}
