/** Tests of the completion scripts: the runtime command and the build-time generator. */
package net.nym.cli.completion;
