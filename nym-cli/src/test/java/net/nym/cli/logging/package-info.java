/** Tests of the logging setup: console levels and per-home log files. */
package net.nym.cli.logging;
