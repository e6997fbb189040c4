/** Tests of {@code nym shell}, driven through a JLine terminal over piped streams. */
package net.nym.cli.shell;
