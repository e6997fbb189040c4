package net.nym.crypto.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads known-answer vectors from {@code src/test/resources/vectors/NAME.txt}.
 *
 * <p>Format: blocks of {@code name = value} lines separated by blank lines; {@code #} starts a
 * comment line; a value may continue on following lines that start with whitespace (the pieces are
 * concatenated without spaces, for long hex strings).
 */
public final class Vectors {
  private static final HexFormat HEX = HexFormat.of();

  private Vectors() {}

  /** One vector: named string fields. */
  public record Vector(Map<String, String> fields) {
    /** The field's text. */
    public String text(String name) {
      String v = fields.get(name);
      if (v == null) {
        throw new IllegalArgumentException("vector has no field " + name + ": " + fields.keySet());
      }
      return v;
    }

    /** The field decoded from hex. */
    public byte[] hex(String name) {
      return HEX.parseHex(text(name));
    }

    /** Whether the field is present. */
    public boolean has(String name) {
      return fields.containsKey(name);
    }
  }

  /** Loads every vector of the named file. */
  public static List<Vector> load(String name) {
    String path = "/vectors/" + name + ".txt";
    String text;
    try (InputStream in = Vectors.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + path);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Vector> out = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String last = null;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          out.add(new Vector(current));
          current = new LinkedHashMap<>();
        }
        last = null;
      } else if (Character.isWhitespace(line.charAt(0)) && last != null) {
        current.put(last, current.get(last) + line.strip());
      } else {
        int eq = line.indexOf('=');
        last = line.substring(0, eq).strip();
        current.put(last, line.substring(eq + 1).strip());
      }
    }
    if (!current.isEmpty()) {
      out.add(new Vector(current));
    }
    return out;
  }

  /** Decodes hex. */
  public static byte[] hex(String hex) {
    return HEX.parseHex(hex);
  }

  /** Encodes hex. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
