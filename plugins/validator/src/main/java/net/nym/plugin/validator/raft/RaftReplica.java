package net.nym.plugin.validator.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.nym.plugin.validator.ledger.Canonical;
import net.nym.plugin.validator.ledger.Genesis;
import net.nym.plugin.validator.ledger.Result;
import net.nym.plugin.validator.ledger.Tx;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One validator's Raft server and the client it submits writes with. The group id is derived from
 * the chain id, so validators of different chains never join each other's group.
 *
 * <p>Ratis finds its RPC and metrics implementations with {@link java.util.ServiceLoader} through
 * the thread context class loader; inside a PF4J plugin that loader must be the plugin's, so
 * {@link #start} sets it around the calls that create the server and client.
 */
public final class RaftReplica implements AutoCloseable {
  private final ReplicaSettings settings;
  private final LedgerStateMachine stateMachine;
  private final RaftGroup group;
  private RaftServer server;
  private RaftClient client;

  /** A replica of the ledger of {@code genesis}; not started. */
  public RaftReplica(ReplicaSettings settings, Genesis genesis) {
    this.settings = settings;
    this.stateMachine = new LedgerStateMachine(genesis);
    RaftGroupId groupId = RaftGroupId.valueOf(
        UUID.nameUUIDFromBytes(("nym-ledger:" + genesis.chainId())
            .getBytes(StandardCharsets.UTF_8)));
    List<RaftPeer> peers = settings.peers().stream()
        .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).build())
        .toList();
    this.group = RaftGroup.valueOf(groupId, peers);
  }

  /**
   * Starts the Raft server (FORMAT on an empty storage directory, RECOVER otherwise) and the
   * client.
   *
   * @throws IOException naming the directory or port if the server cannot start
   */
  public synchronized void start() throws IOException {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(RaftReplica.class.getClassLoader());
    try {
      Files.createDirectories(settings.storageDir());
      boolean empty;
      try (Stream<?> s = Files.list(settings.storageDir())) {
        empty = s.findAny().isEmpty();
      }
      RaftProperties props = new RaftProperties();
      RaftServerConfigKeys.setStorageDir(props, List.of(settings.storageDir().toFile()));
      GrpcConfigKeys.Server.setPort(props, settings.self().port());
      RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
      RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, settings.snapshotEvery());
      RaftServerConfigKeys.Snapshot.setCreationGap(props, Math.min(1024,
          settings.snapshotEvery()));
      RaftServerConfigKeys.Snapshot.setRetentionFileNum(props, settings.snapshotRetention());
      RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
      RaftServerConfigKeys.Log.setSegmentSizeMax(props, SizeInBytes.valueOf("8MB"));
      long min = settings.electionTimeoutMin().toMillis();
      RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(min,
          TimeUnit.MILLISECONDS));
      RaftServerConfigKeys.Rpc.setTimeoutMax(props, TimeDuration.valueOf(2 * min,
          TimeUnit.MILLISECONDS));
      server = RaftServer.newBuilder()
          .setServerId(RaftPeerId.valueOf(settings.id()))
          .setGroup(group)
          .setProperties(props)
          .setStateMachine(stateMachine)
          .setOption(empty ? RaftStorage.StartupOption.FORMAT : RaftStorage.StartupOption.RECOVER)
          .build();
      try {
        server.start();
      } catch (IOException e) {
        server.close();
        server = null;
        throw new IOException("validator '" + settings.id() + "' cannot start its Raft server on "
            + settings.self().address() + " with storage " + settings.storageDir() + ": "
            + e.getMessage(), e);
      }
      RaftProperties clientProps = new RaftProperties();
      RaftClientConfigKeys.Rpc.setRequestTimeout(clientProps,
          TimeDuration.valueOf(Math.max(500, settings.submitTimeout().toMillis() / 2),
              TimeUnit.MILLISECONDS));
      client = RaftClient.newBuilder()
          .setProperties(clientProps)
          .setRaftGroup(group)
          .setLeaderId(null)
          .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(8,
              TimeDuration.valueOf(Math.max(50, settings.submitTimeout().toMillis() / 20),
                  TimeUnit.MILLISECONDS)))
          .build();
      sender = new Thread(this::sendLoop, "validator-" + settings.id() + "-submit");
      sender.setDaemon(true);
      sender.start();
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  /** The state machine (for reads). */
  public LedgerStateMachine stateMachine() {
    return stateMachine;
  }

  /** The settings. */
  public ReplicaSettings settings() {
    return settings;
  }

  /** Whether this replica is the leader now. */
  public boolean isLeader() {
    RaftServer s = server;
    if (s == null) {
      return false;
    }
    try {
      return s.getDivision(group.getGroupId()).getInfo().isLeader();
    } catch (IOException e) {
      return false;
    }
  }

  /** The current leader's peer id, if known. */
  public String leaderId() {
    RaftServer s = server;
    if (s == null) {
      return null;
    }
    try {
      RaftPeerId id = s.getDivision(group.getGroupId()).getInfo().getLeaderId();
      return id == null ? null : id.toString();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Submits {@code tx} through Raft; completes with the ledger's result once committed and
   * applied, or exceptionally with {@link NoQuorumException} when no majority answers within the
   * submit timeout. Transactions submitted while earlier ones are in flight are batched into one
   * log entry (up to {@value #MAX_BATCH}), in submission order.
   */
  public CompletableFuture<Result> submit(Tx tx) {
    CompletableFuture<Result> f = new CompletableFuture<>();
    if (client == null) {
      f.completeExceptionally(new NoQuorumException(
          "validator '" + settings.id() + "' is not running", null));
      return f;
    }
    queue.add(new Pending(tx, f));
    return f;
  }

  private record Pending(Tx tx, CompletableFuture<Result> future) {}

  /** The most transactions in one log entry. */
  public static final int MAX_BATCH = 500;
  private static final int MAX_IN_FLIGHT = 4;

  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private Thread sender;

  private void sendLoop() {
    List<Pending> batch = new ArrayList<>();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        batch.add(queue.take());
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      queue.drainTo(batch, MAX_BATCH - batch.size());
      List<Pending> sent = List.copyOf(batch);
      batch.clear();
      try {
        send(sent);
      } catch (RuntimeException e) {
        inFlight.release();
        sent.forEach(p -> p.future().completeExceptionally(noQuorum(e, 0)));
      }
    }
    List<Pending> left = new ArrayList<>(batch);
    queue.drainTo(left);
    left.forEach(p -> p.future().completeExceptionally(new NoQuorumException(
        "validator '" + settings.id() + "' stopped before the transaction was committed", null)));
  }

  private void send(List<Pending> sent) {
    RaftClient c = client;
    long timeout = settings.submitTimeout().toMillis();
    if (c == null) {
      throw new IllegalStateException("the validator is stopping");
    }
    byte[] encoded = Canonical.bytes(sent.stream().map(Pending::tx).toList());
    c.async().send(Message.valueOf(ByteString.copyFrom(encoded)))
        .orTimeout(timeout, TimeUnit.MILLISECONDS)
        .whenComplete((reply, error) -> {
          inFlight.release();
          Result[] results = null;
          Throwable failure = error == null ? null : noQuorum(error, timeout);
          if (failure == null) {
            try {
              results = decode(reply);
              if (results.length != sent.size()) {
                failure = new IOException("the ledger answered " + results.length
                    + " results for " + sent.size() + " transactions");
              }
            } catch (RuntimeException | IOException e) {
              failure = e instanceof CompletionException && e.getCause() != null
                  ? e.getCause() : e;
            }
          }
          for (int i = 0; i < sent.size(); i++) {
            if (failure != null) {
              sent.get(i).future().completeExceptionally(failure);
            } else {
              sent.get(i).future().complete(results[i]);
            }
          }
        });
  }

  private Result[] decode(RaftClientReply reply) throws IOException {
    if (!reply.isSuccess()) {
      throw new CompletionException(new NoQuorumException(
          "the write was not committed: " + reply.getException(), reply.getException()));
    }
    return Canonical.decode(reply.getMessage().getContent().toByteArray(), Result[].class);
  }

  private NoQuorumException noQuorum(Throwable error, long timeout) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    String why = cause instanceof TimeoutException
        ? "no answer within " + timeout + " ms"
        : cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage());
    return new NoQuorumException("no quorum of validators committed the transaction ("
        + group.getPeers().size() + " validators, a majority is needed): " + why, cause);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public synchronized void close() {
    if (sender != null) {
      sender.interrupt();
      try {
        sender.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sender = null;
    }
    try {
      if (client != null) {
        client.close();
      }
    } catch (IOException e) {
      // closing: nothing left to do with a client that cannot close
    } finally {
      client = null;
    }
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      // the server's own log has said why
    } finally {
      server = null;
    }
  }
}
