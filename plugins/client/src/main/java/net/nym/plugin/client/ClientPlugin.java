package net.nym.plugin.client;

import org.pf4j.Plugin;

/** The plugin's lifecycle hook; nothing to release yet. */
public final class ClientPlugin extends Plugin {

  /** Created by PF4J. */
  public ClientPlugin() {}
}
