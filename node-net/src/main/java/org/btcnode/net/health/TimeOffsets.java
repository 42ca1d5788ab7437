package org.btcnode.net.health;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Core's {@code TimeOffsets} (node/timeoffsets.cpp): the clock offsets (their time minus ours, from
 * their version message) of the last {@link #MAX_SIZE} outbound peers, and their median once there
 * are at least five. More than {@link #WARN_THRESHOLD} either way is Core's CLOCK_OUT_OF_SYNC
 * warning. Unlike Core's old median (removed in v28), nothing here adjusts our clock. Node-logic
 * thread only.
 */
public final class TimeOffsets {
    /** timeoffsets.h: N, how many samples are kept. */
    public static final int MAX_SIZE = 50;
    /** timeoffsets.h: the median needs at least this many samples, else it is 0. */
    public static final int MIN_SAMPLES = 5;
    /** timeoffsets.h: m_warn_threshold. */
    public static final Duration WARN_THRESHOLD = Duration.ofMinutes(10);
    /** Core's text (timeoffsets.cpp WarnIfOutOfSync), word for word, as getnetworkinfo shows it. */
    public static final String WARNING = "Your computer's date and time appear to be more than "
            + WARN_THRESHOLD.toMinutes() + " minutes out of sync with the network, this may lead to consensus failure."
            + " After you've confirmed your computer's clock, this message should no longer appear when you restart"
            + " your node. Without a restart, it should stop showing automatically after you've connected to a"
            + " sufficient number of new outbound peers, which may take some time. You can inspect the `timeoffset`"
            + " field of the `getpeerinfo` and `getnetworkinfo` RPC methods to get more info.";

    private final Deque<Long> offsetsSeconds = new ArrayDeque<>();

    /** An outbound peer's offset, from its version message; the oldest sample goes past {@link #MAX_SIZE}. */
    public void add(Duration offset) {
        if (offsetsSeconds.size() >= MAX_SIZE) {
            offsetsSeconds.removeFirst();
        }
        offsetsSeconds.addLast(offset.toSeconds());
    }

    public int size() {
        return offsetsSeconds.size();
    }

    /** The element at size/2 of the sorted samples ("approximate median is good enough"), 0 under five samples. */
    public Duration median() {
        if (offsetsSeconds.size() < MIN_SAMPLES) {
            return Duration.ZERO;
        }
        long[] sorted = offsetsSeconds.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return Duration.ofSeconds(sorted[sorted.length / 2]);
    }

    /** Core's WarnIfOutOfSync test: |median| over the threshold. */
    public boolean outOfSync() {
        return median().abs().compareTo(WARN_THRESHOLD) > 0;
    }
}
