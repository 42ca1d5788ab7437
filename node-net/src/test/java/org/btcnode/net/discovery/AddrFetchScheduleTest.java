package org.btcnode.net.discovery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** AddrFetchSchedule on a manual clock: Core's -seednode handling in ThreadOpenConnections. */
class AddrFetchScheduleTest {
    private static final Instant START = Instant.parse("2026-01-15T12:00:00Z");
    private static final InetSocketAddress A = InetSocketAddress.createUnresolved("192.0.2.1", 8333);
    private static final InetSocketAddress B = InetSocketAddress.createUnresolved("192.0.2.2", 8333);
    private static final InetSocketAddress C = InetSocketAddress.createUnresolved("192.0.2.3", 8333);

    @Test
    void anEmptyBookUsesTheLastSeedNodeAtOnceThenOneEveryTenSecondsWhileShortOfPeers() {
        AddrFetchSchedule s = new AddrFetchSchedule(List.of(A, B, C), START, 0);

        assertThat(s.poll(START, 0, 0)).contains(C);
        assertThat(s.poll(START.plusSeconds(10), 0, 0)).isEmpty();      // strictly after ADD_NEXT_SEEDNODE
        assertThat(s.poll(START.plusSeconds(11), 0, 0)).isEmpty();      // armed now, taken next pass
        assertThat(s.poll(START.plusMillis(11_500), 0, 0)).contains(B);
        assertThat(s.remaining()).containsExactly(A);
    }

    @Test
    void aBookWithAddressesTriesItFirst() {
        AddrFetchSchedule s = new AddrFetchSchedule(List.of(A, B), START, 500);

        assertThat(s.poll(START, 500, 0)).isEmpty();
        assertThat(s.poll(START.plusSeconds(11), 500, 0)).isEmpty();
        assertThat(s.poll(START.plusSeconds(12), 500, 0)).contains(B);
    }

    @Test
    void enoughOutboundPeersStopTheSeedNodes() {
        AddrFetchSchedule s = new AddrFetchSchedule(List.of(A, B), START, 0);
        assertThat(s.poll(START, 0, 0)).contains(B);

        for (int t = 1; t < 120; t++) {
            assertThat(s.poll(START.plus(Duration.ofSeconds(t)), 10, 2)).isEmpty();
        }
        assertThat(s.remaining()).containsExactly(A);
    }

    @Test
    void eachSeedNodeIsUsedOnce() {
        AddrFetchSchedule s = new AddrFetchSchedule(List.of(A), START, 0);

        assertThat(s.poll(START, 0, 0)).contains(A);
        assertThat(s.poll(START.plusSeconds(60), 0, 0)).isEmpty();
        assertThat(s.poll(START.plusSeconds(61), 0, 0)).isEmpty();
    }
}
