package net.nym.plugin.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import net.nym.crypto.gateway.CurrentSharedKey;
import net.nym.crypto.gateway.LegacySharedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The SQLite mailbox on a real file: WAL, keys, bandwidth, quota, pages, reopening. */
class MailboxTest {
  private static final byte[] A = new byte[32];
  private static final byte[] B = new byte[32];

  static {
    A[0] = 1;
    B[0] = 2;
  }

  @Test
  void keysBandwidthAndMessagesPersistAcrossReopening(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(Mailbox.FILE);
    try (Mailbox m = Mailbox.open(file)) {
      m.register(A, new CurrentSharedKey(new byte[32]), 5000);
      m.setBandwidth(A, 1234);
      m.setLastAuthentication(A, 99);
      m.register(A, new LegacySharedKey(new byte[32]), 5000);
      for (int i = 0; i < 5; i++) {
        assertThat(m.store(A, ("m" + i).getBytes(StandardCharsets.UTF_8), 100)).isTrue();
      }
      m.store(B, new byte[] {9}, 100);
      assertThat(m.storedCount()).isEqualTo(6);
    }
    try (Mailbox m = Mailbox.open(file)) {
      assertThat(m.storedCount()).as("counted at opening").isEqualTo(6);
      Mailbox.Client a = m.client(A).orElseThrow();
      assertThat(a.key()).isInstanceOf(LegacySharedKey.class);
      assertThat(a.bandwidth()).as("re-registering keeps the bandwidth").isEqualTo(1234);
      assertThat(a.lastAuthentication()).isEqualTo(99);
      assertThat(m.client(B)).isEmpty();
      List<Mailbox.Stored> page = m.page(A, 2);
      assertThat(page).extracting(s -> new String(s.content(), StandardCharsets.UTF_8))
          .containsExactly("m0", "m1");
      m.delete(page);
      assertThat(m.page(A, 10)).hasSize(3);
      assertThat(m.storedCount()).isEqualTo(4).isEqualTo(m.countAll());
      assertThat(m.count(B)).isEqualTo(1);
      m.forget(A);
      assertThat(m.storedCount()).isEqualTo(1).isEqualTo(m.countAll());
      assertThat(m.client(A)).isEmpty();
      assertThat(m.count(A)).isZero();
    }
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + file);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void aFullMailboxRefusesNewMessagesAndKeepsTheOldOnes(@TempDir Path dir) throws Exception {
    try (Mailbox m = Mailbox.open(dir.resolve(Mailbox.FILE))) {
      assertThat(m.store(A, new byte[] {1}, 2)).isTrue();
      assertThat(m.store(A, new byte[] {2}, 2)).isTrue();
      assertThat(m.store(A, new byte[] {3}, 2)).isFalse();
      assertThat(m.page(A, 10)).extracting(s -> s.content()[0]).containsExactly((byte) 1,
          (byte) 2);
      assertThat(m.store(B, new byte[] {4}, 2)).as("quotas are per client").isTrue();
      assertThat(m.deleteOlderThan(Long.MAX_VALUE / 2)).isEqualTo(3);
      assertThat(m.countAll()).isZero();
      assertThat(m.storedCount()).isZero();
    }
  }
}
