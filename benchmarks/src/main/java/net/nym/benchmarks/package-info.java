/**
 * Benchmarks for the hot paths of nym: Sphinx packet processing at a node ({@code unwrap}),
 * packet creation at a client ({@code create}) and the scalar multiplications that bound both
 * (Bouncy Castle's X25519 for a hop, our unclamped ladder for the sender). {@link
 * net.nym.benchmarks.HopRatio} measures all of them in one load-tolerant run (thread CPU time,
 * {@code BENCH} lines with the targets of issue 3): {@code java -cp
 * benchmarks/target/benchmarks.jar net.nym.benchmarks.HopRatio}; {@link
 * net.nym.benchmarks.KeyTableRatio} does the same for the sender's per-key tables ({@code BENCH
 * keytables} lines). The JMH benchmarks run with
 * {@code java -jar benchmarks/target/benchmarks.jar}; results and the exact commands are recorded
 * in {@code docs/benchmarks.md}.
 */
package net.nym.benchmarks;
