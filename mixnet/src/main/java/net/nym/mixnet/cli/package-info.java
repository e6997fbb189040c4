/**
 * Commands that every kind of node offers in the same form, for the node plugins to mount under
 * their own command ({@code nym mixnode sign}, {@code nym gateway sign}).
 */
package net.nym.mixnet.cli;
