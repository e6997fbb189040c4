package net.nym.plugin.localnet;

import org.pf4j.Plugin;

/** The plugin's lifecycle hook; a running localnet stops itself on shutdown. */
public final class LocalnetPlugin extends Plugin {

  /** Created by PF4J. */
  public LocalnetPlugin() {}
}
