/**
 * Test fixtures for the host: {@link net.nym.cli.testing.TestPluginJar} builds real plugin jars
 * from {@code src/test/plugin-sources}, and {@link net.nym.cli.testing.TestNym} runs a real {@link
 * net.nym.cli.NymHost} over temporary directories with captured output.
 */
package net.nym.cli.testing;
