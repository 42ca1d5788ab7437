package org.btcnode.core.chain;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;

/**
 * The header rules of validation.cpp: {@code CheckBlockHeader} (proof of work against the
 * header's own target), {@code ContextualCheckBlockHeader} (the difficulty the chain demands,
 * median-time-past, two hours into the future, BIP 94's timewarp rule, versions after BIP
 * 34/66/65) and {@code AcceptBlockHeader} (duplicates, unknown or invalid parents, then into the
 * {@link HeaderTree}). Checkpoints are not enforced (Core 30 has none left that matter: the
 * minimum chain work and the headers pre-sync replace them). Time comes from the injected clock.
 * Stateless apart from its parameters; call from the node-logic thread (the tree is not
 * thread-safe).
 */
public final class HeaderValidator {
    /** chain.h: MAX_FUTURE_BLOCK_TIME, how far a block's time may be ahead of ours. */
    public static final Duration MAX_FUTURE_BLOCK_TIME = Duration.ofHours(2);
    /** consensus/consensus.h: MAX_TIMEWARP, how far the first block of a period may go back (BIP 94). */
    public static final Duration MAX_TIMEWARP = Duration.ofMinutes(10);

    private final ConsensusParams params;
    private final InstantSource clock;

    public HeaderValidator(ConsensusParams params, InstantSource clock) {
        this.params = Objects.requireNonNull(params, "params");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ConsensusParams params() {
        return params;
    }

    /** validation.cpp: CheckBlockHeader, the context-free check: proof of work. */
    public BlockValidationState checkBlockHeader(BlockHeader header) {
        if (!Pow.checkProofOfWork(header.hash(), header.bits(), params)) {
            return BlockValidationState.invalid(BlockValidationResult.BLOCK_INVALID_HEADER, "high-hash",
                    "proof of work failed");
        }
        return BlockValidationState.VALID;
    }

    /** validation.cpp: ContextualCheckBlockHeader, the header on top of {@code prev}. */
    public BlockValidationState contextualCheckBlockHeader(BlockHeader header, BlockIndexEntry prev) {
        int height = prev.height() + 1;
        if (header.bits() != Pow.getNextWorkRequired(prev, header.time(), params)) {
            return BlockValidationState.invalid(BlockValidationResult.BLOCK_INVALID_HEADER, "bad-diffbits",
                    "incorrect proof of work");
        }
        if (header.time() <= prev.medianTimePast()) {
            return BlockValidationState.invalid(BlockValidationResult.BLOCK_INVALID_HEADER, "time-too-old",
                    "block's timestamp is too early");
        }
        // BIP 94 (testnet4): the first block of a period may not go back more than MAX_TIMEWARP.
        if (params.enforceBip94() && height % params.difficultyAdjustmentInterval() == 0
                && header.time() < prev.time() - MAX_TIMEWARP.toSeconds()) {
            return BlockValidationState.invalid(BlockValidationResult.BLOCK_INVALID_HEADER, "time-timewarp-attack",
                    "block's timestamp is too early on diff adjustment block");
        }
        if (header.time() > clock.instant().getEpochSecond() + MAX_FUTURE_BLOCK_TIME.toSeconds()) {
            return BlockValidationState.invalid(BlockValidationResult.BLOCK_TIME_FUTURE, "time-too-new",
                    "block timestamp too far in the future");
        }
        // DeploymentActiveAfter(prev, …): a buried deployment is active from its height on.
        int version = header.version();
        if ((version < 2 && height >= params.bip34Height())
                || (version < 3 && height >= params.bip66Height())
                || (version < 4 && height >= params.bip65Height())) {
            String hex = String.format("0x%08x", version);
            return BlockValidationState.invalid(BlockValidationResult.BLOCK_INVALID_HEADER, "bad-version(" + hex + ")",
                    "rejected nVersion=" + hex + " block");
        }
        return BlockValidationState.VALID;
    }

    /**
     * validation.cpp: AcceptBlockHeader. A known header is returned as it is ({@code duplicate}),
     * unless it failed ("duplicate-invalid"); otherwise the header is checked, its parent looked up
     * ("prev-blk-not-found", "bad-prevblk" when the parent failed), checked in context and added.
     * {@code minPowChecked} says the caller made sure the chain this header is on has enough work
     * (Core's {@code min_pow_checked}: the headers pre-sync passed, or the chain is above the
     * anti-DoS threshold); without it nothing is added ("too-little-chainwork").
     */
    public Acceptance acceptBlockHeader(HeaderTree tree, BlockHeader header, boolean minPowChecked) {
        Hash256 hash = header.hash();
        Optional<BlockIndexEntry> known = tree.get(hash);
        if (known.isPresent()) {
            if (known.get().hasFailed()) {
                return Acceptance.rejected(BlockValidationState.invalid(BlockValidationResult.BLOCK_CACHED_INVALID,
                        "duplicate-invalid", "header " + hash + " was found invalid before"), known);
            }
            return new Acceptance(BlockValidationState.VALID, known, true);
        }
        BlockValidationState state = checkBlockHeader(header);
        if (!state.isValid()) {
            return Acceptance.rejected(state, Optional.empty());
        }
        Optional<BlockIndexEntry> prev = tree.get(header.prevBlock());
        if (prev.isEmpty()) {
            return Acceptance.rejected(BlockValidationState.invalid(BlockValidationResult.BLOCK_MISSING_PREV,
                    "prev-blk-not-found", "previous block " + header.prevBlock() + " is unknown"), Optional.empty());
        }
        if (prev.get().hasFailed()) {
            return Acceptance.rejected(BlockValidationState.invalid(BlockValidationResult.BLOCK_INVALID_PREV,
                    "bad-prevblk", "previous block " + header.prevBlock() + " is invalid"), Optional.empty());
        }
        state = contextualCheckBlockHeader(header, prev.get());
        if (!state.isValid()) {
            return Acceptance.rejected(state, Optional.empty());
        }
        if (!minPowChecked) {
            return Acceptance.rejected(BlockValidationState.invalid(BlockValidationResult.BLOCK_HEADER_LOW_WORK,
                    "too-little-chainwork", ""), Optional.empty());
        }
        return new Acceptance(BlockValidationState.VALID, Optional.of(tree.add(header)), false);
    }

    /**
     * validation.cpp: ProcessNewBlockHeaders, the headers of one {@code headers} message in order,
     * stopping at the first one refused. The accepted entries (known ones included) come back in
     * order, with the state of the first refusal (VALID if none).
     */
    public Processed processNewBlockHeaders(HeaderTree tree, List<BlockHeader> headers, boolean minPowChecked) {
        List<BlockIndexEntry> accepted = new ArrayList<>(headers.size());
        List<BlockIndexEntry> added = new ArrayList<>();
        for (BlockHeader h : headers) {
            Acceptance a = acceptBlockHeader(tree, h, minPowChecked);
            if (!a.state().isValid()) {
                return new Processed(accepted, added, a.state(), Optional.of(h.hash()));
            }
            accepted.add(a.entry().orElseThrow());
            if (!a.duplicate()) {
                added.add(a.entry().get());
            }
        }
        return new Processed(accepted, added, BlockValidationState.VALID, Optional.empty());
    }

    /**
     * net_processing.cpp: CheckHeadersPoW, what is checked of a {@code headers} message before
     * anything else, pre-sync included: the headers connect one to the next and each meets its
     * own target. Cheap, so a peer cannot make us do more work than it did.
     */
    public static boolean checkHeadersPoW(List<BlockHeader> headers, ConsensusParams params) {
        for (int i = 0; i < headers.size(); i++) {
            BlockHeader h = headers.get(i);
            if (!Pow.checkProofOfWork(h.hash(), h.bits(), params)) {
                return false;
            }
            if (i > 0 && !h.prevBlock().equals(headers.get(i - 1).hash())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The result of {@link #acceptBlockHeader}. Immutable.
     *
     * @param state     VALID, or why the header was refused
     * @param entry     the header's entry when accepted or already known
     * @param duplicate the header was already in the tree (Core's "duplicate")
     */
    public record Acceptance(BlockValidationState state, Optional<BlockIndexEntry> entry, boolean duplicate) {
        public Acceptance {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(entry, "entry");
        }

        static Acceptance rejected(BlockValidationState state, Optional<BlockIndexEntry> known) {
            return new Acceptance(state, known, false);
        }
    }

    /**
     * The result of {@link #processNewBlockHeaders}. Immutable.
     *
     * @param accepted   the entries of the headers accepted, in message order, known ones included
     * @param added      those of them that were new to the tree (what to append to the store)
     * @param state      VALID, or why the first refused header was refused
     * @param failedHash the hash of that header
     */
    public record Processed(List<BlockIndexEntry> accepted, List<BlockIndexEntry> added, BlockValidationState state,
            Optional<Hash256> failedHash) {
        public Processed {
            accepted = List.copyOf(accepted);
            added = List.copyOf(added);
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(failedHash, "failedHash");
        }
    }
}
