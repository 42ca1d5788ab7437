/**
 * Network parameters per chain: the {@link org.btcnode.core.params.Chain} enum (names, datadir,
 * ports), {@link org.btcnode.core.params.NetworkParameters} (magic, genesis block, seeds,
 * consensus constants) after Core's {@code kernel/chainparams.cpp}, the 4-byte
 * {@link org.btcnode.core.params.Magic}, {@link org.btcnode.core.params.ConsensusParams}, the
 * genesis-block builder, and {@link org.btcnode.core.params.FixedSeeds}, Core's fixed seed lists
 * ({@code chainparamsseeds.h}) kept as the {@code fixed-seeds-<chain>.txt} resources beside it.
 *
 * <p>Thread: none; everything here is an immutable constant, safe to share.
 * Must not import Netty, RocksDB, dnsjava or anything that does I/O beyond reading this
 * package's own class-path resources (the seed lists, read once, as Core compiles them in). It
 * depends on {@code core.types}, {@code core.wire} and node-crypto's hashing; only FixedSeeds
 * uses {@code core.message} (the seeds are addresses) and {@code core.store.Subnet}'s numeric
 * literal parser, neither of which depends on this package.
 */
package org.btcnode.core.params;
