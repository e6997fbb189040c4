package net.nym.mixnet.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import net.nym.mixnet.framing.Frame;
import net.nym.mixnet.framing.FrameEncoder;

/**
 * A plain blocking socket that writes frames or raw bytes to a mix port: what a test or a load
 * generator uses to play a previous hop (or a misbehaving one).
 */
public final class FrameClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;

  private FrameClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code address}. */
  public static FrameClient connect(InetSocketAddress address) throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(address, 5_000);
    return new FrameClient(s);
  }

  /** Writes one frame. */
  public void send(Frame frame) throws IOException {
    out.write(FrameEncoder.encode(frame));
    out.flush();
  }

  /** Writes raw bytes. */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * Waits up to {@code timeoutMillis} for the server to close the connection.
   *
   * @return whether it closed (end of stream or reset) within the time
   */
  public boolean awaitClosedByPeer(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    InputStream in = socket.getInputStream();
    try {
      while (true) {
        if (in.read() == -1) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by peer
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
