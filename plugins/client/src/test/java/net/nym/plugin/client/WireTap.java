package net.nym.plugin.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a gateway's websocket port that passes every byte through
 * unchanged and records the binary websocket messages the client sends, as they are on the wire
 * (unmasked; still encrypted with the client's gateway key). One client connection at a time.
 */
final class WireTap implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress gateway;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  /** The client's binary messages in the order they were sent. */
  final List<byte[]> clientBinary = new CopyOnWriteArrayList<>();

  WireTap(InetSocketAddress gateway) throws IOException {
    this.gateway = gateway;
    this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "wiretap-accept");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket gw = new Socket(gateway.getAddress(), gateway.getPort());
        sockets.add(client);
        sockets.add(gw);
        start(() -> copy(gw.getInputStream(), client.getOutputStream()), "wiretap-down");
        start(() -> clientToGateway(client.getInputStream(), gw.getOutputStream()), "wiretap-up");
      } catch (IOException e) {
        return;
      }
    }
  }

  private interface Io {
    void run() throws IOException;
  }

  private static void start(Io io, String name) {
    Thread t = new Thread(() -> {
      try {
        io.run();
      } catch (IOException e) {
        // the connection ended
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] b = new byte[16384];
    int n;
    while ((n = in.read(b)) >= 0) {
      out.write(b, 0, n);
      out.flush();
    }
  }

  /** The HTTP upgrade request, then websocket frames (RFC 6455 §5.2), each passed on whole. */
  private void clientToGateway(InputStream raw, OutputStream out) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        return;
      }
      out.write(c);
      matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    out.flush();
    List<byte[]> parts = new ArrayList<>();
    int messageOpcode = 0;
    while (true) {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      long len = b1 & 0x7f;
      byte[] ext = new byte[len == 126 ? 2 : len == 127 ? 8 : 0];
      in.readFully(ext);
      if (ext.length > 0) {
        len = 0;
        for (byte e : ext) {
          len = len << 8 | (e & 0xff);
        }
      }
      byte[] mask = new byte[(b1 & 0x80) != 0 ? 4 : 0];
      in.readFully(mask);
      byte[] payload = new byte[Math.toIntExact(len)];
      in.readFully(payload);
      out.write(b0);
      out.write(b1);
      out.write(ext);
      out.write(mask);
      out.write(payload);
      out.flush();
      if (mask.length == 4) {
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
      }
      int opcode = b0 & 0x0f;
      boolean fin = (b0 & 0x80) != 0;
      if (opcode >= 8) {
        continue; // control frames may come between the fragments of a message
      }
      if (opcode != 0) {
        messageOpcode = opcode;
        parts.clear();
      }
      parts.add(payload);
      if (fin && messageOpcode == 2) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        byte[] message = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
          System.arraycopy(p, 0, message, at, p.length);
          at += p.length;
        }
        clientBinary.add(message);
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
