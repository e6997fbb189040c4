package net.nym.cli.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import net.nym.api.home.NodeHome;
import net.nym.api.home.NodeHomes;

/**
 * Node homes in a directory tree: instance {@code id} of {@code kind} lives in {@code
 * <root>/<kind>/<id>/}.
 *
 * <p>Kinds and ids are names of 1 to 64 ASCII letters, digits, {@code .}, {@code _} and {@code -},
 * other than {@code .} and {@code ..}, so a home is always a direct grandchild of the root. The
 * root is fixed at construction; use {@link #resolveRoot} to find it from the command line and the
 * environment. Immutable and thread-safe.
 */
public final class FileNodeHomes implements NodeHomes {

  /** The environment variable that sets the root when {@code --home} is not given. */
  public static final String ENV_VAR = "NYM_HOME";

  /** The root's directory name under the user's home when neither override is given. */
  public static final String DEFAULT_DIR_NAME = ".nym";

  /** The longest valid kind or id. */
  public static final int MAX_NAME_LENGTH = 64;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Path root;

  /**
   * Creates the homes under {@code root}, which is normalised; it need not exist yet.
   *
   * @throws IllegalArgumentException if {@code root} is not absolute
   */
  public FileNodeHomes(Path root) {
    Objects.requireNonNull(root, "root");
    if (!root.isAbsolute()) {
      throw new IllegalArgumentException(
          "the nym home root must be an absolute path, got \"" + root + "\"");
    }
    this.root = root.normalize();
  }

  /**
   * Finds the root directory: the {@code --home} value if given, else {@code NYM_HOME} if set, else
   * {@code <userHome>/.nym}.
   *
   * <p>Blank values count as not given. A leading {@code ~} (alone or followed by {@code /}) is
   * replaced by {@code userHome}, since {@code NYM_HOME="~/nym"} reaches the program unexpanded. A
   * relative value is made absolute against the current directory here, once, so that later changes
   * of the working directory cannot move the homes. The result is normalised.
   *
   * @param homeOption the value of {@code --home}, or {@code null}
   * @param env the process environment (normally {@code System.getenv()})
   * @param userHome the user's home directory (normally the {@code user.home} property)
   * @throws IllegalArgumentException naming the source and the value if it is not a valid path
   */
  public static Path resolveRoot(String homeOption, Map<String, String> env, Path userHome) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(userHome, "userHome");
    Path absoluteUserHome = userHome.toAbsolutePath();
    if (homeOption != null && !homeOption.isBlank()) {
      return toAbsolute(homeOption, "--home", absoluteUserHome);
    }
    String fromEnv = env.get(ENV_VAR);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return toAbsolute(fromEnv, ENV_VAR, absoluteUserHome);
    }
    return absoluteUserHome.resolve(DEFAULT_DIR_NAME).normalize();
  }

  private static Path toAbsolute(String value, String source, Path userHome) {
    try {
      Path path;
      if (value.equals("~")) {
        path = userHome;
      } else if (value.startsWith("~/")) {
        path = userHome.resolve(value.substring(2));
      } else {
        path = Path.of(value);
      }
      return path.toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          source + " \"" + value + "\" is not a valid path: " + e.getReason(), e);
    }
  }

  /**
   * Checks that {@code value} is a valid kind or id.
   *
   * @param what what the value is, for the message, e.g. {@code "node id"}
   * @return {@code value}
   * @throws IllegalArgumentException naming the value and the rule if it is not valid
   */
  public static String requireValidName(String value, String what) {
    if (value == null
        || !NAME.matcher(value).matches()
        || value.equals(".")
        || value.equals("..")) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + " "
              + (value == null ? "null" : "\"" + value + "\"")
              + ": use 1 to "
              + MAX_NAME_LENGTH
              + " ASCII letters, digits, '.', '_' or '-' (not \".\" or \"..\")");
    }
    return value;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public NodeHome home(String kind, String id) {
    requireValidName(kind, "node kind");
    requireValidName(id, "node id");
    return new NodeHome(kind, id, root.resolve(kind).resolve(id));
  }

  /**
   * {@inheritDoc}
   *
   * <p>An instance exists when its {@code config/config.toml} does; directories that are not valid
   * names are skipped.
   *
   * @throws UncheckedIOException naming the directory if it exists but cannot be listed
   */
  @Override
  public List<String> ids(String kind) {
    requireValidName(kind, "node kind");
    Path kindDir = root.resolve(kind);
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(kindDir)) {
      for (Path entry : entries) {
        String id = entry.getFileName().toString();
        if (NAME.matcher(id).matches()
            && !id.equals(".")
            && !id.equals("..")
            && new NodeHome(kind, id, entry).exists()) {
          ids.add(id);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + kindDir + ": " + e.getMessage(), e);
    }
    ids.sort(null);
    return List.copyOf(ids);
  }

  @Override
  public String toString() {
    return "FileNodeHomes[" + root + "]";
  }
}
