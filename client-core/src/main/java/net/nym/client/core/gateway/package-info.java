/**
 * The client side of Nym's gateway protocol (nym-wire §3) on our own RFC 6455 websocket client
 * ({@code WebSocketCodec}) over a blocking socket:
 * registration handshake, authentication (v2) with the stored shared key, encrypted binary frames
 * carrying MixPackets out and pushed messages in. Reuses the gateway engineer's protocol classes
 * in {@code net.nym.mixnet.gateway}.
 */
package net.nym.client.core.gateway;
