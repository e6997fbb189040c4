package net.nym.client.core.packet;

import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;
import net.nym.client.core.chunking.FragmentIdentifier;
import net.nym.crypto.primitives.AesCtr;

/**
 * A client's local 16-byte AES-128-CTR acknowledgement key (PEM "AES-128-CTR ACKNOWLEDGEMENTS
 * KEY" in Nym). An ack plaintext is {@code IV (16, random) || AES-128-CTR(key, IV, fragment_id
 * (5))} = 21 bytes (nym-wire §4.6); only its creator can read it.
 */
public final class AckKey {
  /** Key length. */
  public static final int LENGTH = 16;
  /** Length of an ack plaintext. */
  public static final int ACK_PLAINTEXT = AesCtr.IV_LENGTH + FragmentIdentifier.LENGTH;

  private final byte[] key;

  private AckKey(byte[] key) {
    this.key = key;
  }

  /** A fresh random key. */
  public static AckKey generate(RandomGenerator random) {
    byte[] k = new byte[LENGTH];
    random.nextBytes(k);
    return new AckKey(k);
  }

  /** The key with these bytes. */
  public static AckKey of(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("an ack key has 16 bytes, not " + key.length);
    }
    return new AckKey(key.clone());
  }

  /** A copy of the key bytes. */
  public byte[] toBytes() {
    return key.clone();
  }

  /** The 21-byte ack plaintext for this fragment id. */
  public byte[] seal(FragmentIdentifier id, RandomGenerator random) {
    byte[] out = new byte[ACK_PLAINTEXT];
    byte[] iv = new byte[AesCtr.IV_LENGTH];
    random.nextBytes(iv);
    System.arraycopy(iv, 0, out, 0, iv.length);
    byte[] plain = id.toBytes();
    // One 16-byte block: Nym's Ctr64BE and 128-bit CTR agree.
    AesCtr.xor(key, 0, LENGTH, iv, plain, 0, plain.length, out, AesCtr.IV_LENGTH);
    return out;
  }

  /** The fragment id in an ack plaintext, or empty if it is too short. */
  public Optional<FragmentIdentifier> open(byte[] ack) {
    if (ack.length < ACK_PLAINTEXT) {
      return Optional.empty();
    }
    byte[] iv = Arrays.copyOf(ack, AesCtr.IV_LENGTH);
    byte[] id = new byte[FragmentIdentifier.LENGTH];
    AesCtr.xor(key, 0, LENGTH, iv, ack, AesCtr.IV_LENGTH, id.length, id, 0);
    return Optional.of(FragmentIdentifier.fromBytes(id));
  }

  @Override
  public String toString() {
    return "AckKey[redacted]";
  }
}
