package net.nym.client.core.api;

import java.util.Optional;
import net.nym.client.core.message.AnonymousSenderTag;
import net.nym.crypto.address.Recipient;

/** A response or push to a local application ({@code responses.rs ServerResponse}). */
public sealed interface ApiResponse {
  /**
   * A received message.
   *
   * @param message the data
   * @param senderTag the anonymous sender's tag, if repliable
   */
  record Received(byte[] message, Optional<AnonymousSenderTag> senderTag)
      implements ApiResponse {}

  /**
   * Our address.
   *
   * @param address the address
   */
  record SelfAddress(Recipient address) implements ApiResponse {}

  /**
   * Packets waiting in a lane.
   *
   * @param lane the lane
   * @param queueLength the count
   */
  record LaneQueueLength(long lane, long queueLength) implements ApiResponse {}

  /**
   * An error.
   *
   * @param kind the kind
   * @param message the message
   */
  record Error(ApiError.Kind kind, String message) implements ApiResponse {}
}
