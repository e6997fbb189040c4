package net.nym.client.core.packet;

import java.util.Arrays;
import java.util.Optional;
import net.nym.client.core.chunking.Fragment;
import net.nym.client.core.chunking.FragmentIdentifier;
import net.nym.client.core.message.MessageFormatException;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;

/**
 * Reads what the gateway pushes to a client (nym-wire §2.5, §4.4): a 21-byte message is an ack; a
 * longer one starts with a 32-byte field that is either the BLAKE3 digest of one of our reply keys
 * (a reply through our SURB) or an ephemeral x25519 key, followed by the AES-128-CTR ciphertext of
 * a fragment or of loop cover content. Our own loop cover packets are recognised by their
 * ephemeral key ({@link OwnCovers}) without decrypting them. Thread-safe if the reply-key lookup
 * is.
 */
public final class PacketReceiver {
  /** Finds (and forgets) the reply key whose BLAKE3 digest is given. */
  @FunctionalInterface
  public interface ReplyKeys {
    /** The 16-byte key with this 32-byte digest, if we made it; it is used once. */
    Optional<byte[]> take(byte[] digest);
  }

  private final X25519KeyPair encryptionKey;
  private final AckKey ackKey;
  private final ReplyKeys replyKeys;
  private final OwnCovers ownCovers;

  /** A receiver with our encryption key, ack key, reply-key store and cover keys in flight. */
  public PacketReceiver(X25519KeyPair encryptionKey, AckKey ackKey, ReplyKeys replyKeys,
      OwnCovers ownCovers) {
    this.encryptionKey = encryptionKey;
    this.ackKey = ackKey;
    this.replyKeys = replyKeys;
    this.ownCovers = ownCovers;
  }

  /** What this pushed message is. */
  public Received classify(byte[] message) {
    if (message.length == AckKey.ACK_PLAINTEXT) {
      return new Received.Ack(ackKey.open(message).orElseThrow());
    }
    if (message.length <= Payloads.KEY_FIELD) {
      return new Received.Unreadable(message.length + " bytes are neither an ack nor a packet");
    }
    if (ownCovers.take(message)) {
      return new Received.Cover();
    }
    byte[] field = Arrays.copyOf(message, Payloads.KEY_FIELD);
    Optional<byte[]> reply = replyKeys.take(field);
    byte[] key;
    if (reply.isPresent()) {
      key = reply.get();
    } else {
      try {
        key = Payloads.packetKey(encryptionKey.agree(X25519PublicKey.fromBytes(field)));
      } catch (IllegalArgumentException e) {
        return new Received.Unreadable("bad ephemeral key: " + e.getMessage());
      }
    }
    byte[] content = Payloads.ctr(key, message, Payloads.KEY_FIELD,
        message.length - Payloads.KEY_FIELD);
    Arrays.fill(key, (byte) 0);
    if (reply.isEmpty() && isCover(content)) {
      return new Received.Cover();
    }
    try {
      return new Received.Data(Fragment.fromBytes(content), reply.isPresent());
    } catch (MessageFormatException e) {
      return new Received.Unreadable("not a fragment: " + e.getMessage());
    }
  }

  private static boolean isCover(byte[] content) {
    if (content.length < Payloads.COVER_MARKER.length) {
      return false;
    }
    return Arrays.equals(content, 0, Payloads.COVER_MARKER.length, Payloads.COVER_MARKER, 0,
        Payloads.COVER_MARKER.length);
  }

  /** Whether an ack is for a cover packet (and so needs no bookkeeping). */
  public static boolean isCoverAck(Received r) {
    return r instanceof Received.Ack a && a.id().equals(FragmentIdentifier.COVER);
  }
}
