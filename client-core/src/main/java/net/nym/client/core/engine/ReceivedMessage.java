package net.nym.client.core.engine;

import java.util.Optional;
import net.nym.client.core.message.AnonymousSenderTag;

/**
 * A message delivered to the application.
 *
 * @param data the data
 * @param senderTag the anonymous sender's tag if the message can be replied to
 */
public record ReceivedMessage(byte[] data, Optional<AnonymousSenderTag> senderTag) {}
