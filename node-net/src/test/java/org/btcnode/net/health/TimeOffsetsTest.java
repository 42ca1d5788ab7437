package org.btcnode.net.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Core's TimeOffsets (node/timeoffsets.cpp, test/timeoffsets_tests.cpp): the window, the median, the threshold. */
class TimeOffsetsTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void fewerThanFiveSamplesGiveZero() {
        TimeOffsets offsets = new TimeOffsets();
        for (int i = 0; i < 4; i++) {
            offsets.add(HOUR);
        }
        assertThat(offsets.median()).isZero();
        assertThat(offsets.outOfSync()).isFalse();
        offsets.add(HOUR);
        assertThat(offsets.median()).isEqualTo(HOUR);
        assertThat(offsets.outOfSync()).isTrue();
    }

    @Test
    void theMedianIsTheElementAtHalfTheSizeOfTheSortedSamples() {
        TimeOffsets offsets = new TimeOffsets();
        for (long s : new long[] {-5, 30, 7, -600, 2, 1_000}) {
            offsets.add(Duration.ofSeconds(s));
        }
        // sorted: -600 -5 2 7 30 1000; size/2 = 3
        assertThat(offsets.median()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void onlyTheLastFiftySamplesCount() {
        TimeOffsets offsets = new TimeOffsets();
        for (int i = 0; i < TimeOffsets.MAX_SIZE; i++) {
            offsets.add(HOUR);
        }
        for (int i = 0; i < 25; i++) {
            offsets.add(Duration.ZERO);
        }
        assertThat(offsets.size()).isEqualTo(TimeOffsets.MAX_SIZE);
        assertThat(offsets.median()).as("25 zeros and 25 hours: the upper middle is an hour").isEqualTo(HOUR);
        offsets.add(Duration.ZERO);
        assertThat(offsets.median()).isZero();
        assertThat(offsets.outOfSync()).isFalse();
    }

    @Test
    void tenMinutesIsStillInSyncEitherWayOneSecondMoreIsNot() {
        for (long seconds : new long[] {600, -600, 601, -601}) {
            TimeOffsets offsets = new TimeOffsets();
            for (int i = 0; i < 5; i++) {
                offsets.add(Duration.ofSeconds(seconds));
            }
            assertThat(offsets.outOfSync()).as("%d s", seconds).isEqualTo(Math.abs(seconds) > 600);
        }
    }

    @Test
    void theWarningIsCoresText() {
        assertThat(TimeOffsets.WARNING).startsWith("Your computer's date and time appear to be more than 10 minutes"
                + " out of sync with the network, this may lead to consensus failure.")
                .endsWith("You can inspect the `timeoffset` field of the `getpeerinfo` and `getnetworkinfo` RPC methods"
                        + " to get more info.");
    }
}
