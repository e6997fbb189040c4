/** The key store: key files in node homes, PEM-encoded, readable by their owner only. */
package net.nym.api.keys;
