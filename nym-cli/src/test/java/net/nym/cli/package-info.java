/** Tests of the {@code nym} command line, run through {@code CommandLine.execute}. */
package net.nym.cli;
