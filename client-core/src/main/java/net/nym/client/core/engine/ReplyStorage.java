package net.nym.client.core.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import net.nym.client.core.message.AnonymousSenderTag;
import net.nym.crypto.address.Recipient;
import net.nym.crypto.gateway.Blake3;
import net.nym.crypto.sphinx.ReplySurb;
import net.nym.crypto.sphinx.SphinxException;

/**
 * Durable state of anonymous replies, in SQLite (a file in the client's {@code data/}, WAL mode)
 * or in memory ({@code path == null}, for tests):
 *
 * <ul>
 *   <li>reply keys we created with our SURBs, by BLAKE3 digest, used once, dropped after 24 h;
 *   <li>SURBs received from anonymous senders, by sender tag, used once each;
 *   <li>our sender tag per remote recipient (one tag per recipient, as Nym).
 * </ul>
 *
 * The digests of the stored reply keys are also held in memory, so that the look-up every pushed
 * packet needs ({@link #takeKey}) touches the database only for our own replies. Thread-safe (one
 * connection, synchronized).
 */
public final class ReplyStorage implements AutoCloseable {
  private static final long KEY_MAX_AGE_MS = 24L * 3600 * 1000;
  private final Connection db;
  private final java.util.Set<String> keyDigests = new java.util.HashSet<>();

  /**
   * Opens (creating if needed) the store.
   *
   * @throws SQLException if the database cannot be opened
   */
  public ReplyStorage(Path path) throws SQLException {
    db = DriverManager.getConnection("jdbc:sqlite:" + (path == null ? ":memory:" : path));
    try (Statement s = db.createStatement()) {
      if (path != null) {
        s.execute("PRAGMA journal_mode=WAL");
      }
      s.execute("CREATE TABLE IF NOT EXISTS reply_keys (digest TEXT PRIMARY KEY, key BLOB NOT "
          + "NULL, created INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS reply_surbs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
          + "tag TEXT NOT NULL, surb BLOB NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS reply_surbs_tag ON reply_surbs(tag)");
      s.execute("CREATE TABLE IF NOT EXISTS sender_tags (recipient TEXT PRIMARY KEY, tag TEXT "
          + "NOT NULL)");
      try (ResultSet r = s.executeQuery("SELECT digest FROM reply_keys")) {
        while (r.next()) {
          keyDigests.add(r.getString(1));
        }
      }
    }
  }

  /** Remembers the key of a SURB we hand out. */
  public synchronized void storeKey(byte[] key) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "INSERT OR REPLACE INTO reply_keys VALUES (?, ?, ?)")) {
      String digest = HexFormat.of().formatHex(Blake3.hash(key));
      p.setString(1, digest);
      p.setBytes(2, key);
      p.setLong(3, System.currentTimeMillis());
      p.executeUpdate();
      keyDigests.add(digest);
    }
  }

  /** The key with this digest, removed; empty if unknown or older than 24 h. */
  public synchronized Optional<byte[]> takeKey(byte[] digest) {
    String d = HexFormat.of().formatHex(digest);
    if (!keyDigests.remove(d)) {
      return Optional.empty();
    }
    try (PreparedStatement p = db.prepareStatement(
        "SELECT key, created FROM reply_keys WHERE digest = ?")) {
      p.setString(1, d);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        byte[] key = r.getBytes(1);
        long created = r.getLong(2);
        try (PreparedStatement del = db.prepareStatement(
            "DELETE FROM reply_keys WHERE digest = ?")) {
          del.setString(1, d);
          del.executeUpdate();
        }
        return System.currentTimeMillis() - created > KEY_MAX_AGE_MS
            ? Optional.empty() : Optional.of(key);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reply key store: " + e.getMessage(), e);
    }
  }

  /** Adds SURBs received from an anonymous sender. */
  public synchronized void addSurbs(AnonymousSenderTag tag, List<ReplySurb> surbs)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "INSERT INTO reply_surbs (tag, surb) VALUES (?, ?)")) {
      for (ReplySurb s : surbs) {
        p.setString(1, tag.toBase58());
        p.setBytes(2, s.toBytes());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /** How many SURBs we hold for this sender. */
  public synchronized int surbCount(AnonymousSenderTag tag) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "SELECT COUNT(*) FROM reply_surbs WHERE tag = ?")) {
      p.setString(1, tag.toBase58());
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }

  /** Takes up to {@code n} SURBs for this sender (each used once). */
  public synchronized List<ReplySurb> takeSurbs(AnonymousSenderTag tag, int n)
      throws SQLException {
    List<ReplySurb> out = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement(
        "SELECT id, surb FROM reply_surbs WHERE tag = ? ORDER BY id LIMIT ?")) {
      p.setString(1, tag.toBase58());
      p.setInt(2, n);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
          try {
            out.add(ReplySurb.fromBytes(r.getBytes(2)));
          } catch (SphinxException e) {
            // A corrupt row is dropped below with the rest.
          }
        }
      }
    }
    try (PreparedStatement d = db.prepareStatement("DELETE FROM reply_surbs WHERE id = ?")) {
      for (long id : ids) {
        d.setLong(1, id);
        d.addBatch();
      }
      d.executeBatch();
    }
    return out;
  }

  /** Our sender tag for this recipient, created on first use. */
  public synchronized AnonymousSenderTag senderTag(Recipient recipient, RandomGenerator random)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "SELECT tag FROM sender_tags WHERE recipient = ?")) {
      p.setString(1, recipient.toString());
      try (ResultSet r = p.executeQuery()) {
        if (r.next()) {
          return AnonymousSenderTag.fromBase58(r.getString(1));
        }
      }
    } catch (net.nym.client.core.message.MessageFormatException e) {
      throw new SQLException("corrupt sender tag: " + e.getMessage(), e);
    }
    AnonymousSenderTag t = AnonymousSenderTag.random(random);
    try (PreparedStatement p = db.prepareStatement("INSERT INTO sender_tags VALUES (?, ?)")) {
      p.setString(1, recipient.toString());
      p.setString(2, t.toBase58());
      p.executeUpdate();
    }
    return t;
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }
}
