/**
 * Commands and options that every kind of node offers in the same form, for the node plugins to
 * mount under their own command ({@code nym mixnode sign}, {@code nym gateway sign}, the shared
 * options of {@code init}), and the parsing they share (IP literals, output formats).
 */
package net.nym.mixnet.cli;
