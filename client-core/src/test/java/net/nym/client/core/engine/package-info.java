/** Tests of the client engine's parts that run without a network. */
package net.nym.client.core.engine;
