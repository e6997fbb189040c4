/**
 * The {@code localnet} plugin: {@code nym localnet} starts a whole mixnet in one JVM (a validator,
 * six mixnodes, two gateways, two native clients), bonded through the real ledger and discovered
 * through the real topology API. It depends on the validator, mixnode, gateway and client plugins
 * and drives them through their public command providers and service factories.
 */
package net.nym.plugin.localnet;
