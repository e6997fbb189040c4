/**
 * The validator plugin: {@code nym validator init | run}, the {@code validator} service that runs
 * one replica of the ledger on Apache Ratis and serves the topology API, and the holder and
 * operator commands ({@code nym account}, {@code bond}, {@code unbond}, {@code delegate}, {@code
 * undelegate}, {@code topology}).
 */
package net.nym.plugin.validator;
