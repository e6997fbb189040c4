package net.nym.cli.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.nym.api.config.ConfigException;
import net.nym.api.config.ConfigMigration;
import net.nym.api.config.ConfigSchema;
import net.nym.api.config.ConfigService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration records as commented TOML 1.0 files; the rules are in {@code docs/config.md}.
 *
 * <p>Writing is done here, by hand, because Jackson's TOML writer cannot write comments: {@code
 * version = N} first, then every component as a snake_case key with its {@link
 * net.nym.api.config.ConfigComment} above it, nested records as {@code [tables]}. The file is
 * written to a temporary file and moved into place.
 *
 * <p>Reading parses with Jackson's {@link TomlMapper} (TOML 1.0, dotted keys included) into a plain
 * tree, checks {@code version}, runs the schema's migrations, then binds the tree to the record
 * through its canonical constructor, so the record's own validation runs. Every key is required
 * except those of {@code Optional} components; unknown keys are warnings.
 *
 * <p>Stateless; thread-safe.
 */
public final class TomlConfigService implements ConfigService {

  /** The top-level key holding the file's format version. */
  public static final String VERSION_KEY = "version";

  private static final Logger LOG = LoggerFactory.getLogger(TomlConfigService.class);

  private final TomlMapper mapper =
      TomlMapper.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build();

  /** Creates the service. */
  public TomlConfigService() {}

  // ---------------------------------------------------------------- reading

  @Override
  public <T extends Record> Loaded<T> read(Path file, ConfigSchema<T> schema)
      throws ConfigException {
    Objects.requireNonNull(file, "file");
    RecordShape shape = rootShape(schema);
    Map<String, Object> tree = parse(file, readText(file));
    List<String> warnings = new ArrayList<>();
    int version = fileVersion(file, tree, schema.version());
    tree = migrate(file, tree, version, schema, warnings);
    tree.remove(VERSION_KEY);
    List<String> unknown = new ArrayList<>();
    Object value = bind(file, shape, tree, "", unknown);
    if (!schema.view()) {
      for (String key : unknown) {
        warnings.add(
            file + ": unknown key '" + key + "' ignored (misspelt, or not used by this nym)");
      }
    }
    for (String warning : warnings) {
      LOG.warn(warning);
    }
    return new Loaded<>(schema.type().cast(value), warnings);
  }

