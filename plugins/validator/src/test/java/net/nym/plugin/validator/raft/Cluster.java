package net.nym.plugin.validator.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.nym.plugin.validator.ledger.Genesis;

/** N replicas on loopback with free ports and storage under one directory. */
final class Cluster implements AutoCloseable {
  final List<Peer> peers = new ArrayList<>();
  final RaftReplica[] replicas;
  private final Path dir;
  private final Genesis genesis;
  Duration electionTimeout = Duration.ofMillis(300);
  Duration submitTimeout = Duration.ofSeconds(4);
  long snapshotEvery = 50;

  Cluster(int n, Path dir, Genesis genesis) {
    this.dir = dir;
    this.genesis = genesis;
    for (int i = 0; i < n; i++) {
      peers.add(new Peer("v" + i, "127.0.0.1", freePort()));
    }
    replicas = new RaftReplica[n];
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ReplicaSettings settings(int i) {
    return new ReplicaSettings("v" + i, peers, dir.resolve("v" + i), snapshotEvery, 2,
        electionTimeout, submitTimeout);
  }

  Cluster startAll() throws IOException {
    for (int i = 0; i < replicas.length; i++) {
      start(i);
    }
    return this;
  }

  RaftReplica start(int i) throws IOException {
    replicas[i] = new RaftReplica(settings(i), genesis);
    replicas[i].start();
    return replicas[i];
  }

  void stop(int i) {
    replicas[i].close();
  }

  String hash(int i) {
    return replicas[i].stateMachine().read(l -> l.stateHash());
  }

  @Override
  public void close() {
    for (RaftReplica r : replicas) {
      if (r != null) {
        r.close();
      }
    }
  }
}
