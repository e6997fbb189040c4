package net.nym.plugin.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.api.keys.KeyStoreException;
import net.nym.client.core.engine.ClientKeys;
import net.nym.client.core.packet.AckKey;
import net.nym.crypto.encoding.Base58;
import net.nym.crypto.gateway.GatewaySharedKey;
import net.nym.crypto.keys.Ed25519PublicKey;

/** Where a client keeps its keys: identity and encryption PEMs, ack and gateway keys in data/. */
final class ClientFiles {
  static final String IDENTITY = "identity";
  static final String ENCRYPTION = "encryption";
  static final String ACK_KEY = "ack_key.b58";
  static final String GATEWAY_KEY = "gateway_shared_key.b58";
  static final String REPLIES = "reply_surbs.sqlite";

  private ClientFiles() {}

  static void writeSecret(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, Base58.encode(bytes) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Loads a registered client's keys from its home. */
  static ClientKeys load(PluginContext context, NodeHome home, ClientConfig config)
      throws IOException, KeyStoreException {
    return new ClientKeys(context.keys().loadEd25519(home, IDENTITY),
        context.keys().loadX25519(home, ENCRYPTION),
        AckKey.of(readSecret(home.dataDir().resolve(ACK_KEY))),
        Ed25519PublicKey.fromBase58(config.gateway()),
        GatewaySharedKey.of(GatewaySharedKey.CURRENT,
            readSecret(home.dataDir().resolve(GATEWAY_KEY))));
  }

  static byte[] readSecret(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("missing key file " + file + "; run `nym client init` first");
    }
    try {
      return Base58.decode(Files.readString(file).strip());
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt key file " + file + ": " + e.getMessage(), e);
    }
  }
}
