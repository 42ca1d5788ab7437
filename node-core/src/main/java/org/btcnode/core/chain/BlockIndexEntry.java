package org.btcnode.core.chain;

import java.util.Arrays;
import java.util.Objects;

import org.btcnode.core.store.HeaderStore.StoredHeader;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;

/**
 * One known header in the {@link HeaderTree} (chain.h {@code CBlockIndex}): the header's fields,
 * its height, the cumulative work of the chain ending here, its status bits, a link to its parent
 * and Core's skip pointer for O(log n) ancestor lookups. The previous-block hash is not kept (it
 * is the parent's hash), to keep an entry near 300 bytes. Owned by one {@link HeaderTree}, read
 * and written on the node-logic thread only; everything but {@link #status()} is final.
 */
public final class BlockIndexEntry {
    private static final int MEDIAN_TIME_SPAN = 11; // chain.h: nMedianTimeSpan

    private final Hash256 hash;
    private final BlockIndexEntry prev;
    private final BlockIndexEntry skip;
    private final int height;
    private final int version;
    private final Hash256 merkleRoot;
    private final int time;
    private final int bits;
    private final int nonce;
    private final ChainWork chainWork;
    private final long sequenceId;
    private int status;

    BlockIndexEntry(BlockHeader header, BlockIndexEntry prev, ChainWork chainWork, int status, long sequenceId) {
        this.hash = header.hash();
        this.prev = prev;
        this.height = prev == null ? 0 : prev.height + 1;
        this.version = header.version();
        this.merkleRoot = header.merkleRoot();
        this.time = (int) header.time();
        this.bits = (int) header.bits();
        this.nonce = (int) header.nonce();
        this.chainWork = Objects.requireNonNull(chainWork, "chainWork");
        this.status = status;
        this.sequenceId = sequenceId;
        this.skip = prev == null ? null : prev.getAncestor(skipHeight(height)); // chain.cpp: BuildSkip
    }

    public Hash256 hash() {
        return hash;
    }

    /** The parent entry; null only for the genesis block. */
    public BlockIndexEntry prev() {
        return prev;
    }

    public int height() {
        return height;
    }

    /** The header as received (rebuilt from the stored fields and the parent's hash). */
    public BlockHeader header() {
        return new BlockHeader(version, prev == null ? Hash256.ZERO : prev.hash, merkleRoot, time(), bits(),
                Integer.toUnsignedLong(nonce));
    }

    public int version() {
        return version;
    }

    /** Block time, seconds since the epoch. */
    public long time() {
        return Integer.toUnsignedLong(time);
    }

    /** Compact target of this block. */
    public long bits() {
        return Integer.toUnsignedLong(bits);
    }

    /** Total work of the chain up to and including this block ({@code nChainWork}). */
    public ChainWork chainWork() {
        return chainWork;
    }

    /** Chain.h {@code BlockStatus} bits. */
    public int status() {
        return status;
    }

    void setStatus(int newStatus) {
        status = newStatus;
    }

    /** This entry as the header store keeps it. */
    public StoredHeader toStored() {
        return new StoredHeader(header(), height, chainWork, status);
    }

    /** chain.h: IsValid(nUpTo). */
    public boolean isValid(int upTo) {
        return BlockStatus.isValid(status, upTo);
    }

    public boolean hasFailed() {
        return (status & BlockStatus.BLOCK_FAILED_MASK) != 0;
    }

    /** Order in which this tree first saw the header: among equal work, the lower one wins. */
    public long sequenceId() {
        return sequenceId;
    }

    /** chain.cpp: GetAncestor, via skip pointers: O(log n). Null when {@code h} is out of range. */
    public BlockIndexEntry getAncestor(int h) {
        if (h > height || h < 0) {
            return null;
        }
        BlockIndexEntry walk = this;
        int heightWalk = height;
        while (heightWalk > h) {
            int heightSkip = skipHeight(heightWalk);
            int heightSkipPrev = skipHeight(heightWalk - 1);
            if (walk.skip != null && (heightSkip == h
                    || (heightSkip > h && !(heightSkipPrev < heightSkip - 2 && heightSkipPrev >= h)))) {
                walk = walk.skip;
                heightWalk = heightSkip;
            } else {
                walk = walk.prev;
                heightWalk--;
            }
        }
        return walk;
    }

    /** chain.h: GetMedianTimePast, the median time of this block and its ten predecessors. */
    public long medianTimePast() {
        long[] times = new long[MEDIAN_TIME_SPAN];
        int n = 0;
        for (BlockIndexEntry e = this; e != null && n < MEDIAN_TIME_SPAN; e = e.prev) {
            times[n++] = e.time();
        }
        Arrays.sort(times, 0, n);
        return times[n / 2];
    }

    /** chain.cpp: GetSkipHeight, the height the skip pointer of a block at {@code h} points to. */
    static int skipHeight(int h) {
        if (h < 2) {
            return 0;
        }
        // Any number strictly lower than h works; these make the walk in getAncestor O(log n).
        return (h & 1) != 0 ? invertLowestOne(invertLowestOne(h - 1)) + 1 : invertLowestOne(h);
    }

    private static int invertLowestOne(int n) {
        return n & (n - 1);
    }

    /** chain.cpp: LastCommonAncestor, the fork point of two entries of one tree. */
    public static BlockIndexEntry lastCommonAncestor(BlockIndexEntry a, BlockIndexEntry b) {
        if (a.height > b.height) {
            a = a.getAncestor(b.height);
        } else if (b.height > a.height) {
            b = b.getAncestor(a.height);
        }
        while (a != b && a != null && b != null) {
            a = a.prev;
            b = b.prev;
        }
        return a == b ? a : null;
    }

    @Override
    public String toString() {
        return "BlockIndexEntry(height=" + height + ", hash=" + hash + ", chainWork=" + chainWork + ", status="
                + status + ")";
    }
}
