/**
 * Tests of the mixnode plugin through the real host: the plugin's jar is loaded by PF4J from a
 * temporary install directory, commands run through {@code nym}'s command tree and nodes are
 * created through the host's service registry, over real loopback sockets.
 */
package net.nym.plugin.mixnode;
