package org.btcnode.store.rocksdb;

import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.chain.ChainWork;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.HeaderStore.StoredHeader;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;

/**
 * Deterministic header chains for the store tests: regtest's genesis, then headers whose fields
 * derive from their height (the store checks no proof of work), so a writer that restarts
 * continues the same chain.
 */
final class TestHeaders {
    static final BlockHeader GENESIS = NetworkParameters.REGTEST.genesisBlock().header();
    static final long BITS = 0x207fffffL;
    static final ChainWork WORK = ChainWork.ofBits(BITS);

    private TestHeaders() {
    }

    static StoredHeader genesis() {
        return new StoredHeader(GENESIS, 0, WORK, 2);
    }

    /** {@code count} headers above {@code parent}, fork {@code fork} (0 for the main chain). */
    static List<StoredHeader> extend(StoredHeader parent, int count, int fork) {
        List<StoredHeader> out = new ArrayList<>(count);
        StoredHeader prev = parent;
        for (int i = 0; i < count; i++) {
            int height = prev.height() + 1;
            byte[] root = new byte[32];
            root[0] = (byte) height;
            root[1] = (byte) (height >> 8);
            root[2] = (byte) (height >> 16);
            root[3] = (byte) fork;
            BlockHeader h = new BlockHeader(4, prev.hash(), Hash256.wrap(root), GENESIS.time() + 600L * height, BITS, fork);
            prev = new StoredHeader(h, height, prev.chainWork().add(WORK), 2);
            out.add(prev);
        }
        return out;
    }
}
