package org.btcnode.net.connman;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressSource;
import org.btcnode.net.testing.FakeTransport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaticAddressSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void selectsEveryAddressAndNewOnlySkipsGoodOnes() {
        StaticAddressSource source = StaticAddressSource.of(List.of(FakeTransport.socket("1.2.3.4", 8333),
                FakeTransport.socket("5.6.7.8", 8333)), ServiceFlags.NODE_NETWORK, NOW, new Random(1));
        Set<NetAddress> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(source.select(false).orElseThrow().address().address());
        }
        assertThat(seen).containsExactlyInAnyOrder(NetAddress.ipv4(1, 2, 3, 4), NetAddress.ipv4(5, 6, 7, 8));

        source.good(NetAddress.ipv4(1, 2, 3, 4), 8333, NOW);
        for (int i = 0; i < 20; i++) {
            assertThat(source.select(true).orElseThrow().address().address()).isEqualTo(NetAddress.ipv4(5, 6, 7, 8));
        }
        source.good(NetAddress.ipv4(5, 6, 7, 8), 8333, NOW);
        assertThat(source.select(true)).isEmpty();
    }

    @Test
    void remembersTheLastAttempt() {
        StaticAddressSource source = StaticAddressSource.of(List.of(FakeTransport.socket("1.2.3.4", 8333)),
                ServiceFlags.NODE_NETWORK, NOW, new Random(1));
        AddressSource.Candidate before = source.select(false).orElseThrow();
        assertThat(before.lastTry()).isEqualTo(Instant.EPOCH);
        assertThat(before.address().services()).isEqualTo(ServiceFlags.NODE_NETWORK);
        source.attempt(NetAddress.ipv4(1, 2, 3, 4), 8333, true, NOW.plusSeconds(7));
        assertThat(source.select(false).orElseThrow().lastTry()).isEqualTo(NOW.plusSeconds(7));
    }
}
