package net.nym.plugin.validator.ledger;

/**
 * An account: its balance and the nonce its next transaction must carry.
 *
 * @param balance {@code unym}
 * @param nonce the next nonce
 */
public record Account(long balance, long nonce) {}
