/**
 * Replay protection: a node must never process the same Sphinx packet twice, or an adversary who
 * replays a packet could follow its copies through the network. {@link
 * net.nym.mixnet.replay.ReplayFilter} remembers the replay tags of the packets seen in two rotating
 * {@link net.nym.mixnet.replay.BloomFilter}s sized for the configured packet rate (false-positive
 * rate 1e-5 as in Nym) and survives restarts through an atomically written file.
 */
package net.nym.mixnet.replay;
