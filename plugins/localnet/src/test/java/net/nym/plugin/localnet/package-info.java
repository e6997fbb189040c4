/** Tests of {@code nym localnet} through the real host and all part plugins. */
package net.nym.plugin.localnet;
