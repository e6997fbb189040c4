package net.nym.plugin.validator.raft;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import net.nym.plugin.validator.ledger.Canonical;
import net.nym.plugin.validator.ledger.Epoch;
import net.nym.plugin.validator.ledger.Genesis;
import net.nym.plugin.validator.ledger.Ledger;
import net.nym.plugin.validator.ledger.Result;
import net.nym.plugin.validator.ledger.Tx;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft state machine: each committed log entry is a canonical-JSON array of transactions (a
 * batch), applied in order to the {@link Ledger} on Ratis' single apply thread; the reply is the
 * array of their {@link Result}s. An entry that is not such an array is applied as one
 * (malformed) transaction and refused. Snapshots are the ledger's canonical state in one file
 * ({@code snapshot.TERM_INDEX}, with its MD5), written atomically; Ratis keeps the newest few
 * (retention) and purges the log up to them. Readers call {@link #read} and get a consistent
 * view under the same lock as the apply; {@link #addEpochListener epoch listeners} hear of every
 * new epoch (applied or restored) before the entry's reply is sent.
 */
public final class LedgerStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);

  private final Genesis genesis;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final Object lock = new Object();
  private Ledger ledger;
  private volatile long epochId;
  private final List<Consumer<Epoch>> epochListeners = new CopyOnWriteArrayList<>();

  /** A state machine starting from {@code genesis} (or the newest snapshot, if there is one). */
  public LedgerStateMachine(Genesis genesis) {
    this.genesis = genesis;
    this.ledger = new Ledger(genesis);
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    load(storage.loadLatestSnapshot());
  }

  @Override
  public void reinitialize() throws IOException {
    load(storage.loadLatestSnapshot());
  }

  private void load(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null) {
      return;
    }
    Path file = snapshot.getFile().getPath();
    MD5Hash stored = snapshot.getFile().getFileDigest();
    if (stored != null) {
      MD5FileUtil.verifySavedMD5(file.toFile(), stored);
    }
    Ledger restored = Ledger.restore(Files.readAllBytes(file));
    if (!restored.genesis().chainId().equals(genesis.chainId())) {
      throw new IOException("snapshot " + file + " is of chain '" + restored.genesis().chainId()
          + "', not '" + genesis.chainId() + "'");
    }
    synchronized (lock) {
      ledger = restored;
      epochId = restored.epoch().id();
      setLastAppliedTermIndex(snapshot.getTermIndex());
    }
    LOG.info("ledger restored from snapshot {} (epoch {})", file.getFileName(),
        restored.epoch().id());
    announce(restored.epoch());
  }

  /**
   * Calls {@code listener} with every new epoch, on the thread that applied or restored it
   * (Ratis' apply thread), outside the apply lock and before the reply of the entry that started
   * it is sent. Epochs are immutable. Keep it short: the next entry waits.
   */
  public void addEpochListener(Consumer<Epoch> listener) {
    epochListeners.add(listener);
  }

  private void announce(Epoch epoch) {
    for (Consumer<Epoch> l : epochListeners) {
      try {
        l.accept(epoch);
      } catch (RuntimeException e) {
        LOG.warn("epoch {} listener failed: {}", epoch.id(), e.toString());
      }
    }
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public long takeSnapshot() throws IOException {
    byte[] bytes;
    TermIndex last;
    synchronized (lock) {
      bytes = ledger.snapshot();
      last = getLastAppliedTermIndex();
    }
    if (last == null || last.getIndex() < 0) {
      return NO_SNAPSHOT;
    }
    File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
    Path tmp = file.toPath().resolveSibling(file.getName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file.toPath(), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5),
        last));
    LOG.info("snapshot {} written ({} bytes)", file.getName(), bytes.length);
    return last.getIndex();
  }

  private static final long NO_SNAPSHOT = -1;

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
    Tx[] batch;
    try {
      batch = Canonical.decode(data, Tx[].class);
    } catch (IOException e) {
      batch = null;
    }
    List<Result> results = new ArrayList<>();
    Epoch started = null;
    synchronized (lock) {
      if (batch == null) {
        results.add(ledger.apply(data));
      } else {
        for (Tx tx : batch) {
          results.add(ledger.apply(tx));
        }
      }
      if (ledger.epoch().id() != epochId) {
        started = ledger.epoch();
        epochId = started.id();
      }
      updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    }
    if (started != null) {
      announce(started);
    }
    return CompletableFuture.completedFuture(
        Message.valueOf(ByteString.copyFrom(Canonical.bytes(results))));
  }

  /** Reads the ledger under the apply lock (keep {@code reader} short). */
  public <T> T read(Function<Ledger, T> reader) {
    synchronized (lock) {
      return reader.apply(ledger);
    }
  }

  /** The current epoch id, read without the apply lock. */
  public long epochId() {
    return epochId;
  }

  /** The index of the last applied log entry. */
  public long appliedIndex() {
    TermIndex t = getLastAppliedTermIndex();
    return t == null ? -1 : t.getIndex();
  }
}
