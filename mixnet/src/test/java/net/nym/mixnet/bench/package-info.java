/**
 * The mixnode load generator ({@link net.nym.mixnet.bench.MixnodeLoad}): a main program, not a
 * test, that measures one node's throughput, added latency and heap under overload on loopback. Run
 * it with {@code mvn -q -Dnym.target=target-mix -pl mixnet -am -Pmixnode-load -DskipTests test};
 * the figures go to {@code docs/benchmarks.md}.
 */
package net.nym.mixnet.bench;
