package net.nym.api.service;

/**
 * A long-running service: a node or client instance.
 *
 * <h2>Lifecycle</h2>
 *
 * <p>Made by {@link ServiceFactory#create}; {@link #start} is called once, then {@link #stop}
 * once (the host guarantees both, including on SIGTERM/Ctrl-C). {@link #health} may be called
 * at any time from any thread. A service runs on its own threads and on the shared event loop;
 * none of these methods may block for long.
 */
public interface NymService {

  /** The kind, as {@link ServiceFactory#kind()}. */
  String kind();

  /** The instance id (the node home's id). */
  String id();

  /**
   * Starts serving: binds ports and starts threads, then returns.
   *
   * @throws Exception with an operator-readable message if it cannot start (port in use, ...);
   *     everything started so far is released before it is thrown
   */
  void start() throws Exception;

  /**
   * Stops serving: stops accepting, finishes or drops in-flight work within a bounded time,
   * persists what must survive a restart, releases ports and threads. Idempotent.
   */
  void stop();

  /** The current health. */
  Health health();
}
