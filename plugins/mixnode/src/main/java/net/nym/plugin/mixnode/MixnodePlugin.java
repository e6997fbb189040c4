package net.nym.plugin.mixnode;

import org.pf4j.Plugin;

/**
 * The plugin's lifecycle hook: when the host stops the plugin (at exit, including SIGTERM and
 * Ctrl-C) every mixnode still running in the process is stopped first, so that it flushes its due
 * packets and saves its replay filter while the shared event loops are still up.
 */
public final class MixnodePlugin extends Plugin {

  /** Created by PF4J. */
  public MixnodePlugin() {}

  @Override
  public void stop() {
    MixnodeService.stopAll();
  }
}
