package org.btcnode.net.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.btcnode.core.chain.BlockIndexEntry;
import org.btcnode.core.chain.BlockStatus;
import org.btcnode.core.chain.ChainWork;
import org.btcnode.core.types.Hash256;

/**
 * What RPC needs of the chain, copied on the node-logic thread so any thread may read it:
 * the best header, the active tip (see {@link ChainSync}), whether we are in initial block
 * download, and the chain tips ({@code getchaintips}). Lookups by height or hash need the tree and
 * run on the node-logic thread through {@link ChainSync#headerInfo} and {@link ChainSync#hashAtHeight}
 * (via {@code P2PNetwork.queryChain}). Immutable.
 *
 * @param bestHeader             the valid header with the most work
 * @param activeTip              the active tip
 * @param initialBlockDownload   Core's IsInitialBlockDownload
 * @param headerCount            headers in the tree
 */
public record ChainSnapshot(HeaderInfo bestHeader, HeaderInfo activeTip, boolean initialBlockDownload,
        int headerCount) {
    public ChainSnapshot {
        Objects.requireNonNull(bestHeader, "bestHeader");
        Objects.requireNonNull(activeTip, "activeTip");
    }

    static ChainSnapshot of(ChainSync sync) {
        return new ChainSnapshot(HeaderInfo.of(sync.bestHeader(), sync), HeaderInfo.of(sync.activeTip(), sync),
                sync.isInitialBlockDownload(), sync.tree().size());
    }

    /**
     * One header as RPC shows it. Immutable.
     *
     * @param hash           block hash
     * @param height         height
     * @param chainWork      total work up to it
     * @param status         chain.h BlockStatus bits
     * @param time           header time (seconds)
     * @param medianTimePast median time of it and its 10 ancestors
     * @param previous       the parent's hash (empty for genesis)
     * @param onActiveChain  whether it is on the active chain (Core's confirmations &gt; 0)
     * @param haveData       its block is stored and passed CheckBlock
     */
    public record HeaderInfo(Hash256 hash, int height, ChainWork chainWork, int status, long time, long medianTimePast,
            Optional<Hash256> previous, boolean onActiveChain, boolean haveData) {
        static HeaderInfo of(BlockIndexEntry e, ChainSync sync) {
            return new HeaderInfo(e.hash(), e.height(), e.chainWork(), e.status(), e.time(), e.medianTimePast(),
                    Optional.ofNullable(e.prev()).map(BlockIndexEntry::hash), sync.isActive(e),
                    (e.status() & BlockStatus.BLOCK_HAVE_DATA) != 0);
        }
    }

    /**
     * One getchaintips entry. Immutable.
     *
     * @param height    the tip's height
     * @param hash      the tip's hash
     * @param branchLen blocks from the tip down to the active chain
     * @param status    Core's "active", "valid-fork", "valid-headers", "headers-only" or "invalid"
     */
    public record ChainTip(int height, Hash256 hash, int branchLen, String status) {
    }

    /** rpc/blockchain.cpp getchaintips: every header without a child, plus the active tip. */
    static List<ChainTip> chainTips(ChainSync sync) {
        Set<BlockIndexEntry> parents = new HashSet<>();
        for (BlockIndexEntry e : sync.tree().entries()) {
            if (e.prev() != null) {
                parents.add(e.prev());
            }
        }
        BlockIndexEntry active = sync.activeTip();
        List<ChainTip> tips = new ArrayList<>();
        List<BlockIndexEntry> ends = new ArrayList<>();
        for (BlockIndexEntry e : sync.tree().entries()) {
            if (!parents.contains(e) || e == active) {
                ends.add(e);
            }
        }
        ends.sort((a, b) -> Integer.compare(b.height(), a.height()));
        for (BlockIndexEntry e : ends) {
            BlockIndexEntry fork = BlockIndexEntry.lastCommonAncestor(e, active);
            String status;
            if (e == active) {
                status = "active";
            } else if (e.hasFailed()) {
                status = "invalid";
            } else if (allHaveData(e, fork)) {
                status = "valid-fork";
            } else if (e.isValid(BlockStatus.BLOCK_VALID_TREE)) {
                status = "valid-headers";
            } else {
                status = "headers-only";
            }
            tips.add(new ChainTip(e.height(), e.hash(), e.height() - fork.height(), status));
        }
        return tips;
    }

    private static boolean allHaveData(BlockIndexEntry tip, BlockIndexEntry fork) {
        for (BlockIndexEntry e = tip; e != fork; e = e.prev()) {
            if ((e.status() & BlockStatus.BLOCK_HAVE_DATA) == 0) {
                return false;
            }
        }
        return true;
    }
}
