package net.nym.client.core.packet;

import java.time.Duration;
import net.nym.client.core.chunking.FragmentIdentifier;
import net.nym.mixnet.forwarding.MixPacket;

/**
 * A packet ready for the client's gateway.
 *
 * @param mixPacket what to send to the gateway (next hop = the route's first mixnode)
 * @param id the fragment it carries ({@link FragmentIdentifier#COVER} for cover)
 * @param expectedDelay the expected round trip: forward mix delays plus the SURB-ack's delays
 */
public record PreparedPacket(MixPacket mixPacket, FragmentIdentifier id, Duration expectedDelay) {}
