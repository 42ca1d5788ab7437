package org.btcnode.core.chain;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.params.HeadersSyncParams;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;
import org.btcnode.crypto.hash.SipHash;
import org.slf4j.Logger;

/**
 * The anti-DoS headers sync with one peer whose chain forks below the minimum chain work
 * (headerssync.cpp {@code HeadersSyncState}). PRESYNC: the peer's headers are checked only for
 * continuity and permitted difficulty changes, their work is summed, and one salted-hash bit is
 * kept every {@code commitmentPeriod} headers, nothing else. Once the work reaches the minimum,
 * REDOWNLOAD: the same headers are asked for again from the fork point, each commitment bit must
 * match, and headers are released to the caller (for full validation and storage) only when
 * {@code redownloadBufferSize} later headers have matched, or all of them once the redownloaded
 * chain itself has the minimum work. FINAL: done or given up; the object is used up.
 *
 * <p>Memory per peer: one bit per commitment period, at most {@code 6 × (seconds since the fork
 * point's median time + 2 h) / commitmentPeriod} bits (6 blocks a second is the most the MTP rule
 * allows), plus the redownload buffer of 48-byte headers. The caller runs
 * {@link HeaderValidator#checkHeadersPoW} on each message first, as Core's net_processing does.
 * One per peer; node-logic thread only.
 */
public final class HeadersSyncState {
    private static final Logger log = LogCategory.NET.logger();
    /** headerssync.cpp: the fastest block rate the median-time-past rule allows. */
    private static final int MAX_BLOCKS_PER_SECOND = 6;

    /** The phases of one sync. */
    public enum State {
        /** Receiving the peer's headers for the first time, keeping only commitments. */
        PRESYNC,
        /** Receiving them again, checking commitments and releasing the ones that matched. */
        REDOWNLOAD,
        /** Finished (all released) or aborted; nothing more to do. */
        FINAL;

        boolean canMoveTo(State next) {
            return switch (this) {
                case PRESYNC -> next == REDOWNLOAD || next == FINAL;
                case REDOWNLOAD -> next == FINAL;
                case FINAL -> false;
            };
        }
    }

    /**
     * What one {@code headers} message did. Immutable.
     *
     * @param powValidatedHeaders headers whose commitments matched, ready for
     *                            {@link HeaderValidator#processNewBlockHeaders} with
     *                            {@code minPowChecked} true, in chain order
     * @param success             false when the peer's chain was refused (the sync is FINAL)
     * @param requestMore         whether to send another {@code getheaders} with
     *                            {@link #nextHeadersRequestLocator()}
     */
    public record ProcessingResult(List<BlockHeader> powValidatedHeaders, boolean success, boolean requestMore) {
        public ProcessingResult {
            powValidatedHeaders = List.copyOf(powValidatedHeaders);
        }
    }

    /** A header without its previous-block hash (headerssync.h {@code CompressedHeader}). */
    private record CompressedHeader(int version, Hash256 merkleRoot, long time, long bits, long nonce) {
        static CompressedHeader of(BlockHeader h) {
            return new CompressedHeader(h.version(), h.merkleRoot(), h.time(), h.bits(), h.nonce());
        }

        BlockHeader full(Hash256 prevBlock) {
            return new BlockHeader(version, prevBlock, merkleRoot, time, bits, nonce);
        }
    }

    private final long peerId;
    private final ConsensusParams consensus;
    private final HeadersSyncParams syncParams;
    private final BlockIndexEntry chainStart;
    private final ChainWork minimumRequiredWork;
    private final int commitOffset;
    private final long saltK0;
    private final long saltK1;
    private final long maxCommitments;

    private State state = State.PRESYNC;

    // PRESYNC
    private final BitSet commitments = new BitSet();
    private int commitmentsHead;
    private int commitmentsTail;
    private ChainWork currentChainWork;
    private BlockHeader lastHeaderReceived;
    private long currentHeight;

    // REDOWNLOAD
    private final ArrayDeque<CompressedHeader> redownloadedHeaders = new ArrayDeque<>();
    private long redownloadBufferLastHeight;
    private Hash256 redownloadBufferLastHash;
    private Hash256 redownloadBufferFirstPrevHash;
    private ChainWork redownloadChainWork;
    private boolean processAllRemainingHeaders;

