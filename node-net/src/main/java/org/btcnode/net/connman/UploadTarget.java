package org.btcnode.net.connman;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code -maxuploadtarget} (net.cpp: RecordBytesSent, OutboundTargetReached,
 * GetOutboundTargetBytesLeft, GetMaxOutboundTimeLeftInCycle): the bytes sent in the current
 * 24-hour cycle against the target. A cycle starts with the first bytes sent after the previous
 * one ended. Once the target is near — less than one block of 4 MB per 10 minutes left in the
 * cycle — historical blocks (older than a week) are no longer served, except to peers with the
 * {@code download} permission; once it is reached, {@link #targetReached} is true. A target of 0
 * means none. Owned by the {@link ConnectionManager}; node-logic thread only.
 */
public final class UploadTarget {
    /** net.h: MAX_UPLOAD_TIMEFRAME, the length of one cycle. */
    public static final Duration MAX_UPLOAD_TIMEFRAME = Duration.ofHours(24);
    /** consensus.h: MAX_BLOCK_SERIALIZED_SIZE, the buffer kept per 10 minutes left in the cycle. */
    static final long MAX_BLOCK_SERIALIZED_SIZE = 4_000_000;
    /** net.cpp OutboundTargetReached: one block per this long of the cycle left stays available. */
    private static final Duration BLOCK_INTERVAL = Duration.ofMinutes(10);

    private final long targetBytes;
    /** nMaxOutboundCycleStartTime: EPOCH before the first byte. */
    private Instant cycleStart = Instant.EPOCH;
    /** nMaxOutboundTotalBytesSentInCycle. */
    private long bytesSentInCycle;

    /** @param targetBytes bytes per 24 hours; 0 for no target */
    public UploadTarget(long targetBytes) {
        if (targetBytes < 0) {
            throw new IllegalArgumentException("targetBytes must not be negative: " + targetBytes);
        }
        this.targetBytes = targetBytes;
    }

    /** net.cpp RecordBytesSent: counts bytes sent, starting a new cycle when the last one is over. */
    public void recordBytesSent(long bytes, Instant now) {
        if (cycleStart.plus(MAX_UPLOAD_TIMEFRAME).isBefore(now)) {
            cycleStart = now.truncatedTo(ChronoUnit.SECONDS);   // Core keeps whole seconds
            bytesSentInCycle = 0;
        }
        bytesSentInCycle += bytes;
    }

    /** GetMaxOutboundTarget: the target in bytes (0 = none). */
    public long target() {
        return targetBytes;
    }

    /**
     * OutboundTargetReached. With {@code historicalBlockServingLimit}, true as soon as what is
     * left would not allow one full block per 10 minutes for the rest of the cycle (the limit for
     * serving blocks older than a week); otherwise true once the target is reached.
     */
    public boolean targetReached(boolean historicalBlockServingLimit, Instant now) {
        if (targetBytes == 0) {
            return false;
        }
        if (historicalBlockServingLimit) {
            long buffer = timeLeftInCycle(now).dividedBy(BLOCK_INTERVAL) * MAX_BLOCK_SERIALIZED_SIZE;
            return buffer >= targetBytes || bytesSentInCycle >= targetBytes - buffer;
        }
        return bytesSentInCycle >= targetBytes;
    }

    /** GetOutboundTargetBytesLeft: 0 without a target or once it is reached. */
    public long bytesLeftInCycle() {
        if (targetBytes == 0) {
            return 0;
        }
        return bytesSentInCycle >= targetBytes ? 0 : targetBytes - bytesSentInCycle;
    }

    /** GetMaxOutboundTimeLeftInCycle: zero without a target, a whole cycle before the first byte. */
    public Duration timeLeftInCycle(Instant now) {
        if (targetBytes == 0) {
            return Duration.ZERO;
        }
        if (cycleStart.equals(Instant.EPOCH)) {
            return MAX_UPLOAD_TIMEFRAME;
        }
        Instant cycleEnd = cycleStart.plus(MAX_UPLOAD_TIMEFRAME);
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        return cycleEnd.isBefore(second) ? Duration.ZERO : Duration.between(second, cycleEnd);
    }

    /** getnettotals' {@code uploadtarget} object, read at {@code now}. */
    public Status status(Instant now) {
        return new Status(MAX_UPLOAD_TIMEFRAME.toSeconds(), targetBytes, targetReached(false, now),
                !targetReached(true, now), bytesLeftInCycle(), timeLeftInCycle(now).toSeconds());
    }

    /** rpc/net.cpp getnettotals uploadtarget: the field names in Core's spelling. Immutable. */
    public record Status(long timeframe, long target, boolean targetReached, boolean serveHistoricalBlocks,
            long bytesLeftInCycle, long timeLeftInCycle) {
    }
}
