package net.nym.plugin.gateway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.nym.crypto.gateway.GatewaySharedKey;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The gateway's persistent state in one SQLite file ({@code data/gateway.sqlite}, WAL journal,
 * {@code synchronous=NORMAL}: a committed write survives the process being killed): per-client
 * shared keys, last authentication timestamp and remaining bandwidth, and the messages stored for
 * clients that were offline.
 *
 * <p>One connection, every method {@code synchronized}; callers are session workers and Sphinx
 * workers, never Netty event loops. The number of stored messages is kept in memory ({@link
 * #storedCount}, counted once at opening and maintained by every write), so the HTTP API reads
 * it without touching SQLite. The driver is used directly (no {@code DriverManager}), so
 * it works from a plugin class loader.
 */
final class Mailbox implements AutoCloseable {
  /** The file name in the node's {@code data/}. */
  static final String FILE = "gateway.sqlite";

  /**
   * A registered client.
   *
   * @param key its shared key
   * @param lastAuthentication unix seconds of the last v2 authentication, or {@code null}
   * @param bandwidth bytes left
   */
  record Client(GatewaySharedKey key, Long lastAuthentication, long bandwidth) {}

  /**
   * A stored message.
   *
   * @param id its row id (delivery order)
   * @param content the message bytes
   */
  record Stored(long id, byte[] content) {}

  private final Connection db;
  private final AtomicLong stored = new AtomicLong();

  private Mailbox(Connection db) {
    this.db = db;
  }

  /** Opens (creating if needed) the mailbox at {@code file}. */
  static Mailbox open(Path file) throws SQLException {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    cfg.setBusyTimeout(5_000);
    SQLiteDataSource ds = new SQLiteDataSource(cfg);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    Connection c = ds.getConnection();
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE IF NOT EXISTS clients ("
          + " address BLOB PRIMARY KEY,"
          + " key_kind INTEGER NOT NULL,"
          + " shared_key BLOB NOT NULL,"
          + " last_auth INTEGER,"
          + " bandwidth INTEGER NOT NULL,"
          + " registered INTEGER NOT NULL)");
      s.executeUpdate("CREATE TABLE IF NOT EXISTS messages ("
          + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " address BLOB NOT NULL,"
          + " content BLOB NOT NULL,"
          + " stored INTEGER NOT NULL)");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS messages_by_client ON messages(address, id)");
      s.executeUpdate("PRAGMA user_version = 1");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    Mailbox m = new Mailbox(c);
    try {
      m.stored.set(m.countAll());
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return m;
  }

  /** The registered client {@code address}, if any. */
  synchronized Optional<Client> client(byte[] address) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "SELECT key_kind, shared_key, last_auth, bandwidth FROM clients WHERE address = ?")) {
      p.setBytes(1, address);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        long last = r.getLong(3);
        Long lastAuth = r.wasNull() ? null : last;
        return Optional.of(new Client(GatewaySharedKey.of(r.getInt(1), r.getBytes(2)), lastAuth,
            r.getLong(4)));
      }
    }
  }

  /**
   * Stores the key of a (re-)registered client. A new client starts with {@code freeAllowance}
   * bytes; a returning one keeps its bandwidth.
   */
  synchronized void register(byte[] address, GatewaySharedKey key, long freeAllowance)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "INSERT INTO clients (address, key_kind, shared_key, last_auth, bandwidth, registered)"
            + " VALUES (?, ?, ?, NULL, ?, strftime('%s','now'))"
            + " ON CONFLICT(address) DO UPDATE SET key_kind = excluded.key_kind,"
            + " shared_key = excluded.shared_key")) {
      p.setBytes(1, address);
      p.setInt(2, key.isLegacy() ? GatewaySharedKey.LEGACY : GatewaySharedKey.CURRENT);
      p.setBytes(3, key.toBytes());
      p.setLong(4, freeAllowance);
      p.executeUpdate();
    }
  }

  /** Replaces the key of a client (key upgrade). */
  synchronized void updateKey(byte[] address, GatewaySharedKey key) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "UPDATE clients SET key_kind = ?, shared_key = ? WHERE address = ?")) {
      p.setInt(1, key.isLegacy() ? GatewaySharedKey.LEGACY : GatewaySharedKey.CURRENT);
      p.setBytes(2, key.toBytes());
      p.setBytes(3, address);
      p.executeUpdate();
    }
  }

  /** Records the timestamp of a successful v2 authentication. */
  synchronized void setLastAuthentication(byte[] address, long unixSeconds) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "UPDATE clients SET last_auth = ? WHERE address = ?")) {
      p.setLong(1, unixSeconds);
      p.setBytes(2, address);
      p.executeUpdate();
    }
  }

  /** Sets the remaining bandwidth. */
  synchronized void setBandwidth(byte[] address, long bytes) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "UPDATE clients SET bandwidth = ? WHERE address = ?")) {
      p.setLong(1, bytes);
      p.setBytes(2, address);
      p.executeUpdate();
    }
  }

  /**
   * Stores a message unless the client already has {@code quota} messages stored.
   *
   * @return whether it was stored
   */
  synchronized boolean store(byte[] address, byte[] content, int quota) throws SQLException {
    if (count(address) >= quota) {
      return false;
    }
    try (PreparedStatement p = db.prepareStatement(
        "INSERT INTO messages (address, content, stored) VALUES (?, ?, strftime('%s','now'))")) {
      p.setBytes(1, address);
      p.setBytes(2, content);
      p.executeUpdate();
    }
    stored.incrementAndGet();
    return true;
  }

  /** Messages stored for {@code address}. */
  synchronized int count(byte[] address) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "SELECT COUNT(*) FROM messages WHERE address = ?")) {
      p.setBytes(1, address);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }

  /** All stored messages, as kept in memory: no SQLite access, no lock; any thread. */
  long storedCount() {
    return stored.get();
  }

  /** All stored messages, counted by SQLite. */
  synchronized long countAll() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM messages")) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  /** Registered clients. */
  synchronized long clientCount() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM clients")) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  /** The oldest {@code limit} messages of {@code address}. */
  synchronized List<Stored> page(byte[] address, int limit) throws SQLException {
    List<Stored> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement(
        "SELECT id, content FROM messages WHERE address = ? ORDER BY id LIMIT ?")) {
      p.setBytes(1, address);
      p.setInt(2, limit);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Stored(r.getLong(1), r.getBytes(2)));
        }
      }
    }
    return out;
  }

  /** Deletes delivered messages. */
  synchronized void delete(List<Stored> delivered) throws SQLException {
    boolean auto = db.getAutoCommit();
    db.setAutoCommit(false);
    try (PreparedStatement p = db.prepareStatement("DELETE FROM messages WHERE id = ?")) {
      for (Stored s : delivered) {
        p.setLong(1, s.id());
        p.addBatch();
      }
      int deleted = 0;
      for (int n : p.executeBatch()) {
        deleted += Math.max(0, n);
      }
      db.commit();
      stored.addAndGet(-deleted);
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(auto);
    }
  }

  /** Deletes messages stored before {@code unixSeconds}; returns how many. */
  synchronized int deleteOlderThan(long unixSeconds) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM messages WHERE stored < ?")) {
      p.setLong(1, unixSeconds);
      int n = p.executeUpdate();
      stored.addAndGet(-n);
      return n;
    }
  }

  /** Forgets a client: its key, bandwidth and stored messages. */
  synchronized void forget(byte[] address) throws SQLException {
    try (PreparedStatement a = db.prepareStatement("DELETE FROM messages WHERE address = ?");
        PreparedStatement b = db.prepareStatement("DELETE FROM clients WHERE address = ?")) {
      a.setBytes(1, address);
      stored.addAndGet(-a.executeUpdate());
      b.setBytes(1, address);
      b.executeUpdate();
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // Closing a connection that failed is nothing an operator can act on.
    }
  }
}
