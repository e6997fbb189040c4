/**
 * The ledger as a pure, deterministic state machine: accounts holding {@code unym}, transfers,
 * mixnode and gateway bonds, delegations, epochs with the rewarded-set selection and rewards.
 * Nothing here reads a clock, a random source or the file system: the same genesis and the same
 * sequence of transactions give byte-identical state on every replica. Transactions and state are
 * encoded as canonical JSON ({@link net.nym.plugin.validator.ledger.Canonical}); the format is
 * documented in {@code docs/protocol/ledger.md}.
 */
package net.nym.plugin.validator.ledger;
