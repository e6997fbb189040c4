package net.nym.plugin.gateway;

import org.pf4j.Plugin;

/**
 * The plugin's lifecycle hook: when the host stops the plugin (at exit, including SIGTERM and
 * Ctrl-C) every gateway still running in the process is stopped first, so that it saves client
 * bandwidth, its replay filter and closes its mailbox while the shared event loops are still up.
 */
public final class GatewayPlugin extends Plugin {

  /** Created by PF4J. */
  public GatewayPlugin() {}

  @Override
  public void stop() {
    GatewayService.stopAll();
  }
}
