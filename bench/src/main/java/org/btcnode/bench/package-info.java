/**
 * Benchmarks, run by hand; figures go to docs/benchmarks.md. JMH benchmarks of the hot paths
 * (block decoding, merkle roots, SHA-256d, SipHash, BIP 324 ciphers, header chain, address book)
 * through {@code scripts/run-benchmarks}; scripted ones with a {@code main} (headers sync and block
 * download between two in-process nodes on 127.0.0.1, block storage), run with
 * {@code java -cp bench/target/benchmarks.jar <class>}.
 *
 * <p>Thread: JMH's or the program's main thread; the scripted sync benchmarks start whole
 * {@code P2PNetwork}s, each with its own node-logic thread and event loops. Only 127.0.0.1 is
 * ever bound or dialled.
 */
package org.btcnode.bench;
