package net.nym.mixnet.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import net.nym.crypto.packet.PacketSize;
import net.nym.mixnet.forward.OutboundConnections;
import net.nym.mixnet.framing.FramingVersion;
import net.nym.mixnet.replay.ReplayFilter;

/**
 * Everything a {@link MixServer} needs to know besides its key.
 *
 * @param name the instance name used in thread names and log lines
 * @param bind the mix port's listen address ({@code port 0} picks a free port)
 * @param maxPacketSize the largest packet size class accepted
 * @param maxConnections inbound connections at once; more are refused
 * @param idleTimeout an inbound connection that sends no bytes for this long is closed
 * @param maxForwardDelay header delays above this are clamped to it (nym-node: 10 s)
 * @param outboundFraming the framing version written to next hops (nym-node: 7)
 * @param workerThreads Sphinx worker threads
 * @param workerQueue packets waiting for a worker; more are dropped
 * @param maxHeldPackets packets held by the delay scheduler at once; more are dropped
 * @param outbound next-hop connection settings
 * @param replay replay filter sizing
 * @param replayFile where the replay filter is persisted
 * @param replayPersistInterval how often the filter is saved while running (nym-node: 10 min)
 * @param statsInterval the reporting interval of the counters (and of the log line)
 * @param shutdownGrace how long a stop may flush due packets and queues
 */
public record MixServerSettings(
    String name,
    InetSocketAddress bind,
    PacketSize maxPacketSize,
    int maxConnections,
    Duration idleTimeout,
    Duration maxForwardDelay,
    FramingVersion outboundFraming,
    int workerThreads,
    int workerQueue,
    int maxHeldPackets,
    OutboundConnections.Settings outbound,
    ReplayFilter.Settings replay,
    Path replayFile,
    Duration replayPersistInterval,
    Duration statsInterval,
    Duration shutdownGrace) {

  /** Checks the values. */
  public MixServerSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(maxPacketSize, "maxPacketSize");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(maxForwardDelay, "maxForwardDelay");
    Objects.requireNonNull(outboundFraming, "outboundFraming");
    Objects.requireNonNull(outbound, "outbound");
    Objects.requireNonNull(replay, "replay");
    Objects.requireNonNull(replayFile, "replayFile");
    Objects.requireNonNull(replayPersistInterval, "replayPersistInterval");
    Objects.requireNonNull(statsInterval, "statsInterval");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (maxConnections < 1 || workerThreads < 1 || workerQueue < 1 || maxHeldPackets < 1) {
      throw new IllegalArgumentException(
          "max connections, worker threads, worker queue and max held packets must be >= 1");
    }
  }
}
