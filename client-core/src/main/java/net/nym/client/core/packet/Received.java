package net.nym.client.core.packet;

import net.nym.client.core.chunking.Fragment;
import net.nym.client.core.chunking.FragmentIdentifier;

/** What a message pushed by the gateway turned out to be ({@link PacketReceiver#classify}). */
public sealed interface Received {
  /**
   * An acknowledgement of one of our fragments.
   *
   * @param id the acknowledged fragment (cover acks have {@link FragmentIdentifier#COVER})
   */
  record Ack(FragmentIdentifier id) implements Received {}

  /**
   * A fragment of a message for us.
   *
   * @param fragment the fragment
   * @param viaReplySurb whether it came through one of our reply SURBs
   */
  record Data(Fragment fragment, boolean viaReplySurb) implements Received {}

  /** One of our loop cover packets. */
  record Cover() implements Received {}

  /**
   * Something we cannot read (a wrong key, garbage).
   *
   * @param reason why
   */
  record Unreadable(String reason) implements Received {}
}
