package net.nym.cli.plugin;

/**
 * Runs plugin code with the plugin's class loader as the thread context class loader, so that
 * {@link java.util.ServiceLoader} users inside the plugin (JDBC drivers, Jackson modules, Ratis)
 * find the plugin's own services.
 */
public final class ContextClassLoader {

  private ContextClassLoader() {}

  /** An action that returns a value and may throw {@code E}. */
  @FunctionalInterface
  public interface Action<T, E extends Exception> {
    /** Runs the action. */
    T call() throws E;
  }

  /**
   * Calls {@code action} with {@code loader} as context class loader, then restores the old one.
   */
  public static <T, E extends Exception> T call(ClassLoader loader, Action<T, E> action) throws E {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** As {@link #call}, for an action that throws no checked exception. */
  public static void run(ClassLoader loader, Runnable action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
