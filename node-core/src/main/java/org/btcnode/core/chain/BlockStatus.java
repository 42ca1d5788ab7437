package org.btcnode.core.chain;

/**
 * The status bits of a block index entry (chain.h {@code BlockStatus}), stored as they are in
 * Core's block index so the meaning of a stored integer never changes. The low three bits are a
 * validity level; the others are flags. Stateless.
 */
public final class BlockStatus {
    /** Unused. */
    public static final int BLOCK_VALID_UNKNOWN = 0;
    /** Parsed, version ok, hash satisfies claimed PoW, 1 <= vtx count <= max, timestamp not in future. */
    public static final int BLOCK_VALID_RESERVED = 1;
    /**
     * All parent headers found, difficulty matches, timestamp >= median previous. Implies all
     * parents are also at least TREE. The level every header in {@link HeaderTree} has.
     */
    public static final int BLOCK_VALID_TREE = 2;
    /** Only first tx is coinbase, transactions valid, no duplicate txids, size, merkle root. */
    public static final int BLOCK_VALID_TRANSACTIONS = 3;
    /** Outputs do not overspend inputs, no double spends, coinbase output ok. */
    public static final int BLOCK_VALID_CHAIN = 4;
    /** Scripts and signatures ok. */
    public static final int BLOCK_VALID_SCRIPTS = 5;
    /** The validity level bits. */
    public static final int BLOCK_VALID_MASK = 7;
    /** Full block available. */
    public static final int BLOCK_HAVE_DATA = 8;
    /** Undo data available. */
    public static final int BLOCK_HAVE_UNDO = 16;
    /** Stage after last reached validness failed. */
    public static final int BLOCK_FAILED_VALID = 32;
    /** Descends from a failed block. */
    public static final int BLOCK_FAILED_CHILD = 64;
    public static final int BLOCK_FAILED_MASK = BLOCK_FAILED_VALID | BLOCK_FAILED_CHILD;
    /** Block data was received with a witness-enforcing client. */
    public static final int BLOCK_OPT_WITNESS = 128;

    private BlockStatus() {
    }

    /** chain.h: IsValid(nUpTo): not failed and at least that validity level. */
    public static boolean isValid(int status, int upTo) {
        return (status & BLOCK_FAILED_MASK) == 0 && (status & BLOCK_VALID_MASK) >= upTo;
    }

    /** The status with the validity level raised to {@code upTo} (never lowered). */
    public static int raiseValidity(int status, int upTo) {
        if ((status & BLOCK_VALID_MASK) >= upTo) {
            return status;
        }
        return (status & ~BLOCK_VALID_MASK) | upTo;
    }
}
