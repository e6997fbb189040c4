/** Tests of the replicated ledger on real Ratis clusters on loopback. */
package net.nym.plugin.validator.raft;
