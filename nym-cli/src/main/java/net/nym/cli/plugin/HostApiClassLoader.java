package net.nym.cli.plugin;

/**
 * The parent of every plugin class loader: the host's class loader minus the host's own
 * implementation ({@code net.nym.cli.*}).
 *
 * <p>A plugin thus sees the plugin API, the crypto module and the shared libraries of the host's
 * {@code lib/}, but cannot link against host internals, which may change in any release.
 */
final class HostApiClassLoader extends ClassLoader {

  private static final String HOST_INTERNALS = "net.nym.cli.";

  static {
    registerAsParallelCapable();
  }

  HostApiClassLoader(ClassLoader host) {
    super("nym-host-api", host);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(HOST_INTERNALS)) {
      throw new ClassNotFoundException(
          name + " is internal to the nym host; plugins may use net.nym.api and net.nym.crypto");
    }
    return super.loadClass(name, resolve);
  }
}
