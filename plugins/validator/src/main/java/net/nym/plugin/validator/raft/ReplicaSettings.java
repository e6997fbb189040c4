package net.nym.plugin.validator.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one replica runs.
 *
 * @param id this validator's peer id
 * @param peers every validator of the group, this one included
 * @param storageDir the Raft storage directory (log, metadata, snapshots)
 * @param snapshotEvery take a snapshot after this many log entries
 * @param snapshotRetention snapshots kept on disk
 * @param electionTimeoutMin the shortest leader election timeout
 * @param submitTimeout how long a write may take in all, retries included, before it is refused
 */
public record ReplicaSettings(
    String id,
    List<Peer> peers,
    Path storageDir,
    long snapshotEvery,
    int snapshotRetention,
    Duration electionTimeoutMin,
    Duration submitTimeout) {

  public ReplicaSettings {
    peers = List.copyOf(peers);
    if (peers.stream().noneMatch(p -> p.id().equals(id))) {
      throw new IllegalArgumentException("peers: this validator '" + id + "' is not among "
          + peers);
    }
  }

  /** This validator's own entry in {@link #peers}. */
  public Peer self() {
    return peers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }
}