    /**
     * @param peerId              for log lines
     * @param chainStart          the last header we share with the peer (the fork point)
     * @param minimumRequiredWork work the peer's chain must reach before anything is stored
     * @param random              salt of the commitment hash and offset of the commitment heights
     */
    public HeadersSyncState(long peerId, ConsensusParams consensus, HeadersSyncParams syncParams,
            BlockIndexEntry chainStart, ChainWork minimumRequiredWork, InstantSource clock, RandomGenerator random) {
        this.peerId = peerId;
        this.consensus = Objects.requireNonNull(consensus, "consensus");
        this.syncParams = Objects.requireNonNull(syncParams, "syncParams");
        this.chainStart = Objects.requireNonNull(chainStart, "chainStart");
        this.minimumRequiredWork = Objects.requireNonNull(minimumRequiredWork, "minimumRequiredWork");
        this.commitOffset = random.nextInt(syncParams.commitmentPeriod());
        this.saltK0 = random.nextLong();
        this.saltK1 = random.nextLong();
        this.currentChainWork = chainStart.chainWork();
        this.lastHeaderReceived = chainStart.header();
        this.currentHeight = chainStart.height();
        long maxSecondsSinceStart = clock.instant().getEpochSecond() - chainStart.medianTimePast()
                + HeaderValidator.MAX_FUTURE_BLOCK_TIME.toSeconds();
        this.maxCommitments = MAX_BLOCKS_PER_SECOND * maxSecondsSinceStart / syncParams.commitmentPeriod();
        log.debug("Initial headers sync started: height={}, max_commitments={}, min_work={}, peer={}",
                currentHeight, maxCommitments, minimumRequiredWork, peerId);
    }

    public State state() {
        return state;
    }

    /** Height of the last header received during pre-sync (for {@code getpeerinfo}'s presynced_headers). */
    public long presyncHeight() {
        return currentHeight;
    }

    /** Time of the last header received during pre-sync. */
    public long presyncTime() {
        return lastHeaderReceived == null ? 0 : lastHeaderReceived.time();
    }

    /** Work of the peer's chain as far as pre-synced. */
    public ChainWork presyncChainWork() {
        return currentChainWork;
    }

    /** Commitment bits held now (memory bound tests). */
    public int commitmentCount() {
        return commitmentsTail - commitmentsHead;
    }

    /** The bound on {@link #commitmentCount()} for this sync. */
    public long maxCommitments() {
        return maxCommitments;
    }

    /** Headers held in the redownload buffer now. */
    public int redownloadBufferSize() {
        return redownloadedHeaders.size();
    }

    /**
     * headerssync.cpp: ProcessNextHeaders. {@code fullHeadersMessage} says the message held the
     * maximum of 2000 headers, so the peer may have more.
     */
    public ProcessingResult processNextHeaders(List<BlockHeader> received, boolean fullHeadersMessage) {
        if (received.isEmpty() || state == State.FINAL) {
            return new ProcessingResult(List.of(), false, false);
        }
        List<BlockHeader> ready = List.of();
        boolean success;
        boolean requestMore = false;
        if (state == State.PRESYNC) {
            success = validateAndStoreHeadersCommitments(received);
            if (success) {
                if (fullHeadersMessage || state == State.REDOWNLOAD) {
                    requestMore = true;  // more to come, or start again from the fork point
                } else {
                    log.debug("Initial headers sync aborted: incomplete headers message at height={} (presync phase),"
                            + " peer={}", currentHeight, peerId);
                }
            }
        } else {
            success = true;
            for (BlockHeader h : received) {
                if (!validateAndStoreRedownloadedHeader(h)) {
                    success = false;
                    break;
                }
            }
            if (success) {
                ready = popHeadersReadyForAcceptance();
                if (redownloadedHeaders.isEmpty() && processAllRemainingHeaders) {
                    log.debug("Initial headers sync complete: releasing all at height={} (redownload phase), peer={}",
                            redownloadBufferLastHeight, peerId);
                } else if (fullHeadersMessage) {
                    requestMore = true;
                } else {
                    log.debug("Initial headers sync aborted: incomplete headers message at height={} (redownload"
                            + " phase), peer={}", redownloadBufferLastHeight, peerId);
                }
            }
        }
        if (!(success && requestMore)) {
            finish();
        }
        return new ProcessingResult(ready, success, requestMore);
    }

    /**
     * headerssync.cpp: NextHeadersRequestLocator, the locator of the next {@code getheaders}: the
     * last header received (pre-sync) or kept (redownload), then the fork point's locator.
     */
    public List<Hash256> nextHeadersRequestLocator() {
        if (state == State.FINAL) {
            return List.of();
        }
        List<Hash256> locator = new ArrayList<>();
        locator.add(state == State.PRESYNC ? lastHeaderReceived.hash() : redownloadBufferLastHash);
        locator.addAll(HeaderTree.locator(chainStart));
        return locator;
    }

