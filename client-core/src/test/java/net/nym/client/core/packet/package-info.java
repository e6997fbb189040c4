/** Tests of payloads, SURB-acks, reply SURBs and cover packets through real Sphinx processing. */
package net.nym.client.core.packet;
