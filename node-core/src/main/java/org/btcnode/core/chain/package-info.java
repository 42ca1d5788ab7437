/**
 * The header chain's rules and index, after Core's pow.cpp, chain.h/.cpp, validation.cpp's header
 * checks and headerssync.cpp: {@link org.btcnode.core.chain.ChainWork} (GetBlockProof),
 * {@link org.btcnode.core.chain.Pow} (proof of work and the next required difficulty on each
 * chain), {@link org.btcnode.core.chain.HeaderTree} of {@link org.btcnode.core.chain.BlockIndexEntry}
 * (every known header, best header, ancestors, median-time-past, locators, fork points),
 * {@link org.btcnode.core.chain.HeaderValidator} (CheckBlockHeader, ContextualCheckBlockHeader,
 * AcceptBlockHeader with Core's reject reasons) and
 * {@link org.btcnode.core.chain.HeadersSyncState} (the anti-DoS pre-sync of a low-work chain), and
 * {@link org.btcnode.core.chain.BlockAssembler} (miner.cpp's CreateNewBlock and the nonce loop of
 * generatetoaddress/generateblock, for regtest mining) with
 * {@link org.btcnode.core.chain.VersionBits} (BIP 9 deployment states, ComputeBlockVersion).
 *
 * <p>Thread: the node-logic thread. Nothing here is thread-safe except the immutable values
 * (ChainWork, BlockValidationState). Time comes from an injected {@code InstantSource}, randomness
 * from an injected {@code RandomGenerator}; no I/O. Must not import Netty, RocksDB, dnsjava,
 * Logback or {@code core.message} (node-net turns messages into headers); persistence is the
 * {@code core.store.HeaderStore} interface.
 */
package org.btcnode.core.chain;
