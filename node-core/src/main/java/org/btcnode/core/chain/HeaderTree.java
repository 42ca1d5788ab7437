package org.btcnode.core.chain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.store.HeaderStore.StoredHeader;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;

/**
 * Every header the node knows (Core's {@code BlockManager::m_block_index} with
 * {@code m_best_header}): a tree rooted at the genesis block, each entry with its height, chain
 * work and status. The best header is the valid entry with the most work, the first seen among
 * equals. It does no validation: {@link HeaderValidator} decides what goes in. Read and written on
 * the node-logic thread only; not thread-safe.
 */
public final class HeaderTree {
    private static final int LOCATOR_DENSE_ENTRIES = 10; // chain.cpp: LocatorEntries doubles the step after 10

    private final Map<Hash256, BlockIndexEntry> entries = new HashMap<>();
    private final BlockIndexEntry genesis;
    private BlockIndexEntry bestHeader;
    private long nextSequenceId;

    /** A tree holding only the genesis block's header. */
    public HeaderTree(BlockHeader genesisHeader) {
        this.genesis = new BlockIndexEntry(genesisHeader, null, ChainWork.ofBits(genesisHeader.bits()),
                BlockStatus.BLOCK_VALID_TREE, nextSequenceId++);
        entries.put(genesis.hash(), genesis);
        bestHeader = genesis;
    }

    /**
     * A tree rebuilt from stored headers (any order), checked for what the store must guarantee:
     * every header's parent is present, heights and chain work are consistent. The genesis header
     * must be the given one. First-seen order among stored headers is by height.
     *
     * @throws IllegalArgumentException naming the first inconsistent header
     */
    public static HeaderTree restore(BlockHeader genesisHeader, Collection<StoredHeader> stored) {
        return restore(genesisHeader, stored, Optional.empty());
    }

    /**
     * As {@link #restore(BlockHeader, Collection)}, keeping the stored best header ({@code
     * HeaderStore.tip()}) when it ties for the most work, so that a restart does not switch
     * between equal-work forks (the store does not keep first-seen order).
     */
    public static HeaderTree restore(BlockHeader genesisHeader, Collection<StoredHeader> stored,
            Optional<Hash256> storedTip) {
        HeaderTree tree = new HeaderTree(genesisHeader);
        List<StoredHeader> sorted = new ArrayList<>(stored);
        sorted.sort(Comparator.comparingInt(StoredHeader::height));
        for (StoredHeader s : sorted) {
            Hash256 hash = s.header().hash();
            if (s.height() == 0) {
                if (!hash.equals(tree.genesis.hash())) {
                    throw new IllegalArgumentException("stored genesis " + hash + " is not this chain's");
                }
                tree.genesis.setStatus(s.status());
                continue;
            }
            BlockIndexEntry parent = tree.entries.get(s.header().prevBlock());
            if (parent == null || parent.height() != s.height() - 1) {
                throw new IllegalArgumentException("stored header " + hash + " at height " + s.height()
                        + " has no parent " + s.header().prevBlock() + " below it");
            }
            BlockIndexEntry e = tree.insert(s.header(), parent, s.status());
            if (!e.chainWork().equals(s.chainWork())) {
                throw new IllegalArgumentException("stored header " + hash + " has chain work " + s.chainWork()
                        + ", its ancestors add up to " + e.chainWork());
            }
        }
        storedTip.flatMap(tree::get).filter(t -> !t.hasFailed()
                && t.chainWork().equals(tree.bestHeader.chainWork())).ifPresent(t -> tree.bestHeader = t);
        return tree;
    }

    /**
     * Adds a header whose parent is in the tree (Core's {@code AddToBlockIndex}), with
     * {@code BLOCK_VALID_TREE}; returns the existing entry if it is already known.
     */
    public BlockIndexEntry add(BlockHeader header) {
        BlockIndexEntry known = entries.get(header.hash());
        if (known != null) {
            return known;
        }
        BlockIndexEntry parent = entries.get(header.prevBlock());
        if (parent == null) {
            throw new IllegalArgumentException("parent " + header.prevBlock() + " of " + header.hash() + " is unknown");
        }
        return insert(header, parent, BlockStatus.BLOCK_VALID_TREE);
    }

