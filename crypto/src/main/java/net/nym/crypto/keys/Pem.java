package net.nym.crypto.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * PEM text blocks (RFC 7468 textual encoding) as Nym's {@code nym-pemstore} writes key files.
 *
 * <p>{@link #encode} produces exactly what the Rust {@code pem} crate (0.8, used by {@code
 * nym-pemstore}) writes: {@code -----BEGIN <label>-----}, the contents in padded standard base64
 * wrapped at 64 characters, {@code -----END <label>-----}, every line ended by CRLF. {@link
 * #decode} is lenient in the same ways as that crate: text before the BEGIN line and after the END
 * line is ignored, lines may end in LF or CRLF, and blank space around the base64 lines is skipped.
 * Only the first block is read.
 *
 * <p>Pure functions of their input: no file I/O happens here.
 */
public final class Pem {
  /** The label of an Ed25519 private key (the 32-byte seed), as Nym writes it. */
  public static final String ED25519_PRIVATE_KEY = "ED25519 PRIVATE KEY";

  /** The label of an Ed25519 public key (32 bytes), as Nym writes it. */
  public static final String ED25519_PUBLIC_KEY = "ED25519 PUBLIC KEY";

  /** The label of an X25519 private key (32 bytes), as Nym writes it. */
  public static final String X25519_PRIVATE_KEY = "X25519 PRIVATE KEY";

  /** The label of an X25519 public key (32 bytes), as Nym writes it. */
  public static final String X25519_PUBLIC_KEY = "X25519 PUBLIC KEY";

  /** The base64 line length. */
  public static final int LINE_LENGTH = 64;

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final String CRLF = "\r\n";

  private Pem() {}

  /** One decoded block: its label and its contents. */
  public static final class Block {
    private final String label;
    private final byte[] contents;

    private Block(String label, byte[] contents) {
      this.label = label;
      this.contents = contents;
    }

    /** The label between {@code BEGIN } and the closing dashes, e.g. {@code ED25519 PUBLIC KEY}. */
    public String label() {
      return label;
    }

    /** Returns a copy of the decoded contents. */
    public byte[] contents() {
      return contents.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Block other
          && label.equals(other.label)
          && Arrays.equals(contents, other.contents);
    }

    @Override
    public int hashCode() {
      return 31 * label.hashCode() + Arrays.hashCode(contents);
    }

    @Override
    public String toString() {
      return "Pem.Block[" + label + ", " + contents.length + " bytes]";
    }
  }

  /**
   * Encodes {@code contents} as one PEM block labelled {@code label}, with CRLF line ends.
   *
   * @throws IllegalArgumentException if the label is empty, has characters other than printable
   *     ASCII, contains {@code -}, or starts or ends with a space
   */
  public static String encode(String label, byte[] contents) {
    checkLabel(label);
    Objects.requireNonNull(contents, "contents");
    String base64 = Base64.getEncoder().encodeToString(contents);
    StringBuilder out = new StringBuilder(base64.length() + 2 * label.length() + 64);
    out.append(BEGIN).append(label).append(DASHES).append(CRLF);
    for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
      out.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append(CRLF);
    }
    out.append(END).append(label).append(DASHES).append(CRLF);
    return out.toString();
  }

  /** Encodes as {@link #encode(String, byte[])} does, as US-ASCII bytes. */
  public static byte[] encodeToBytes(String label, byte[] contents) {
    return encode(label, contents).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Decodes the first PEM block in {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong: no BEGIN line, no matching END line, or
   *     contents that are not base64
   */
  public static Block decode(String text) {
    Objects.requireNonNull(text, "text");
    int begin = findLineStart(text, BEGIN, 0);
    if (begin < 0) {
      throw new IllegalArgumentException(
          "no PEM block: expected a line \"-----BEGIN <label>-----\"");
    }
    int labelStart = begin + BEGIN.length();
    int lineEnd = lineEnd(text, labelStart);
    String beginLine = text.substring(labelStart, lineEnd).strip();
    if (!beginLine.endsWith(DASHES) || beginLine.length() == DASHES.length()) {
      throw new IllegalArgumentException(
          "malformed PEM BEGIN line \""
              + BEGIN
              + beginLine
              + "\": expected \"-----BEGIN <label>-----\"");
    }
    String label = beginLine.substring(0, beginLine.length() - DASHES.length());
    String endMarker = END + label + DASHES;
    int end = findLineStart(text, END, lineEnd);
    if (end < 0) {
      throw new IllegalArgumentException(
          "PEM block \"" + label + "\" has no \"" + endMarker + "\" line (file truncated?)");
    }
    String endLine = text.substring(end, lineEnd(text, end)).strip();
    if (!endLine.equals(endMarker)) {
      throw new IllegalArgumentException(
          "PEM block \""
              + label
              + "\" ends with \""
              + endLine
              + "\", expected \""
              + endMarker
              + "\"");
    }
    StringBuilder base64 = new StringBuilder();
    for (String line : text.substring(lineEnd, end).split("\r?\n|\r", -1)) {
      base64.append(line.strip());
    }
    try {
      return new Block(label, Base64.getDecoder().decode(base64.toString()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "PEM block \"" + label + "\" is not valid base64: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes the first PEM block in {@code text} and returns its contents, checking its label.
   *
   * @throws IllegalArgumentException if the block is malformed (see {@link #decode(String)}) or its
   *     label is not {@code expectedLabel}
   */
  public static byte[] decode(String text, String expectedLabel) {
    Block block = decode(text);
    if (!block.label.equals(expectedLabel)) {
      throw new IllegalArgumentException(
          "expected a PEM block labelled \"" + expectedLabel + "\", found \"" + block.label + "\"");
    }
    return block.contents;
  }

  private static void checkLabel(String label) {
    Objects.requireNonNull(label, "label");
    boolean ok = !label.isEmpty() && !label.startsWith(" ") && !label.endsWith(" ");
    for (int i = 0; ok && i < label.length(); i++) {
      char c = label.charAt(i);
      ok = c >= 0x20 && c <= 0x7e && c != '-';
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "invalid PEM label \""
              + label
              + "\": use printable ASCII without '-' and without leading or trailing spaces");
    }
  }

  /** The index of the first line at or after {@code from} that starts with {@code prefix}. */
  private static int findLineStart(String text, String prefix, int from) {
    int i = text.indexOf(prefix, from);
    while (i >= 0) {
      if (i == 0 || text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r') {
        return i;
      }
      i = text.indexOf(prefix, i + 1);
    }
    return -1;
  }

  private static int lineEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      i++;
    }
    return i;
  }
}
