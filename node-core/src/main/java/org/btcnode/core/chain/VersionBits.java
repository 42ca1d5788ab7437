package org.btcnode.core.chain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.btcnode.core.params.Bip9Deployment;
import org.btcnode.core.params.ConsensusParams;

/**
 * BIP 9 version bits, after Core's versionbits.cpp: the state of a deployment for the block after
 * a given one ({@code AbstractThresholdConditionChecker::GetStateFor}) and the version a miner
 * gives that block ({@code VersionBitsCache::ComputeBlockVersion}). Without Core's per-period
 * cache: each call walks back one entry per period and counts the signals of each period it
 * re-evaluates, O(height) per call, which is nothing on regtest, where blocks are mined. Stateless.
 */
public final class VersionBits {
    /** versionbits.h: VERSIONBITS_TOP_BITS, the top three bits 001 of a signalling version. */
    public static final int VERSIONBITS_TOP_BITS = 0x20000000;
    /** versionbits.h: VERSIONBITS_TOP_MASK. */
    public static final int VERSIONBITS_TOP_MASK = 0xe0000000;

    /** versionbits.h: ThresholdState, per deployment and retarget-sized period. */
    public enum ThresholdState {
        /** The first state of every deployment; genesis is DEFINED. */
        DEFINED,
        /** Past the start time: blocks signal and are counted. */
        STARTED,
        /** The threshold was reached in a period; active one period later (and from the minimum height). */
        LOCKED_IN,
        /** The rules are enforced; final. */
        ACTIVE,
        /** The timeout passed before lock-in; final. */
        FAILED
    }

    private VersionBits() {
    }

    /**
     * versionbits.cpp: GetStateFor, the state for the block after {@code prev} ({@code null} for
     * genesis). States change only at period boundaries, from the median-time-past and the
     * signalling count of the period that just ended.
     */
    public static ThresholdState getStateFor(BlockIndexEntry prev, Bip9Deployment d) {
        if (d.alwaysActive()) {
            return ThresholdState.ACTIVE;
        }
        if (d.neverActive()) {
            return ThresholdState.FAILED;
        }
        int period = d.period();
        // The last block of the period before: states are per period.
        if (prev != null) {
            prev = prev.getAncestor(prev.height() - ((prev.height() + 1) % period));
        }
        Deque<BlockIndexEntry> toCompute = new ArrayDeque<>();
        ThresholdState state = ThresholdState.DEFINED;
        while (prev != null && prev.medianTimePast() >= d.startTime()) {
            toCompute.push(prev);
            prev = prev.getAncestor(prev.height() - period);
        }
        // Below the start time (or before genesis) every period is DEFINED; go forward from there.
        while (!toCompute.isEmpty()) {
            BlockIndexEntry end = toCompute.pop();
            state = switch (state) {
                case DEFINED -> end.medianTimePast() >= d.startTime() ? ThresholdState.STARTED : ThresholdState.DEFINED;
                case STARTED -> {
                    if (countSignals(end, d) >= d.threshold()) {
                        yield ThresholdState.LOCKED_IN;
                    }
                    yield end.medianTimePast() >= d.timeout() ? ThresholdState.FAILED : ThresholdState.STARTED;
                }
                case LOCKED_IN -> end.height() + 1 >= d.minActivationHeight() ? ThresholdState.ACTIVE
                        : ThresholdState.LOCKED_IN;
                case ACTIVE, FAILED -> state;
            };
        }
        return state;
    }

    /** The blocks of the period ending at {@code end} whose version signals {@code d}'s bit. */
    private static int countSignals(BlockIndexEntry end, Bip9Deployment d) {
        int count = 0;
        BlockIndexEntry e = end;
        for (int i = 0; i < d.period() && e != null; i++, e = e.prev()) {
            if (signals(e.version(), d)) {
                count++;
            }
        }
        return count;
    }

    /** versionbits.cpp: Condition, a BIP 9 version (top bits 001) with the deployment's bit set. */
    public static boolean signals(int version, Bip9Deployment d) {
        return (version & VERSIONBITS_TOP_MASK) == VERSIONBITS_TOP_BITS && (version & (1 << d.bit())) != 0;
    }

    /**
     * versionbits.cpp: ComputeBlockVersion, the version a miner gives the block after {@code prev}:
     * the top bits and the bit of every deployment that is STARTED or LOCKED_IN for it.
     */
    public static int computeBlockVersion(BlockIndexEntry prev, ConsensusParams params) {
        int version = VERSIONBITS_TOP_BITS;
        for (Bip9Deployment d : List.of(params.testDummy(), params.taproot())) {
            ThresholdState state = getStateFor(prev, d);
            if (state == ThresholdState.STARTED || state == ThresholdState.LOCKED_IN) {
                version |= 1 << d.bit();
            }
        }
        return version;
    }
}
