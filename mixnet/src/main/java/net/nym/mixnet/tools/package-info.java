/**
 * Small tools around the mix protocol for tests, benchmarks and local networks: {@link
 * net.nym.mixnet.tools.FrameSink}, a TCP server that records every frame it receives, and {@link
 * net.nym.mixnet.tools.FrameClient}, a blocking client that writes frames or raw bytes.
 */
package net.nym.mixnet.tools;
