package org.btcnode.core.params;

/**
 * A version-bits soft-fork deployment (consensus/params.h {@code BIP9Deployment}): the version bit,
 * the signalling window in median-time-past seconds, the earliest activation height and the
 * threshold per retarget period. Immutable.
 */
public record Bip9Deployment(int bit, long startTime, long timeout, int minActivationHeight, int threshold, int period) {
    /** consensus/params.h: ALWAYS_ACTIVE, a start time that means active from genesis. */
    public static final long ALWAYS_ACTIVE = -1;
    /** consensus/params.h: NEVER_ACTIVE, a start time that means never active. */
    public static final long NEVER_ACTIVE = -2;
    /** consensus/params.h: NO_TIMEOUT. */
    public static final long NO_TIMEOUT = Long.MAX_VALUE;

    public Bip9Deployment {
        if (bit < 0 || bit > 28) {
            throw new IllegalArgumentException("version bit " + bit);
        }
        if (period <= 0 || threshold <= 0 || threshold > period) {
            throw new IllegalArgumentException("threshold " + threshold + " of period " + period);
        }
    }

    public boolean alwaysActive() {
        return startTime == ALWAYS_ACTIVE;
    }

    public boolean neverActive() {
        return startTime == NEVER_ACTIVE;
    }
}
