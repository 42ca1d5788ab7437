package org.btcnode.core.chain;

import java.util.Objects;

/**
 * The outcome of a check (consensus/validation.h {@code BlockValidationState}): valid, or the
 * result, Core's reject reason ("high-hash", "bad-diffbits", …, the string RPCs and log lines
 * show) and a debug message. Immutable.
 */
public record BlockValidationState(BlockValidationResult result, String rejectReason, String debugMessage) {
    public static final BlockValidationState VALID =
            new BlockValidationState(BlockValidationResult.BLOCK_RESULT_UNSET, "", "");

    public BlockValidationState {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rejectReason, "rejectReason");
        Objects.requireNonNull(debugMessage, "debugMessage");
    }

    public static BlockValidationState invalid(BlockValidationResult result, String rejectReason, String debugMessage) {
        if (result == BlockValidationResult.BLOCK_RESULT_UNSET) {
            throw new IllegalArgumentException("an invalid state needs a result");
        }
        return new BlockValidationState(result, rejectReason, debugMessage);
    }

    public boolean isValid() {
        return result == BlockValidationResult.BLOCK_RESULT_UNSET;
    }

    /** validation.h: ToString, "reason" or "reason, debug message", as Core logs it. */
    @Override
    public String toString() {
        if (isValid()) {
            return "Valid";
        }
        return debugMessage.isEmpty() ? rejectReason : rejectReason + ", " + debugMessage;
    }
}
