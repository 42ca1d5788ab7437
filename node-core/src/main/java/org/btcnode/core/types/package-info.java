/**
 * The Bitcoin data model as immutable values: {@link org.btcnode.core.types.Hash256},
 * {@link org.btcnode.core.types.Bytes}, {@link org.btcnode.core.types.Amount}, outpoints,
 * transaction inputs and outputs, {@link org.btcnode.core.types.Transaction} (BIP 144 witness
 * serialisation), {@link org.btcnode.core.types.BlockHeader} (hash, compact target, proof of work)
 * and {@link org.btcnode.core.types.Block} (merkle roots with Core's mutation detection, witness
 * commitment, size and weight), each with its wire codec.
 *
 * <p>Thread: none of its own; every type is immutable and safe to share between threads.
 * Must not import Netty, RocksDB, anything from {@code core.message} or {@code core.params}, nor do
 * I/O; it depends only on {@code core.wire} and {@code node-crypto}'s hashing.
 */
package org.btcnode.core.types;
