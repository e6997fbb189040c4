/**
 * The nym plugin API: the extension points a plugin implements and the host services it may use.
 *
 * <p>A plugin is a PF4J plugin jar. It sees this API, the crypto module and the shared libraries
 * that the host ships once in {@code lib/} (picocli, Netty, Bouncy Castle, Jackson, SLF4J,
 * sqlite-jdbc, Ratis); it bundles only its own classes. The extension points are:
 *
 * <ul>
 *   <li>{@link net.nym.api.CommandProvider}: adds subcommands to the {@code nym} command tree;
 *   <li>{@link net.nym.api.service.ServiceFactory}: creates named long-running services (a
 *       mixnode, a gateway, ...) that the host or {@code nym localnet} starts in-process.
 * </ul>
 *
 * <p>Both receive a {@link net.nym.api.PluginContext}, through which the host hands over its
 * services: node homes and configuration, the key store, the shared Netty event-loop group and a
 * logger.
 */
package net.nym.api;
