package net.nym.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import net.nym.api.home.NodeHome;
import net.nym.api.keys.KeyStoreException;
import net.nym.cli.home.FileNodeHomes;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Pem;
import net.nym.crypto.keys.X25519KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeyStoreTest {

  /** RFC 8032 section 7.1, test 1. */
  private static final byte[] RFC8032_SECRET =
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

  private static final byte[] RFC8032_PUBLIC =
      HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  @TempDir Path dir;

  private final PemKeyStore store = new PemKeyStore();
  private NodeHome home;

  @BeforeEach
  void setUp() {
    home = new FileNodeHomes(dir).home("mixnode", "m1");
  }

  private Path file(String name) {
    return home.dataDir().resolve(name);
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void ed25519RoundTripWithNymFileNamesLabelsAndPermissions() throws Exception {
    Ed25519KeyPair created = store.createEd25519(home, "identity", false);

    assertThat(store.loadEd25519(home, "identity")).isEqualTo(created);
    assertThat(store.loadEd25519(home, "identity").publicKey()).isEqualTo(created.publicKey());
    String privateText = Files.readString(file("private_identity.pem"));
    String publicText = Files.readString(file("public_identity.pem"));
    assertThat(privateText)
        .isEqualTo(Pem.encode("ED25519 PRIVATE KEY", created.privateKeyBytes()))
        .startsWith("-----BEGIN ED25519 PRIVATE KEY-----\r\n")
        .endsWith("-----END ED25519 PRIVATE KEY-----\r\n");
    assertThat(publicText)
        .isEqualTo(Pem.encode("ED25519 PUBLIC KEY", created.publicKey().toBytes()));
    assertThat(perms(file("private_identity.pem"))).isEqualTo("rw-------");
    assertThat(perms(file("public_identity.pem"))).isEqualTo("rw-r--r--");
    assertThat(perms(home.dataDir())).isEqualTo("rwx------");
    try (var files = Files.list(home.dataDir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("private_identity.pem", "public_identity.pem");
    }
  }

  @Test
  void x25519RoundTrip() throws Exception {
    X25519KeyPair created = store.createX25519(home, "sphinx", false);

    assertThat(store.loadX25519(home, "sphinx")).isEqualTo(created);
    assertThat(Files.readString(file("private_sphinx.pem")))
        .startsWith("-----BEGIN X25519 PRIVATE KEY-----\r\n");
    assertThat(Files.readString(file("public_sphinx.pem")))
        .startsWith("-----BEGIN X25519 PUBLIC KEY-----\r\n");
    assertThat(perms(file("private_sphinx.pem"))).isEqualTo("rw-------");
    assertThat(perms(file("public_sphinx.pem"))).isEqualTo("rw-r--r--");
  }

  @Test
  void existingDataDirectoryIsTightenedTo0700() throws Exception {
    Files.createDirectories(home.dataDir());
    Files.setPosixFilePermissions(home.dataDir(), PosixFilePermissions.fromString("rwxr-xr-x"));

    store.createX25519(home, "encryption", false);

    assertThat(perms(home.dataDir())).isEqualTo("rwx------");
  }

  @Test
  void loadsAFileWrittenTheWayNymWritesIt() throws Exception {
    Files.createDirectories(home.dataDir());
    Files.writeString(
        file("private_identity.pem"),
        "-----BEGIN ED25519 PRIVATE KEY-----\r\nnWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=\r\n"
            + "-----END ED25519 PRIVATE KEY-----\r\n");
    // LF line ends are read too
    Files.writeString(
        file("public_identity.pem"),
        "-----BEGIN ED25519 PUBLIC KEY-----\n11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
            + "-----END ED25519 PUBLIC KEY-----\n");

    Ed25519KeyPair pair = store.loadEd25519(home, "identity");

    assertThat(pair.privateKeyBytes()).isEqualTo(RFC8032_SECRET);
    assertThat(pair.publicKey().toBytes()).isEqualTo(RFC8032_PUBLIC);
  }

  @Test
  void createRefusesToOverwriteWithoutForce() throws Exception {
    Ed25519KeyPair first = store.createEd25519(home, "identity", false);
    Path privateFile = file("private_identity.pem");

    assertThatThrownBy(() -> store.createEd25519(home, "identity", false))
        .isInstanceOf(KeyStoreException.class)
        .hasMessage(
            privateFile
                + ": key file already exists; pass --force to replace it (the old key is lost)")
        .satisfies(e -> assertThat(((KeyStoreException) e).file()).isEqualTo(privateFile));
    assertThat(store.loadEd25519(home, "identity")).isEqualTo(first);

    Ed25519KeyPair second = store.createEd25519(home, "identity", true);

    assertThat(second).isNotEqualTo(first);
    assertThat(store.loadEd25519(home, "identity")).isEqualTo(second);
    assertThat(perms(privateFile)).isEqualTo("rw-------");
  }

  @Test
  void createRefusesWhenOnlyThePublicFileExists() throws Exception {
    Files.createDirectories(home.dataDir());
    Path publicFile = file("public_sphinx.pem");
    Files.writeString(publicFile, "keep me");

    assertThatThrownBy(() -> store.createX25519(home, "sphinx", false))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith(publicFile + ": key file already exists");
    assertThat(Files.readString(publicFile)).isEqualTo("keep me");
    assertThat(file("private_sphinx.pem")).doesNotExist();
  }

  @Test
  void missingFileNamesTheFile() {
    Path privateFile = file("private_identity.pem");

    assertThatThrownBy(() -> store.loadEd25519(home, "identity"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith(privateFile + ": key file not found");
  }

  @Test
  void missingPublicFileNamesThePublicFile() throws Exception {
    store.createEd25519(home, "identity", false);
    Path publicFile = file("public_identity.pem");
    Files.delete(publicFile);

    assertThatThrownBy(() -> store.loadEd25519(home, "identity"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith(publicFile + ": key file not found");
  }

  @Test
  void unreadableFileNamesTheFile() throws Exception {
    // Tests may run as root, which reads any file; a directory in its place cannot be read by
    // anyone.
    Path privateFile = file("private_identity.pem");
    Files.createDirectories(privateFile);

    assertThatThrownBy(() -> store.loadEd25519(home, "identity"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith(privateFile + ": cannot read key file: ");
  }

  @Test
  void corruptFileNamesTheFileAndTheProblem() throws Exception {
    store.createEd25519(home, "identity", false);
    Path privateFile = file("private_identity.pem");
    Files.writeString(privateFile, "this is not a key\n");

    assertThatThrownBy(() -> store.loadEd25519(home, "identity"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessage(
            privateFile
                + ": not a valid key file: no PEM block: expected a line"
                + " \"-----BEGIN <label>-----\"");
  }

  @Test
  void wrongLabelNamesTheFileAndBothLabels() throws Exception {
    store.createX25519(home, "identity", false);
    Path privateFile = file("private_identity.pem");

    assertThatThrownBy(() -> store.loadEd25519(home, "identity"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessage(
            privateFile
                + ": not a valid key file: expected a PEM block labelled \"ED25519 PRIVATE KEY\","
                + " found \"X25519 PRIVATE KEY\"");
  }

  @Test
  void truncatedFileNamesTheFile() throws Exception {
    store.createEd25519(home, "identity", false);
    Path privateFile = file("private_identity.pem");
    byte[] bytes = Files.readAllBytes(privateFile);
    Files.write(privateFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> store.loadEd25519(home, "identity"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith(privateFile + ": not a valid key file: PEM block")
        .hasMessageContaining("no \"-----END ED25519 PRIVATE KEY-----\" line");
  }

  @Test
  void badBase64NamesTheFile() throws Exception {
    store.createX25519(home, "sphinx", false);
    Path publicFile = file("public_sphinx.pem");
    Files.writeString(
        publicFile,
        "-----BEGIN X25519 PUBLIC KEY-----\r\n!!!!\r\n-----END X25519 PUBLIC KEY-----\r\n");

    assertThatThrownBy(() -> store.loadX25519(home, "sphinx"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith(
            publicFile
                + ": not a valid key file: PEM block \"X25519 PUBLIC KEY\" is not valid base64");
  }

  @Test
  void wrongLengthNamesTheFileAndBothLengths() throws Exception {
    store.createEd25519(home, "identity", false);
    Path privateFile = file("private_identity.pem");
    Files.writeString(privateFile, Pem.encode(Pem.ED25519_PRIVATE_KEY, new byte[31]));

    assertThatThrownBy(() -> store.loadEd25519(home, "identity"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessage(
            privateFile
                + ": not a valid key file: an ED25519 PRIVATE KEY is 32 bytes, this file holds 31");
  }

  @Test
  void publicKeyOfAnotherPairIsRefusedNamingThePublicFile() throws Exception {
    store.createEd25519(home, "identity", false);
    store.createEd25519(home, "other", false);
    Path publicFile = file("public_identity.pem");
    Files.copy(
        file("public_other.pem"), publicFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> store.loadEd25519(home, "identity"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith(
            publicFile
                + ": this public key does not belong to the private key in private_identity.pem");
  }

  @Test
  void mismatchedX25519PublicKeyIsRefused() throws Exception {
    store.createX25519(home, "sphinx", false);
    Path publicFile = file("public_sphinx.pem");
    Files.write(
        publicFile,
        Pem.encode(Pem.X25519_PUBLIC_KEY, new byte[32]).getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> store.loadX25519(home, "sphinx"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith(publicFile + ": this public key does not belong");
  }

  @Test
  void keyNamesAreValidated() {
    assertThatThrownBy(() -> store.createEd25519(home, "../escape", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid key name \"../escape\"");
  }
}
