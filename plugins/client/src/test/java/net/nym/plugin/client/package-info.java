/**
 * Tests of the client against a whole network in one JVM: a validator, six mixnodes and two
 * gateways started through the real host and its plugins, bonded through the real ledger.
 */
package net.nym.plugin.client;
