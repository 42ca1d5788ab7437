/**
 * JMH benchmarks of the hot paths (block decoding, merkle roots, SHA-256d, SipHash), run by hand
 * through {@code scripts/run-benchmarks}; figures go to docs/benchmarks.md.
 *
 * <p>Thread: JMH's. Must not import node-net, node-store or node-daemon: these measure node-core and
 * node-crypto code alone.
 */
package org.btcnode.bench;
