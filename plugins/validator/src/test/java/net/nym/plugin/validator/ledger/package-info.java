/** Tests of the pure ledger: transactions, refusals, epochs, selection and rewards. */
package net.nym.plugin.validator.ledger;
