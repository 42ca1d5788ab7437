package org.btcnode.daemon.rpc;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;

/**
 * What the blockchain RPCs read about the chain (Core's ChainstateManager/CBlockIndex seen from
 * rpc/blockchain.cpp). The daemon plugs in {@link NetworkChainView} (chain sync's header tree and
 * active tip; {@link GenesisChainView} answers before the network starts), handed to
 * {@link RpcService}. Implementations must be safe to call from RPC worker threads and return
 * a consistent snapshot per call.
 */
public interface ChainView {
    /** One block index entry (CBlockIndex) as the RPCs print it. */
    record IndexedHeader(BlockHeader header, int height, BigInteger chainWork, long medianTimePast,
                         int txCount, Optional<Hash256> nextHash, boolean inActiveChain) {}

    /** getchaintips entry. */
    record ChainTip(int height, Hash256 hash, int branchLength, String status) {}

    NetworkParameters params();

    /** Height of the active chain's tip ("blocks"; 0 for the genesis block). */
    int height();

    /** Height of the best header ("headers"). */
    int headerHeight();

    /** The active chain's tip. */
    IndexedHeader tip();

    /** The active chain's block at this height, if {@code 0 <= height <= height()}. */
    Optional<Hash256> blockHash(int height);

    /** Any known header by hash (active chain or not). */
    Optional<IndexedHeader> header(Hash256 hash);

    /** The full block when we have its data. */
    Optional<Block> block(Hash256 hash);

    List<ChainTip> chainTips();

    /** GuessVerificationProgress for the tip, in [0, 1]. */
    double verificationProgress();

    /** ChainstateManager::IsInitialBlockDownload. */
    boolean initialBlockDownload();

    /** Bytes of block (and undo) data on disk. */
    long sizeOnDisk();

    /**
     * getblockchaininfo's {@code warnings}: the node warnings Core puts there (the clock warning);
     * none before the network runs.
     */
    default List<String> warnings() {
        return List.of();
    }
}
