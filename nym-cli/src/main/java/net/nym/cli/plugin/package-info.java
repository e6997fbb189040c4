/**
 * The PF4J plugin host: finds plugin jars in the absolute plugin roots, loads and starts them,
 * collects their {@link net.nym.api.CommandProvider commands} and {@link
 * net.nym.api.service.ServiceFactory service factories}, and keeps a {@link
 * net.nym.cli.plugin.PluginStatus status} per plugin.
 *
 * <p>A plugin that fails at any step (unreadable manifest, missing dependency, unsatisfied {@code
 * Plugin-Requires}, exception in {@code start()} or in an extension, a command name or service kind
 * already taken) is skipped as a whole, reported once, and shown as {@code FAILED} by {@code nym
 * plugins list}; the other plugins are not affected. Every call into plugin code runs with the
 * plugin's class loader as the thread context class loader.
 */
package net.nym.cli.plugin;
