package net.nym.test.failstart;

import org.pf4j.Plugin;

public class FailingPlugin extends Plugin {
  @Override
  public void start() {
    throw new IllegalStateException("database is locked");
  }
}
