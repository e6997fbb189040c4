package net.nym.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates the built-in commands: a class with a public constructor taking the {@link NymHost} gets
 * the host; anything else is left to picocli's default factory.
 */
final class HostFactory implements IFactory {

  private final NymHost host;

  HostFactory(NymHost host) {
    this.host = host;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> constructor;
    try {
      constructor = type.getConstructor(NymHost.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(type);
    }
    return constructor.newInstance(host);
  }
}
