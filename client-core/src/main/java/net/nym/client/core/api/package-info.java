/**
 * Nym's native-client websocket API for local applications (nym-wire §5, {@code
 * clients/native/websocket-requests}): the JSON text and binary requests and responses, parsed
 * and written exactly as Nym's native client does, with its error kinds. Pure; the server that
 * carries it lives in the client plugin.
 */
package net.nym.client.core.api;
