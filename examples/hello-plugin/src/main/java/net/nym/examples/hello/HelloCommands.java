package net.nym.examples.hello;

import java.util.List;
import net.nym.api.CommandProvider;
import net.nym.api.PluginContext;
import org.pf4j.Extension;

/**
 * Hands the plugin's commands to the host.
 *
 * <p>{@code @Extension} puts this class into {@code META-INF/extensions.idx} (written by PF4J's
 * annotation processor at compile time), which is how the host finds it. The host creates it once,
 * calls {@link #commands} once while it builds the command tree, and mounts each returned command
 * at the root: {@code nym hello}.
 */
@Extension
public class HelloCommands implements CommandProvider {

  @Override
  public List<Object> commands(PluginContext context) {
    // Keep the context: the command needs the host's services when it runs.
    return List.of(new HelloCommand(context));
  }
}