  private static String readText(Path file) throws ConfigException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          file, null, "config file not found; initialise the instance first (its init command)", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(file, null, "cannot read the config file: permission denied", e);
    } catch (CharacterCodingException e) {
      throw new ConfigException(file, null, "not valid TOML: the file is not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException(file, null, "cannot read the config file: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> parse(Path file, String text) throws ConfigException {
    JsonNode root;
    try {
      // a byte order mark, as some editors write, is not part of the TOML document
      root = mapper.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1
              ? ""
              : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(
          file, null, "not valid TOML 1.0" + where + ": " + e.getOriginalMessage(), e);
    }
    Map<String, Object> tree = new LinkedHashMap<>();
    if (root != null && root.isObject()) {
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        tree.put(e.getKey(), plain(e.getValue()));
      }
    }
    return tree;
  }

  /**
   * The plain tree handed to migrations: tables are {@code Map<String, Object>}, arrays {@code
   * List<Object>}, strings {@code String}, integers {@code Long} (or {@code BigInteger} beyond 64
   * bits), floats {@code Double}, booleans {@code Boolean}, dates and times {@code java.time}.
   */
  private static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        map.put(e.getKey(), plain(e.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        list.add(plain(item));
      }
      return list;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node instanceof POJONode pojo) {
      return pojo.getPojo();
    }
    return node.asText();
  }

  private static int fileVersion(Path file, Map<String, Object> tree, int current)
      throws ConfigException {
    Object version = tree.get(VERSION_KEY);
    if (version == null) {
      throw new ConfigException(
          file,
          VERSION_KEY,
          "missing; every nym config starts with 'version = <n>' (this nym writes version "
              + current
              + "), so this file cannot be read safely");
    }
    if (!(version instanceof Long v) || v < 1 || v > Integer.MAX_VALUE) {
      throw new ConfigException(
          file,
          VERSION_KEY,
          "expected an integer from 1 to " + current + ", got " + ValueType.describe(version));
    }
    if (v > current) {
      throw new ConfigException(
          file,
          VERSION_KEY,
          "this file is config version "
              + v
              + ", written by a newer nym; this nym reads up to version "
              + current
              + ". Upgrade nym to use it");
    }
    return v.intValue();
  }

  private static Map<String, Object> migrate(
      Path file,
      Map<String, Object> tree,
      int version,
      ConfigSchema<?> schema,
      List<String> warnings)
      throws ConfigException {
    Map<Integer, ConfigMigration> byVersion = new HashMap<>();
    for (ConfigMigration m : schema.migrations()) {
      if (byVersion.put(m.fromVersion(), m) != null) {
        throw new IllegalArgumentException(
            "config schema of "
                + schema.type().getName()
                + " has two migrations from version "
                + m.fromVersion());
      }
    }
    Map<String, Object> current = tree;
    for (int v = version; v < schema.version(); v++) {
      ConfigMigration m = byVersion.get(v);
      if (m == null) {
        throw new ConfigException(
            file,
            VERSION_KEY,
            "this file is config version "
                + version
                + " and this nym (config version "
                + schema.version()
                + ") cannot migrate it from version "
                + v
                + "; it will not guess. Move the file aside and run init again, then copy your"
                + " settings over");
      }
      try {
        current = m.migrate(current);
      } catch (ConfigException e) {
        throw new ConfigException(
            file,
            e.key().orElse(null),
            "migrating from config version " + v + " to " + (v + 1) + " failed: " + rawMessage(e),
            e);
      } catch (RuntimeException e) {
        throw new ConfigException(
            file,
            null,
            "migrating from config version " + v + " to " + (v + 1) + " failed: " + e,
            e);
      }
      if (current == null) {
        throw new IllegalStateException(
            "migration of " + schema.type().getName() + " from version " + v + " returned null");
      }
      current.put(VERSION_KEY, (long) (v + 1));
      warnings.add(
          file
              + ": migrated from config version "
              + v
              + " to "
              + (v + 1)
              + " while reading (the file itself is unchanged)");
    }
    return current;
  }

  /** The message of {@code e} without the file and key prefix its constructor added. */
  private static String rawMessage(ConfigException e) {
    String message = e.getMessage();
    String prefix =
        e.file().map(f -> f + ": ").orElse("") + e.key().map(k -> "key '" + k + "': ").orElse("");
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static Object bind(
      Path file, RecordShape shape, Map<String, Object> table, String prefix, List<String> unknown)
      throws ConfigException {
    for (String key : table.keySet()) {
      if (shape.entries.stream().noneMatch(e -> e.key.equals(key))) {
        unknown.add(prefix + key);
      }
    }
    Object[] args = new Object[shape.entries.size()];
    for (int i = 0; i < args.length; i++) {
      RecordShape.Entry entry = shape.entries.get(i);
      String key = prefix + entry.key;
      Object raw = table.get(entry.key);
      Object value;
      if (raw == null) {
        if (!entry.optional) {
          throw new ConfigException(
              file, key, "required key is missing; expected " + entry.expected());
        }
        value = null;
      } else if (entry.isTable()) {
        if (!(raw instanceof Map<?, ?> map)) {
          throw new ConfigException(file, key, "expected a table, got " + ValueType.describe(raw));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) map;
        value = bind(file, entry.table, nested, key + ".", unknown);
      } else {
        try {
          value = entry.value.read(raw);
        } catch (ValueType.BadValue e) {
          throw new ConfigException(
              file, e.index < 0 ? key : key + "[" + e.index + "]", e.getMessage());
        }
      }
      args[i] = entry.optional ? Optional.ofNullable(value) : value;
    }
    try {
      return shape.construct(args);
    } catch (RecordShape.Rejected e) {
      String message = e.getMessage();
      String tableKey = prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1);
      String key = keyNamedIn(message, shape, prefix).orElse(tableKey);
      throw new ConfigException(file, key, "invalid value: " + message, e);
    }
  }

  /**
   * The dotted key of the component that {@code message} names (by its Java or its TOML name), the
   * one named first if several are.
   */
  private static Optional<String> keyNamedIn(String message, RecordShape shape, String prefix) {
    int best = Integer.MAX_VALUE;
    String found = null;
    for (RecordShape.Entry entry : shape.entries) {
      for (String name : List.of(entry.component.getName(), entry.key)) {
        Matcher m =
            Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])")
                .matcher(message);
        if (m.find() && m.start() < best) {
          best = m.start();
          found = prefix + entry.key;
        }
      }
    }
    return Optional.ofNullable(found);
  }

  // ---------------------------------------------------------------- writing

  @Override
  public <T extends Record> void write(Path file, T value, ConfigSchema<T> schema, boolean force)
      throws ConfigException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(value, "value");
    RecordShape shape = rootShape(schema);
    StringBuilder out = new StringBuilder();
    shape.comment.ifPresent(c -> TomlText.appendComment(out, c));
    if (shape.comment.isPresent()) {
      out.append("#\n");
    }
    out.append("# Written by nym as TOML 1.0 (https://toml.io/en/v1.0.0).\n")
        .append("# Every key is required unless its comment says it is optional.\n")
        .append('\n')
        .append("# The format version of this file. Do not change it: nym uses it to read files\n")
        .append("# written by older versions.\n")
        .append(VERSION_KEY)
        .append(" = ")
        .append(schema.version())
        .append('\n');
    writeTable(file, out, shape, value, "", true);
    writeAtomically(file, out.toString(), force);
  }

  private static void writeTable(
      Path file,
      StringBuilder out,
      RecordShape shape,
      Object record,
      String prefix,
      boolean blankBeforeFirst)
      throws ConfigException {
    boolean first = !blankBeforeFirst;
    List<RecordShape.Entry> tables = new ArrayList<>();
    for (RecordShape.Entry entry : shape.entries) {
      if (entry.isTable()) {
        tables.add(entry);
        continue;
      }
      String key = prefix + entry.key;
      Object value = present(file, key, entry, entry.get(record));
      if (!first) {
        out.append('\n');
      }
      first = false;
      entry.comment.ifPresent(c -> TomlText.appendComment(out, c));
      if (value == null) {
        out.append("# ").append(entry.key).append(" = (optional, not set)\n");
        continue;
      }
      if (entry.optional) {
        out.append("# Optional: remove this key to leave it unset.\n");
      }
      try {
        out.append(entry.key).append(" = ").append(entry.value.write(value)).append('\n');
      } catch (ValueType.BadValue e) {
        throw new ConfigException(
            file, e.index < 0 ? key : key + "[" + e.index + "]", e.getMessage());
      }
    }
    for (RecordShape.Entry entry : tables) {
      String key = prefix + entry.key;
      Object value = present(file, key, entry, entry.get(record));
      out.append('\n');
      Optional<String> comment = entry.comment.or(() -> entry.table.comment);
      comment.ifPresent(c -> TomlText.appendComment(out, c));
      if (value == null) {
        out.append("# [").append(key).append("] (optional, not set)\n");
        continue;
      }
      if (entry.optional) {
        out.append("# Optional: remove this table to leave it unset.\n");
      }
      out.append('[').append(key).append("]\n");
      writeTable(file, out, entry.table, value, key + ".", false);
    }
  }

  /** The value to write, unwrapping an {@code Optional}; {@code null} for an empty one. */
  private static Object present(Path file, String key, RecordShape.Entry entry, Object value)
      throws ConfigException {
    if (entry.optional) {
      if (value == null) {
        throw new ConfigException(
            file, key, "an Optional component is null; use Optional.empty() for no value");
      }
      return ((Optional<?>) value).orElse(null);
    }
    if (value == null) {
      throw new ConfigException(
          file, key, "has no value (null); only Optional components may be left unset");
    }
    return value;
  }

  private static void writeAtomically(Path file, String text, boolean force)
      throws ConfigException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (!force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw alreadyExists(file);
    }
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      if (Files.exists(target) && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream stream = Channels.newOutputStream(channel)) {
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        stream.flush();
        channel.force(true);
      }
      if (force) {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.move(temp, target);
      }
      temp = null;
    } catch (FileAlreadyExistsException e) {
      throw alreadyExists(file);
    } catch (IOException e) {
      throw new ConfigException(file, null, "cannot write the config file: " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.warn("cannot remove the temporary file {}: {}", temp, e.toString());
        }
      }
    }
  }

  private static ConfigException alreadyExists(Path file) {
    return new ConfigException(
        file, null, "config file already exists; pass --force to overwrite it");
  }

  private static RecordShape rootShape(ConfigSchema<?> schema) {
    RecordShape shape = RecordShape.of(schema.type());
    for (RecordShape.Entry entry : shape.entries) {
      if (entry.key.equals(VERSION_KEY)) {
        throw new IllegalArgumentException(
            "configuration record "
                + schema.type().getName()
                + " cannot have a top-level component named 'version': that key holds the"
                + " format version");
      }
    }
    return shape;
  }
}
