package net.nym.api;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * Which Netty transport this process uses, and the channel classes that go with an event-loop
 * group.
 *
 * <p>On Linux, where Netty's native epoll library loads, event loops are epoll loops: a wake-up of
 * a loop is one {@code eventfd} write instead of NIO's selector wake-up, and reads and writes skip
 * NIO's buffer copies and per-select garbage. Elsewhere, or with {@code -Dnym.transport=nio}, they
 * are NIO loops. A server or client must use the channel classes that match the group it is
 * registered with: take them from {@link #serverChannel} and {@link #socketChannel} rather than
 * naming {@code NioSocketChannel}.
 */
public final class NetTransport {
  /** The system property that forces a transport: {@code epoll} or {@code nio}. */
  public static final String PROPERTY = "nym.transport";

  private NetTransport() {}

  /** True if new groups are epoll groups: on Linux with Netty's native library, unless disabled. */
  public static boolean epoll() {
    String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    return !forced.equals("nio") && Epoll.isAvailable();
  }

  /** The name of the transport new groups use, for logs: {@code epoll} or {@code nio}. */
  public static String name() {
    return epoll() ? "epoll" : "nio";
  }

  /** The I/O handler factory for new event loops. */
  public static IoHandlerFactory handlerFactory() {
    return epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  /**
   * A new event-loop group of this process's transport.
   *
   * @param threads the number of loops; 0 for Netty's default (two per core)
   * @param threadFactory names the loops' threads
   */
  public static EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
    return new MultiThreadIoEventLoopGroup(threads, threadFactory, handlerFactory());
  }

  /** The server-socket channel class for {@code group}'s loops. */
  public static Class<? extends ServerChannel> serverChannel(EventLoopGroup group) {
    return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** The socket channel class for {@code group}'s loops. */
  public static Class<? extends Channel> socketChannel(EventLoopGroup group) {
    return isEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  private static boolean isEpoll(EventLoopGroup group) {
    return group.next() instanceof IoEventLoop loop && loop.isIoType(EpollIoHandler.class);
  }
}
