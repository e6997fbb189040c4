package net.nym.api.service;

import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import org.pf4j.ExtensionPoint;

/**
 * Creates the services of one kind ({@code mixnode}, {@code gateway}, ...).
 *
 * <h2>Lifecycle</h2>
 *
 * <ul>
 *   <li><b>Created</b> by the host's PF4J extension factory, once per process, after its plugin has
 *       started; public no-argument constructor, {@code @org.pf4j.Extension}.
 *   <li><b>{@link #create}</b> may be called any number of times, from any thread (the {@code run}
 *       command, {@code nym localnet}, tests), once per instance; it reads the instance's config
 *       and keys from its home but starts nothing.
 *   <li><b>Kinds</b> are unique: two plugins offering the same kind are reported as a clash and the
 *       second is skipped.
 * </ul>
 */
public interface ServiceFactory extends ExtensionPoint {

  /** The kind of service made here; lower case, also the node-home directory name. */
  String kind();

  /**
   * Creates (but does not start) the service for an initialised home.
   *
   * @throws Exception with an operator-readable message if the home's config or keys are missing
   *     or invalid
   */
  NymService create(PluginContext context, NodeHome home) throws Exception;
}
