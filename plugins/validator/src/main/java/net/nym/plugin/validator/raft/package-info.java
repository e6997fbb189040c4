/**
 * The ledger replicated with Apache Ratis: {@link
 * net.nym.plugin.validator.raft.LedgerStateMachine} applies committed transactions to the {@link
 * net.nym.plugin.validator.ledger.Ledger} and writes snapshots; {@link
 * net.nym.plugin.validator.raft.RaftReplica} runs one Raft server (FORMAT on an empty storage
 * directory, RECOVER otherwise) and submits transactions through a client whose retries are
 * bounded, so a cluster without a majority refuses writes with a clear error instead of hanging.
 */
package net.nym.plugin.validator.raft;
