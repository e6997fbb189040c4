package net.nym.cli.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import net.nym.api.home.NodeHome;
import net.nym.api.keys.KeyStore;
import net.nym.api.keys.KeyStoreException;
import net.nym.cli.home.FileNodeHomes;
import net.nym.crypto.keys.Ed25519KeyPair;
import net.nym.crypto.keys.Ed25519PublicKey;
import net.nym.crypto.keys.Pem;
import net.nym.crypto.keys.X25519KeyPair;
import net.nym.crypto.keys.X25519PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key pairs as PEM files, the way Nym's {@code nym-pemstore} stores them: pair {@code n} is {@code
 * data/private_n.pem} and {@code data/public_n.pem}, each one PEM block with the raw 32 key bytes
 * and the labels of {@link Pem} ({@code ED25519 PRIVATE KEY}, {@code X25519 PUBLIC KEY}, ...).
 *
 * <p>On POSIX file systems the {@code data/} directory is made 0700, private files are created 0600
 * (the mode is set when the file is created, so there is no moment when it is readable by others)
 * and public files 0644. Both files are written to temporary files in {@code data/} and moved into
 * place, so a crash never leaves a half-written key. See {@code docs/protocol/keys.md}.
 *
 * <p>Stateless apart from its random source; thread-safe.
 */
public final class PemKeyStore implements KeyStore {
  private static final Logger LOG = LoggerFactory.getLogger(PemKeyStore.class);

  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> PRIVATE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC_MODE =
      PosixFilePermissions.fromString("rw-r--r--");

  private final SecureRandom random;

  /** A key store that generates keys from a new {@link SecureRandom}. */
  public PemKeyStore() {
    this(new SecureRandom());
  }

  /** A key store that generates keys from {@code random}. */
  public PemKeyStore(SecureRandom random) {
    this.random = random;
  }

  /** {@code <home>/data/private_<name>.pem}. */
  public static Path privateKeyFile(NodeHome home, String name) {
    FileNodeHomes.requireValidName(name, "key name");
    return home.dataDir().resolve("private_" + name + ".pem");
  }

  /** {@code <home>/data/public_<name>.pem}. */
  public static Path publicKeyFile(NodeHome home, String name) {
    FileNodeHomes.requireValidName(name, "key name");
    return home.dataDir().resolve("public_" + name + ".pem");
  }