    private boolean validateAndStoreHeadersCommitments(List<BlockHeader> headers) {
        if (!headers.get(0).prevBlock().equals(lastHeaderReceived.hash())) {
            log.debug("Initial headers sync aborted: non-continuous headers at height={} (presync phase), peer={}",
                    currentHeight, peerId);
            return false;
        }
        for (BlockHeader h : headers) {
            if (!validateAndProcessSingleHeader(h)) {
                return false;
            }
        }
        if (currentChainWork.isAtLeast(minimumRequiredWork)) {
            redownloadedHeaders.clear();
            redownloadBufferLastHeight = chainStart.height();
            redownloadBufferFirstPrevHash = chainStart.hash();
            redownloadBufferLastHash = chainStart.hash();
            redownloadChainWork = chainStart.chainWork();
            moveTo(State.REDOWNLOAD);
            log.debug("Initial headers sync transition: reached sufficient work at height={}, redownloading from"
                    + " height={}, peer={}", currentHeight, redownloadBufferLastHeight, peerId);
        }
        return true;
    }

    private boolean validateAndProcessSingleHeader(BlockHeader current) {
        long nextHeight = currentHeight + 1;
        // An attacker gains most by packing work into few blocks: hold it to the retarget limits.
        if (!Pow.permittedDifficultyTransition(consensus, nextHeight, lastHeaderReceived.bits(), current.bits())) {
            log.debug("Initial headers sync aborted: invalid difficulty transition at height={} (presync phase),"
                    + " peer={}", nextHeight, peerId);
            return false;
        }
        if (nextHeight % syncParams.commitmentPeriod() == commitOffset) {
            commitments.set(commitmentsTail++, commitmentBit(current));
            if (commitmentCount() > maxCommitments) {
                log.debug("Initial headers sync aborted: exceeded max commitments at height={} (presync phase),"
                        + " peer={}", nextHeight, peerId);
                return false;
            }
        }
        currentChainWork = currentChainWork.add(ChainWork.ofBits(current.bits()));
        lastHeaderReceived = current;
        currentHeight = nextHeight;
        return true;
    }

    private boolean validateAndStoreRedownloadedHeader(BlockHeader header) {
        long nextHeight = redownloadBufferLastHeight + 1;
        if (!header.prevBlock().equals(redownloadBufferLastHash)) {
            log.debug("Initial headers sync aborted: non-continuous headers at height={} (redownload phase), peer={}",
                    nextHeight, peerId);
            return false;
        }
        long previousBits = redownloadedHeaders.isEmpty() ? chainStart.bits() : redownloadedHeaders.peekLast().bits();
        if (!Pow.permittedDifficultyTransition(consensus, nextHeight, previousBits, header.bits())) {
            log.debug("Initial headers sync aborted: invalid difficulty transition at height={} (redownload phase),"
                    + " peer={}", nextHeight, peerId);
            return false;
        }
        redownloadChainWork = redownloadChainWork.add(ChainWork.ofBits(header.bits()));
        if (redownloadChainWork.isAtLeast(minimumRequiredWork)) {
            processAllRemainingHeaders = true;
        }
        // Past the target work the peer may have extended its chain: no commitments to check there.
        if (!processAllRemainingHeaders && nextHeight % syncParams.commitmentPeriod() == commitOffset) {
            if (commitmentCount() == 0) {
                log.debug("Initial headers sync aborted: commitment overrun at height={} (redownload phase), peer={}",
                        nextHeight, peerId);
                return false;
            }
            boolean expected = commitments.get(commitmentsHead);
            commitments.clear(commitmentsHead++);
            if (commitmentBit(header) != expected) {
                log.debug("Initial headers sync aborted: commitment mismatch at height={} (redownload phase), peer={}",
                        nextHeight, peerId);
                return false;
            }
        }
        redownloadedHeaders.addLast(CompressedHeader.of(header));
        redownloadBufferLastHeight = nextHeight;
        redownloadBufferLastHash = header.hash();
        return true;
    }

    private List<BlockHeader> popHeadersReadyForAcceptance() {
        List<BlockHeader> ready = new ArrayList<>();
        while (redownloadedHeaders.size() > syncParams.redownloadBufferSize()
                || (!redownloadedHeaders.isEmpty() && processAllRemainingHeaders)) {
            BlockHeader h = redownloadedHeaders.pollFirst().full(redownloadBufferFirstPrevHash);
            ready.add(h);
            redownloadBufferFirstPrevHash = h.hash();
        }
        return ready;
    }

    /** The salted hash bit of a header: the peer cannot know which headers we will check. */
    private boolean commitmentBit(BlockHeader h) {
        return (SipHash.hashUint256(saltK0, saltK1, h.hash().toByteArray()) & 1) != 0;
    }

    /** headerssync.cpp: Finalize, frees the memory; the object is used up. */
    private void finish() {
        commitments.clear();
        commitmentsHead = 0;
        commitmentsTail = 0;
        redownloadedHeaders.clear();
        processAllRemainingHeaders = false;
        moveTo(State.FINAL);
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("headers sync cannot move from " + state + " to " + next);
        }
        log.debug("headers sync {} -> {}, peer={}", state, next, peerId);
        state = next;
    }
}
