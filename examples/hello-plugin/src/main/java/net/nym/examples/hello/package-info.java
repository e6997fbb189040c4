/**
 * The example plugin {@code hello}: the smallest complete nym plugin, kept as a template.
 *
 * <p>It has the three parts every command plugin has: a {@link org.pf4j.Plugin} subclass named in
 * the jar manifest ({@link net.nym.examples.hello.HelloPlugin}), an {@code @Extension} of {@link
 * net.nym.api.CommandProvider} that hands its commands to the host ({@link
 * net.nym.examples.hello.HelloCommands}), and a picocli command ({@link
 * net.nym.examples.hello.HelloCommand}) that uses the host's services through the {@link
 * net.nym.api.PluginContext}.
 */
package net.nym.examples.hello;
