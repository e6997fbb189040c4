package net.nym.client.core.api;

import java.util.Objects;
import net.nym.client.core.message.AnonymousSenderTag;
import net.nym.crypto.address.Recipient;

/** A request from a local application ({@code requests.rs ClientRequest}). */
public sealed interface ApiRequest {
  /**
   * Send a plain message.
   *
   * @param recipient the recipient
   * @param message the data
   * @param connectionId the lane, 0 for none
   */
  record Send(Recipient recipient, byte[] message, long connectionId) implements ApiRequest {
    /** Checks the fields. */
    public Send {
      Objects.requireNonNull(recipient);
      Objects.requireNonNull(message);
    }
  }

  /**
   * Send a repliable message with reply SURBs.
   *
   * @param recipient the recipient
   * @param message the data
   * @param replySurbs how many SURBs to attach
   * @param connectionId the lane, 0 for none
   */
  record SendAnonymous(Recipient recipient, byte[] message, long replySurbs, long connectionId)
      implements ApiRequest {
    /** Checks the fields. */
    public SendAnonymous {
      Objects.requireNonNull(recipient);
      Objects.requireNonNull(message);
    }
  }

  /**
   * Reply to an anonymous sender.
   *
   * @param senderTag the sender's tag
   * @param message the data
   * @param connectionId the lane, 0 for none
   */
  record Reply(AnonymousSenderTag senderTag, byte[] message, long connectionId)
      implements ApiRequest {
    /** Checks the fields. */
    public Reply {
      Objects.requireNonNull(senderTag);
      Objects.requireNonNull(message);
    }
  }

  /** Ask for our own address. */
  record SelfAddress() implements ApiRequest {}

  /**
   * A lane is closed (binary only).
   *
   * @param connectionId the lane
   */
  record ClosedConnection(long connectionId) implements ApiRequest {}

  /**
   * Ask how many packets wait in a lane (binary only).
   *
   * @param connectionId the lane
   */
  record GetLaneQueueLength(long connectionId) implements ApiRequest {}
}
