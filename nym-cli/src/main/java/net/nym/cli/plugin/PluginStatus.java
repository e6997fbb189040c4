package net.nym.cli.plugin;

import java.util.List;
import java.util.Objects;

/**
 * What the host knows about one plugin jar, for {@code nym plugins list} and {@code info}.
 *
 * <p>A jar whose manifest could not be read has no id: it is listed under its file name, with
 * {@code version} empty.
 *
 * @param id the {@code Plugin-Id}, or the jar's file name if the manifest could not be read
 * @param version the {@code Plugin-Version}, or empty
 * @param state the outcome
 * @param reason why the plugin failed or is disabled; empty when started
 * @param path the absolute path of the jar
 * @param description the {@code Plugin-Description}, or empty
 * @param provider the {@code Plugin-Provider}, or empty
 * @param requires the {@code Plugin-Requires} expression ({@code *} when none)
 * @param license the {@code Plugin-License}, or empty
 * @param pluginClass the {@code Plugin-Class}, or empty
 * @param dependencies the {@code Plugin-Dependencies}, as written ({@code id@versions}, {@code ?}
 *     for optional)
 * @param extensions the extension classes in the plugin's {@code extensions.idx}
 * @param commands the top-level commands mounted from this plugin (empty unless started)
 * @param serviceKinds the service kinds registered from this plugin (empty unless started)
 */
public record PluginStatus(
    String id,
    String version,
    State state,
    String reason,
    String path,
    String description,
    String provider,
    String requires,
    String license,
    String pluginClass,
    List<String> dependencies,
    List<String> extensions,
    List<String> commands,
    List<String> serviceKinds) {

  /** The outcome of loading a plugin. */
  public enum State {
    /** Loaded, started, and its commands and services mounted. */
    STARTED,
    /** Skipped because of an error; see the reason. */
    FAILED,
    /** Turned off by the operator ({@code disabled.txt} in the user's plugin directory). */
    DISABLED
  }

  public PluginStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    dependencies = List.copyOf(dependencies);
    extensions = List.copyOf(extensions);
    commands = List.copyOf(commands);
    serviceKinds = List.copyOf(serviceKinds);
  }
}
