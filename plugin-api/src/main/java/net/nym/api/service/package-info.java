/**
 * Named long-running services (a mixnode, a gateway, a validator, a client) that the host runs
 * in-process: one per {@code nym <kind> run}, several at once in {@code nym localnet} and tests.
 */
package net.nym.api.service;
