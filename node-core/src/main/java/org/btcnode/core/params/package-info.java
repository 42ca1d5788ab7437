/**
 * Network parameters per chain: the {@link org.btcnode.core.params.Chain} enum (names, datadir,
 * ports), {@link org.btcnode.core.params.NetworkParameters} (magic, genesis block, seeds,
 * consensus constants) after Core's {@code kernel/chainparams.cpp}, the 4-byte
 * {@link org.btcnode.core.params.Magic}, {@link org.btcnode.core.params.ConsensusParams} and the
 * genesis-block builder.
 *
 * <p>Thread: none; everything here is an immutable constant, safe to share.
 * Must not import Netty, RocksDB, dnsjava, {@code core.message} or anything that does I/O; it
 * depends on {@code core.types}, {@code core.wire} and node-crypto's hashing only.
 */
package org.btcnode.core.params;
