/** Tests of the websocket API's text and binary formats and their errors. */
package net.nym.client.core.api;
