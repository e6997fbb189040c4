/** Tests of the validator plugin through the real host: commands, the service, the HTTP API. */
package net.nym.plugin.validator;
