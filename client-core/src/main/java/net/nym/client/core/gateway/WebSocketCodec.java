package net.nym.client.core.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The client side of RFC 6455, as much as a gateway session needs: the HTTP/1.1 upgrade, masked
 * client frames, and a reader that reassembles fragmented messages up to a maximum size and
 * refuses ({@link WebSocketViolation}) everything a server may not send: masked frames, reserved
 * bits (no extension is negotiated), unknown opcodes, fragmented or long control frames,
 * continuations out of place, non-minimal lengths, oversized messages, text or close reasons that
 * are not UTF-8, and invalid close codes. No subprotocol, no extension.
 */
final class WebSocketCodec {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xa;
  /** Longest payload of a control frame. */
  static final int MAX_CONTROL = 125;
  /** Longest HTTP answer to the upgrade request we read. */
  static final int MAX_UPGRADE_RESPONSE = 8192;
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private WebSocketCodec() {}

  /** One complete message or control frame from the server; {@code text} for text messages. */
  record Message(int opcode, byte[] data, String text) {}

  // ------------------------------------------------------------------ upgrade

  /** A fresh {@code Sec-WebSocket-Key}: 16 random bytes, base64. */
  static String newKey(SecureRandom random) {
    byte[] k = new byte[16];
    random.nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  /** The {@code Sec-WebSocket-Accept} a server must answer to {@code key}. */
  static String accept(String key) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
    }
  }

  /** The upgrade request for {@code uri}. */
  static byte[] upgradeRequest(URI uri, String key) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    String host = uri.getHost() + (uri.getPort() < 0 || uri.getPort() == 80 ? ""
        : ":" + uri.getPort());
    return ("GET " + path + " HTTP/1.1\r\n"
        + "Host: " + host + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Sends the upgrade request and checks the answer: status 101, {@code Upgrade: websocket},
   * {@code Connection: upgrade}, the right {@code Sec-WebSocket-Accept}, and no extension or
   * subprotocol (we asked for none). Reads the answer byte by byte so that no frame after it is
   * consumed.
   *
   * @throws WebSocketViolation naming {@code uri} if the gateway answers anything else
   */
  static void upgrade(URI uri, InputStream in, OutputStream out, SecureRandom random)
      throws IOException {
    String key = newKey(random);
    out.write(upgradeRequest(uri, key));
    out.flush();
    String[] lines = readHead(in, uri).split("\r\n");
    if (!lines[0].startsWith("HTTP/1.1 101")) {
      throw refused(uri, "answered \"" + lines[0] + "\"");
    }
    boolean upgrade = false;
    boolean connection = false;
    String acceptValue = null;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw refused(uri, "sent a malformed header line");
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      switch (name) {
        case "upgrade" -> upgrade = value.equalsIgnoreCase("websocket");
        case "connection" -> connection = Arrays.stream(value.split(","))
            .anyMatch(t -> t.trim().equalsIgnoreCase("upgrade"));
        case "sec-websocket-accept" -> acceptValue = value;
        case "sec-websocket-extensions", "sec-websocket-protocol" ->
            throw refused(uri, "chose " + name + " \"" + value + "\", which we did not offer");
        default -> { }
      }
    }
    if (!upgrade || !connection) {
      throw refused(uri, "did not confirm the upgrade (Upgrade and Connection headers)");
    }
    if (!accept(key).equals(acceptValue)) {
      throw refused(uri, "answered a wrong Sec-WebSocket-Accept");
    }
  }

  private static String readHead(InputStream in, URI uri) throws IOException {
    byte[] head = new byte[MAX_UPGRADE_RESPONSE];
    int n = 0;
    while (n < 4 || head[n - 4] != '\r' || head[n - 3] != '\n' || head[n - 2] != '\r'
        || head[n - 1] != '\n') {
      if (n == head.length) {
        throw refused(uri, "answered more than " + MAX_UPGRADE_RESPONSE + " bytes of headers");
      }
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the gateway at " + uri + " closed the connection during the "
            + "websocket upgrade");
      }
      head[n++] = (byte) b;
    }
    return new String(head, 0, n - 4, StandardCharsets.ISO_8859_1);
  }

  private static WebSocketViolation refused(URI uri, String what) {
    return new WebSocketViolation("the gateway at " + uri + " refused the websocket upgrade: it "
        + what);
  }

  // ------------------------------------------------------------------ writing

  /** A client frame (FIN set) carrying {@code payload}, masked with {@code maskKey}. */
  static byte[] clientFrame(int opcode, byte[] payload, int maskKey) {
    int len = payload.length;
    int header = len < 126 ? 2 : len <= 0xffff ? 4 : 10;
    byte[] f = new byte[header + 4 + len];
    f[0] = (byte) (0x80 | opcode);
    if (len < 126) {
      f[1] = (byte) (0x80 | len);
    } else if (len <= 0xffff) {
      f[1] = (byte) (0x80 | 126);
      f[2] = (byte) (len >>> 8);
      f[3] = (byte) len;
    } else {
      f[1] = (byte) (0x80 | 127);
      ByteBuffer.wrap(f, 2, 8).putLong(len);
    }
    f[header] = (byte) (maskKey >>> 24);
    f[header + 1] = (byte) (maskKey >>> 16);
    f[header + 2] = (byte) (maskKey >>> 8);
    f[header + 3] = (byte) maskKey;
    mask(payload, 0, f, header + 4, len, maskKey);
    return f;
  }

  /**
   * {@code dst[dstOff + i] = src[srcOff + i] ^ mask[i % 4]}, the mask being {@code maskKey}'s
   * bytes, most significant first; eight bytes at a time. Its own inverse.
   */
  static void mask(byte[] src, int srcOff, byte[] dst, int dstOff, int len, int maskKey) {
    long k = ((long) maskKey << 32) | (maskKey & 0xffffffffL);
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      LONGS.set(dst, dstOff + i, (long) LONGS.get(src, srcOff + i) ^ k);
    }
    for (; i < len; i++) {
      dst[dstOff + i] = (byte) (src[srcOff + i] ^ (maskKey >>> (24 - 8 * (i & 3))));
    }
  }

  /** A close frame's payload: the status code and a reason. */
  static byte[] closePayload(int code, String reason) {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] p = new byte[2 + r.length];
    p[0] = (byte) (code >>> 8);
    p[1] = (byte) code;
    System.arraycopy(r, 0, p, 2, r.length);
    return p;
  }

  /** A close payload's status code, or 1005 (none given) for an empty payload. */
  static int closeCode(byte[] payload) {
    return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
  }

  /** A close payload's reason (validated UTF-8 by the reader). */
  static String closeReason(byte[] payload) {
    return payload.length <= 2 ? ""
        : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ reading

  /** Reads server frames from one stream; one thread at a time. */
  static final class Reader {
    private final InputStream in;
    private final int maxMessage;
    private final byte[] header = new byte[8];
    /** Opcode of the fragmented message being reassembled, or -1. */
    private int partialOpcode = -1;
    private byte[] partial = new byte[0];
    private int partialLength;

    /** Reads from {@code in} (buffered: frames are read a few bytes at a time). */
    Reader(InputStream in, int maxMessage) {
      this.in = in;
      this.maxMessage = maxMessage;
    }

    /**
     * The next complete message (text, binary) or control frame (close, ping, pong).
     *
     * @throws WebSocketViolation if the server broke the protocol or our size limit
     * @throws EOFException if the connection ended at a frame boundary
     * @throws IOException if reading failed or it ended inside a frame
     */
    Message next() throws IOException {
      while (true) {
        int b0 = in.read();
        if (b0 < 0) {
          throw new EOFException("connection closed");
        }
        readFully(header, 1);
        int b1 = header[0] & 0xff;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        if ((b0 & 0x70) != 0) {
          throw new WebSocketViolation("reserved bits set in a frame (no extension agreed)");
        }
        if ((b1 & 0x80) != 0) {
          throw new WebSocketViolation("masked frame from the server");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
          readFully(header, 2);
          length = ((header[0] & 0xff) << 8) | (header[1] & 0xff);
          if (length < 126) {
            throw new WebSocketViolation("frame length not in its shortest encoding");
          }
        } else if (length == 127) {
          readFully(header, 8);
          length = ByteBuffer.wrap(header).getLong();
          if (length < 0) {
            throw new WebSocketViolation("64-bit frame length with its top bit set");
          }
          if (length <= 0xffff) {
            throw new WebSocketViolation("frame length not in its shortest encoding");
          }
        }
        switch (opcode) {
          case CLOSE, PING, PONG -> {
            if (!fin) {
              throw new WebSocketViolation("fragmented control frame");
            }
            if (length > MAX_CONTROL) {
              throw new WebSocketViolation("control frame of " + length + " bytes (at most "
                  + MAX_CONTROL + ")");
            }
            byte[] data = new byte[(int) length];
            readFully(data, data.length);
            if (opcode == CLOSE) {
              checkClose(data);
            }
            return new Message(opcode, data, null);
          }
          case TEXT, BINARY -> {
            if (partialOpcode >= 0) {
              throw new WebSocketViolation("new message before the fragmented one ended");
            }
            checkSize(length);
            byte[] data = new byte[(int) length];
            readFully(data, data.length);
            if (fin) {
              return message(opcode, data);
            }
            partialOpcode = opcode;
            partial = data;
            partialLength = data.length;
          }
          case CONTINUATION -> {
            if (partialOpcode < 0) {
              throw new WebSocketViolation("continuation frame without a message to continue");
            }
            checkSize(partialLength + length);
            int need = partialLength + (int) length;
            if (need > partial.length) {
              partial = Arrays.copyOf(partial, Math.max(need, Math.min(maxMessage,
                  partial.length * 2)));
            }
            readFully(partial, partialLength, (int) length);
            partialLength = need;
            if (fin) {
              int op = partialOpcode;
              byte[] data = Arrays.copyOf(partial, partialLength);
              partialOpcode = -1;
              partial = new byte[0];
              partialLength = 0;
              return message(op, data);
            }
          }
          default -> throw new WebSocketViolation("unknown opcode " + opcode);
        }
      }
    }

    private void checkSize(long length) throws WebSocketViolation {
      if (length > maxMessage) {
        throw new WebSocketViolation("message longer than " + maxMessage + " bytes");
      }
    }

    private static Message message(int opcode, byte[] data) throws WebSocketViolation {
      return new Message(opcode, data, opcode == TEXT ? utf8(data, 0, data.length) : null);
    }

    private static void checkClose(byte[] data) throws WebSocketViolation {
      if (data.length == 1) {
        throw new WebSocketViolation("close frame with a one-byte payload");
      }
      if (data.length >= 2) {
        int code = closeCode(data);
        // RFC 6455 §7.4: codes a peer may send.
        boolean valid = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
            || (code >= 3000 && code <= 4999);
        if (!valid) {
          throw new WebSocketViolation("close frame with status code " + code);
        }
        utf8(data, 2, data.length - 2);
      }
    }

    private static String utf8(byte[] data, int offset, int length) throws WebSocketViolation {
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(data, offset, length)).toString();
      } catch (CharacterCodingException e) {
        throw new WebSocketViolation("text that is not UTF-8");
      }
    }

    private void readFully(byte[] b, int n) throws IOException {
      readFully(b, 0, n);
    }

    private void readFully(byte[] b, int off, int n) throws IOException {
      while (n > 0) {
        int r = in.read(b, off, n);
        if (r < 0) {
          throw new IOException("connection closed inside a frame");
        }
        off += r;
        n -= r;
      }
    }
  }
}
