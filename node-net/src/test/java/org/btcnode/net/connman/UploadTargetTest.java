package org.btcnode.net.connman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** net.cpp's outbound target arithmetic (RecordBytesSent, OutboundTargetReached, the cycle). */
class UploadTargetTest {
    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
    /** Four MB per ten minutes of a whole cycle: the historical-block buffer at a cycle's start. */
    private static final long FULL_BUFFER = 144 * UploadTarget.MAX_BLOCK_SERIALIZED_SIZE;

    @Test
    void noTargetIsNeverReached() {
        UploadTarget t = new UploadTarget(0);
        t.recordBytesSent(Long.MAX_VALUE / 2, T0);
        assertThat(t.targetReached(false, T0)).isFalse();
        assertThat(t.targetReached(true, T0)).isFalse();
        assertThat(t.status(T0)).isEqualTo(new UploadTarget.Status(86_400, 0, false, true, 0, 0));
    }

    @Test
    void beforeAnyByteAWholeCycleIsLeft() {
        UploadTarget t = new UploadTarget(1L << 30);
        assertThat(t.timeLeftInCycle(T0)).isEqualTo(Duration.ofHours(24));
        assertThat(t.status(T0)).isEqualTo(new UploadTarget.Status(86_400, 1L << 30, false, true, 1L << 30, 86_400));
    }

    /**
     * With 1 GiB a day, historical blocks stop once less than 4 MB per 10 minutes of the cycle
     * would be left; as the cycle runs on, the buffer shrinks and serving resumes; the target
     * itself is reached at 1 GiB; the next byte after 24 hours starts a new cycle.
     */
    @Test
    void historicalServingStopsWhenOnlyTheBufferIsLeftAndTheCycleRestartsAfterADay() {
        long target = 1L << 30;
        UploadTarget t = new UploadTarget(target);
        t.recordBytesSent(target - FULL_BUFFER - 1, T0);
        assertThat(t.targetReached(true, T0)).isFalse();
        t.recordBytesSent(1, T0);                                  // exactly the buffer left
        assertThat(t.targetReached(true, T0)).isTrue();
        assertThat(t.targetReached(false, T0)).isFalse();
        assertThat(t.status(T0).serveHistoricalBlocks()).isFalse();
        assertThat(t.bytesLeftInCycle()).isEqualTo(FULL_BUFFER);

        // 12 hours later only 72 blocks' worth is kept back: historical blocks are served again
        Instant noon = T0.plus(Duration.ofHours(12));
        assertThat(t.timeLeftInCycle(noon)).isEqualTo(Duration.ofHours(12));
        assertThat(t.targetReached(true, noon)).isFalse();
        // 9 minutes 59 seconds before the end nothing is kept back
        Instant late = T0.plus(Duration.ofHours(24)).minusSeconds(599);
        t.recordBytesSent(FULL_BUFFER - 1, late);
        assertThat(t.targetReached(true, late)).isFalse();
        assertThat(t.targetReached(false, late)).isFalse();
        t.recordBytesSent(1, late);
        assertThat(t.targetReached(false, late)).isTrue();
        assertThat(t.targetReached(true, late)).isTrue();
        assertThat(t.bytesLeftInCycle()).isZero();

        // at the cycle's last second it still counts; one second later the next byte starts anew
        Instant end = T0.plus(Duration.ofHours(24));
        t.recordBytesSent(10, end);
        assertThat(t.bytesLeftInCycle()).isZero();
        assertThat(t.timeLeftInCycle(end)).isZero();
        assertThat(t.timeLeftInCycle(end.plusSeconds(1))).isZero();
        t.recordBytesSent(10, end.plusSeconds(1));
        assertThat(t.bytesLeftInCycle()).isEqualTo(target - 10);
        assertThat(t.timeLeftInCycle(end.plusSeconds(1))).isEqualTo(Duration.ofHours(24));
        assertThat(t.targetReached(false, end.plusSeconds(1))).isFalse();
    }

    /** A target below one day's buffer (576 MB) never serves historical blocks but in a cycle's last 10 minutes. */
    @Test
    void aSmallTargetKeepsHistoricalBlocksBackUntilTheLastTenMinutes() {
        UploadTarget t = new UploadTarget(100_000_000);
        t.recordBytesSent(1, T0);
        assertThat(t.targetReached(true, T0)).isTrue();
        assertThat(t.targetReached(false, T0)).isFalse();
        Instant lastMinutes = T0.plus(Duration.ofHours(24)).minusSeconds(300);
        assertThat(t.targetReached(true, lastMinutes)).isFalse();
    }

    @Test
    void aNegativeTargetIsRefused() {
        assertThatThrownBy(() -> new UploadTarget(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
