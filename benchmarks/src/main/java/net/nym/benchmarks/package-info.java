/**
 * JMH benchmarks for the hot paths of nym: Sphinx packet processing at a node ({@code unwrap}),
 * packet creation at a client ({@code create}) and the X25519 scalar multiplication that bounds
 * both. Run with {@code java -jar benchmarks/target/benchmarks.jar}; results and the exact command
 * are recorded in {@code docs/benchmarks.md}.
 */
package net.nym.benchmarks;
