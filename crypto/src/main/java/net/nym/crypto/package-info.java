/**
 * Pure cryptography and packet formats for nym: keys, encodings, Sphinx, Lioness, addresses.
 *
 * <p>Nothing in this module does I/O: no sockets, no files, no threads of its own. Callers hand it
 * bytes and randomness and get bytes back, so every part of it can be tested with known answers.
 */
package net.nym.crypto;
