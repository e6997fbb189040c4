/**
 * The {@code client} plugin: Nym's native client on {@code nym-client-core}. At this stage it
 * contributes no command yet (see docs/client.md for what is missing); its tests run the client
 * engine against a whole network started through the host.
 */
package net.nym.plugin.client;
