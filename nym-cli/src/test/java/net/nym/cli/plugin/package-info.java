/** Tests of the plugin host with real plugin jars: loading, failures, class loading, services. */
package net.nym.cli.plugin;
