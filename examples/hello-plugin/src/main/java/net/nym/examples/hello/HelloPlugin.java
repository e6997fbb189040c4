package net.nym.examples.hello;

import org.pf4j.Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's entry point, named by {@code Plugin-Class} in the jar manifest.
 *
 * <p>The host creates it once and calls {@link #start()} before it asks the plugin for its
 * extensions, and {@link #stop()} when {@code nym} exits. A plugin that only adds commands needs
 * nothing here; one that holds a resource of its own (a thread pool, a cache) opens it in {@code
 * start()} and releases it in {@code stop()}. An exception thrown from {@code start()} makes the
 * host skip the plugin and report the message.
 */
public class HelloPlugin extends Plugin {
  private static final Logger LOG = LoggerFactory.getLogger(HelloPlugin.class);

  @Override
  public void start() {
    LOG.debug("hello plugin started");
  }

  @Override
  public void stop() {
    LOG.debug("hello plugin stopped");
  }
}