    private BlockIndexEntry insert(BlockHeader header, BlockIndexEntry parent, int status) {
        ChainWork work = parent.chainWork().add(ChainWork.ofBits(header.bits()));
        BlockIndexEntry e = new BlockIndexEntry(header, parent, work, status, nextSequenceId++);
        entries.put(e.hash(), e);
        if (!e.hasFailed() && e.chainWork().compareTo(bestHeader.chainWork()) > 0) {
            bestHeader = e;
        }
        return e;
    }

    public Optional<BlockIndexEntry> get(Hash256 hash) {
        return Optional.ofNullable(entries.get(hash));
    }

    public boolean contains(Hash256 hash) {
        return entries.containsKey(hash);
    }

    public BlockIndexEntry genesis() {
        return genesis;
    }

    /** The valid header with the most work, the first seen among equals ({@code m_best_header}). */
    public BlockIndexEntry bestHeader() {
        return bestHeader;
    }

    public int size() {
        return entries.size();
    }

    /** Every entry, in no particular order (for stores and RPCs such as getchaintips). */
    public Collection<BlockIndexEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /**
     * Marks an entry invalid ({@code BLOCK_FAILED_VALID}) and its descendants as descending from it
     * ({@code BLOCK_FAILED_CHILD}), then picks the best header again among the rest. Returns the
     * entries whose status changed, for the store. O(n): invalidation is rare.
     */
    public List<BlockIndexEntry> markFailed(BlockIndexEntry failed) {
        List<BlockIndexEntry> changed = new ArrayList<>();
        failed.setStatus(failed.status() | BlockStatus.BLOCK_FAILED_VALID);
        changed.add(failed);
        for (BlockIndexEntry e : entries.values()) {
            if (e != failed && !e.hasFailed() && e.height() > failed.height()
                    && e.getAncestor(failed.height()) == failed) {
                e.setStatus(e.status() | BlockStatus.BLOCK_FAILED_CHILD);
                changed.add(e);
            }
        }
        if (bestHeader.hasFailed()) {
            BlockIndexEntry best = genesis;
            for (BlockIndexEntry e : entries.values()) {
                if (!e.hasFailed() && isBetter(e, best)) {
                    best = e;
                }
            }
            bestHeader = best;
        }
        return changed;
    }

    /** Sets status bits (e.g. {@code BLOCK_HAVE_DATA}, a validity level) on an entry. */
    public void setStatus(BlockIndexEntry entry, int status) {
        if ((status & BlockStatus.BLOCK_FAILED_MASK) != 0) {
            throw new IllegalArgumentException("use markFailed to fail a header");
        }
        entry.setStatus(status);
    }

    private static boolean isBetter(BlockIndexEntry a, BlockIndexEntry b) {
        int c = a.chainWork().compareTo(b.chainWork());
        return c > 0 || (c == 0 && a.sequenceId() < b.sequenceId());
    }

    /**
     * chain.cpp: LocatorEntries, the hashes a {@code getheaders} starting from {@code tip} carries:
     * the tip and its 10 predecessors one by one, then steps doubling back, ending at genesis.
     */
    public static List<Hash256> locator(BlockIndexEntry tip) {
        Objects.requireNonNull(tip, "tip");
        List<Hash256> have = new ArrayList<>(32);
        int step = 1;
        BlockIndexEntry e = tip;
        while (e != null) {
            have.add(e.hash());
            if (e.height() == 0) {
                break;
            }
            e = e.getAncestor(Math.max(e.height() - step, 0));
            if (have.size() > LOCATOR_DENSE_ENTRIES) {
                step *= 2;
            }
        }
        return have;
    }

    /**
     * The first locator hash this tree knows, as Core's {@code FindForkInGlobalIndex} does for a
     * peer's {@code getheaders} (there it is restricted to the active chain; callers pass the chain
     * they serve from with {@code onChain}). Genesis when none matches.
     */
    public BlockIndexEntry findFork(List<Hash256> locator, BlockIndexEntry onChain) {
        for (Hash256 h : locator) {
            BlockIndexEntry e = entries.get(h);
            if (e == null) {
                continue;
            }
            if (onChain.getAncestor(e.height()) == e) {
                return e;
            }
            if (e.getAncestor(onChain.height()) == onChain) {
                return onChain;                  // the peer is ahead of the chain we serve
            }
        }
        return genesis;
    }
}
