package org.btcnode.core.chain;

/**
 * Why a block or header was refused (consensus/validation.h {@code BlockValidationResult}), and
 * what net_processing.cpp's {@code MaybePunishNodeForBlock} does to the peer that sent it.
 */
public enum BlockValidationResult {
    /** Initial value; the block has not yet been rejected. */
    BLOCK_RESULT_UNSET,
    /** Invalid by consensus rules (excluding the reasons below). */
    BLOCK_CONSENSUS,
    /** Mutated: the block's data does not match its header (merkle root, witness commitment). */
    BLOCK_MUTATED,
    /** This block or one it builds on was already found invalid. */
    BLOCK_CACHED_INVALID,
    /** Invalid proof of work or time too old. */
    BLOCK_INVALID_HEADER,
    /** A block this one builds on is invalid. */
    BLOCK_INVALID_PREV,
    /** We do not have the previous block. */
    BLOCK_MISSING_PREV,
    /** Block timestamp was more than two hours in the future (or our clock is bad). */
    BLOCK_TIME_FUTURE,
    /** The block's header chain has too little work to be processed yet (anti-DoS). */
    BLOCK_HEADER_LOW_WORK;

    /**
     * net_processing.cpp: MaybePunishNodeForBlock. Invalid data (consensus, mutation, bad header,
     * invalid or missing parent) discourages the peer; building on a known-invalid block
     * discourages only outbound peers and not via compact blocks; a future time or low work does
     * not (our clock may be wrong, the chain may be fine).
     */
    public boolean discourages(boolean inbound, boolean viaCompactBlock) {
        return switch (this) {
            case BLOCK_RESULT_UNSET, BLOCK_TIME_FUTURE, BLOCK_HEADER_LOW_WORK -> false;
            case BLOCK_CONSENSUS, BLOCK_MUTATED -> !viaCompactBlock;
            case BLOCK_CACHED_INVALID -> !viaCompactBlock && !inbound;
            case BLOCK_INVALID_HEADER, BLOCK_INVALID_PREV, BLOCK_MISSING_PREV -> true;
        };
    }
}
