package org.btcnode.net.testing;

import java.time.Instant;
import java.util.List;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;

/** Regtest chains and chain stores for chain-sync tests (scenario and loopback). */
public final class ChainStores {
    public static final NetworkParameters PARAMS = NetworkParameters.REGTEST;

    private ChainStores() {
    }

    /** {@code count} coinbase-only blocks on genesis, one a minute, the last an hour before {@code now}. */
    public static List<Block> recentChain(int count, Instant now, int salt) {
        long start = now.getEpochSecond() - 3600 - 60L * count;
        return RegtestBlocks.chain(PARAMS.genesisHash(), 0, start, count, 60, salt);
    }

    /** Stores these blocks on genesis as if downloaded and checked before (a node that has them). */
    public static void preload(HeaderStore headers, BlockStore blocks, List<Block> chain) {
        RegtestBlocks.preload(headers, blocks, chain);
    }
}
