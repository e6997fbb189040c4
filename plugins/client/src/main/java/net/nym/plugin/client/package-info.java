/**
 * The {@code client} plugin: Nym's native client on {@code nym-client-core}. Contributes {@code
 * nym client init | run | address}, the websocket API for local applications ({@link
 * net.nym.plugin.client.ApiServer}) and the {@code client} service.
 */
package net.nym.plugin.client;
