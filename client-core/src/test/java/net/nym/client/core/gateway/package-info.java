/** Tests of the gateway session against a websocket server on loopback. */
package net.nym.client.core.gateway;
