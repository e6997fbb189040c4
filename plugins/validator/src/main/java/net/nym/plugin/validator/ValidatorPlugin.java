package net.nym.plugin.validator;

import org.pf4j.Plugin;

/**
 * The plugin's lifecycle hook: when the host stops the plugin (at exit, SIGTERM, Ctrl-C) every
 * validator still running in the process is stopped, so its Raft log is closed cleanly.
 */
public final class ValidatorPlugin extends Plugin {

  /** Created by PF4J. */
  public ValidatorPlugin() {}

  @Override
  public void stop() {
    ValidatorService.stopAll();
  }
}
