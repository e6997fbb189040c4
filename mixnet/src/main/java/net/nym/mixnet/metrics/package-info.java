/**
 * Packet counters of a node: packets received, sent and dropped (by {@link
 * net.nym.mixnet.metrics.DropReason}) and connections refused (by {@link
 * net.nym.mixnet.metrics.Refusal}), since start and over the last reporting interval. They feed the
 * HTTP API ({@code /api/v1/metrics/packets-stats}, {@code /metrics}) and the periodic log line.
 */
package net.nym.mixnet.metrics;