  @Override
  public Ed25519KeyPair createEd25519(NodeHome home, String name, boolean force)
      throws KeyStoreException {
    Ed25519KeyPair pair = Ed25519KeyPair.generate(random);
    byte[] secret = pair.privateKeyBytes();
    try {
      store(
          home,
          name,
          force,
          Pem.encodeToBytes(Pem.ED25519_PRIVATE_KEY, secret),
          Pem.encodeToBytes(Pem.ED25519_PUBLIC_KEY, pair.publicKey().toBytes()));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return pair;
  }

  @Override
  public Ed25519KeyPair loadEd25519(NodeHome home, String name) throws KeyStoreException {
    Path privateFile = privateKeyFile(home, name);
    Path publicFile = publicKeyFile(home, name);
    Ed25519KeyPair pair =
        parse(
            privateFile,
            Pem.ED25519_PRIVATE_KEY,
            Ed25519KeyPair.PRIVATE_LENGTH,
            Ed25519KeyPair::fromPrivateKey);
    Ed25519PublicKey publicKey =
        parse(
            publicFile,
            Pem.ED25519_PUBLIC_KEY,
            Ed25519PublicKey.LENGTH,
            Ed25519PublicKey::fromBytes);
    if (!publicKey.equals(pair.publicKey())) {
      throw mismatch(publicFile, privateFile);
    }
    return pair;
  }

  @Override
  public X25519KeyPair createX25519(NodeHome home, String name, boolean force)
      throws KeyStoreException {
    X25519KeyPair pair = X25519KeyPair.generate(random);
    byte[] secret = pair.privateKeyBytes();
    try {
      store(
          home,
          name,
          force,
          Pem.encodeToBytes(Pem.X25519_PRIVATE_KEY, secret),
          Pem.encodeToBytes(Pem.X25519_PUBLIC_KEY, pair.publicKey().toBytes()));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return pair;
  }

  @Override
  public X25519KeyPair loadX25519(NodeHome home, String name) throws KeyStoreException {
    Path privateFile = privateKeyFile(home, name);
    Path publicFile = publicKeyFile(home, name);
    X25519KeyPair pair =
        parse(
            privateFile,
            Pem.X25519_PRIVATE_KEY,
            X25519KeyPair.PRIVATE_LENGTH,
            X25519KeyPair::fromPrivateKey);
    X25519PublicKey publicKey =
        parse(
            publicFile, Pem.X25519_PUBLIC_KEY, X25519PublicKey.LENGTH, X25519PublicKey::fromBytes);
    if (!publicKey.equals(pair.publicKey())) {
      throw mismatch(publicFile, privateFile);
    }
    return pair;
  }

  private static KeyStoreException mismatch(Path publicFile, Path privateFile) {
    return new KeyStoreException(
        publicFile,
        "this public key does not belong to the private key in "
            + privateFile.getFileName()
            + "; restore the matching pair from a backup, or create new keys with --force");
  }

  private void store(NodeHome home, String name, boolean force, byte[] privatePem, byte[] publicPem)
      throws KeyStoreException {
    Path privateFile = privateKeyFile(home, name);
    Path publicFile = publicKeyFile(home, name);
    Path privateTemp = null;
    Path publicTemp = null;
    try {
      if (!force) {
        for (Path file : new Path[] {privateFile, publicFile}) {
          if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw exists(file);
          }
        }
      }
      Path dir = privateFile.getParent();
      ensurePrivateDirectory(dir);
      privateTemp = writeTemp(dir, privatePem, PRIVATE_MODE);
      publicTemp = writeTemp(dir, publicPem, PUBLIC_MODE);
      moveIntoPlace(privateTemp, privateFile, force);
      privateTemp = null;
      moveIntoPlace(publicTemp, publicFile, force);
      publicTemp = null;
    } catch (FileAlreadyExistsException e) {
      throw exists(Path.of(e.getFile()));
    } catch (IOException e) {
      throw new KeyStoreException(privateFile, "cannot write key files: " + describe(e), e);
    } finally {
      Arrays.fill(privatePem, (byte) 0);
      deleteTemp(privateTemp);
      deleteTemp(publicTemp);
    }
  }

  private static void deleteTemp(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        LOG.warn("cannot remove the temporary key file {}: {}", temp, e.toString());
      }
    }
  }

  private static KeyStoreException exists(Path file) {
    return new KeyStoreException(
        file, "key file already exists; pass --force to replace it (the old key is lost)");
  }

  private static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates {@code dir} as 0700, or tightens an existing one to 0700 (POSIX only). */
  private static void ensurePrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      if (posix(dir) && !Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
        Files.setPosixFilePermissions(dir, DIR_MODE);
      }
      return;
    }
    Files.createDirectories(dir.getParent());
    if (posix(dir)) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
    } else {
      Files.createDirectory(dir);
    }
  }

  /** Writes {@code content} to a new temporary file in {@code dir} created with {@code mode}. */
  private static Path writeTemp(Path dir, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    boolean posix = posix(dir);
    FileAttribute<?>[] attrs =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_MODE)}
            : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, ".key-", ".tmp", attrs);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        out.write(content);
        out.flush();
        channel.force(true);
      }
      if (posix && !mode.equals(PRIVATE_MODE)) {
        Files.setPosixFilePermissions(temp, mode);
      }
      return temp;
    } catch (IOException e) {
      deleteTemp(temp);
      throw e;
    }
  }

  private static void moveIntoPlace(Path temp, Path target, boolean force) throws IOException {
    if (force) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.move(temp, target);
    }
  }

  private static <K> K parse(Path file, String label, int length, Function<byte[], K> factory)
      throws KeyStoreException {
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new KeyStoreException(
          file, "key file not found; create the keys with the node's init command", e);
    } catch (AccessDeniedException e) {
      throw new KeyStoreException(file, "cannot read key file: permission denied", e);
    } catch (IOException e) {
      throw new KeyStoreException(file, "cannot read key file: " + describe(e), e);
    }
    byte[] bytes;
    try {
      bytes = Pem.decode(text, label);
    } catch (IllegalArgumentException e) {
      throw new KeyStoreException(file, "not a valid key file: " + e.getMessage(), e);
    }
    try {
      if (bytes.length != length) {
        throw new KeyStoreException(
            file,
            "not a valid key file: an "
                + label
                + " is "
                + length
                + " bytes, this file holds "
                + bytes.length);
      }
      return factory.apply(bytes);
    } catch (IllegalArgumentException e) {
      throw new KeyStoreException(file, "not a valid key file: " + e.getMessage(), e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
