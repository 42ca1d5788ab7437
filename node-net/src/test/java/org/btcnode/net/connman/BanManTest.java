package org.btcnode.net.connman;

import java.time.Duration;
import java.time.Instant;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.store.BanEntry;
import org.btcnode.core.store.Subnet;
import org.btcnode.net.logic.ManualNodeLoop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BanManTest {
    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

    private final ManualNodeLoop loop = new ManualNodeLoop(T0);
    private final InMemoryBanStore store = new InMemoryBanStore();
    private final BanMan banMan = new BanMan(store, loop.clock(), BanMan.DEFAULT_MISBEHAVING_BANTIME);

    private static Subnet subnet(String s) {
        return Subnet.parse(s).orElseThrow();
    }

    @Test
    void aBanCoversItsSubnetUntilItExpires() {
        assertThat(banMan.ban(subnet("1.2.3.0/24"), Duration.ofHours(1), false)).isTrue();
        assertThat(banMan.isBanned(NetAddress.ipv4(1, 2, 3, 200))).isTrue();
        assertThat(banMan.isBanned(NetAddress.ipv4(1, 2, 4, 1))).isFalse();
        assertThat(store.list()).containsEntry(subnet("1.2.3.0/24"), new BanEntry(T0, T0.plusSeconds(3600)));
        loop.advance(Duration.ofMinutes(59));
        assertThat(banMan.isBanned(NetAddress.ipv4(1, 2, 3, 200))).isTrue();
        loop.advance(Duration.ofMinutes(1));
        assertThat(banMan.isBanned(NetAddress.ipv4(1, 2, 3, 200))).isFalse();
        assertThat(banMan.banned()).isEmpty();               // swept from the store
        assertThat(store.list()).isEmpty();
    }

    @Test
    void zeroDurationMeansBanTimeAndAbsoluteTimesCount() {
        banMan.ban(subnet("1.2.3.4"), Duration.ZERO, false);
        assertThat(store.list().get(subnet("1.2.3.4/32")).banUntil()).isEqualTo(T0.plus(Duration.ofHours(24)));
        banMan.ban(subnet("5.6.7.8"), Duration.ofSeconds(T0.getEpochSecond() + 10), true);
        assertThat(store.list().get(subnet("5.6.7.8")).banUntil()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aLongerBanIsNotShortened() {
        banMan.ban(subnet("1.2.3.4"), Duration.ofDays(2), false);
        assertThat(banMan.ban(subnet("1.2.3.4"), Duration.ofHours(1), false)).isFalse();
        assertThat(store.list().get(subnet("1.2.3.4")).banUntil()).isEqualTo(T0.plus(Duration.ofDays(2)));
    }

    @Test
    void unbanAndClear() {
        banMan.ban(subnet("1.2.3.4"), Duration.ofDays(1), false);
        banMan.ban(subnet("2001:db8::/32"), Duration.ofDays(1), false);
        assertThat(banMan.unban(subnet("1.2.3.4"))).isTrue();
        assertThat(banMan.unban(subnet("1.2.3.4"))).isFalse();
        assertThat(banMan.banned()).containsOnlyKeys(subnet("2001:db8::/32"));
        banMan.clearBanned();
        assertThat(banMan.banned()).isEmpty();
    }

    @Test
    void discouragementIsBoundedOldestForgottenFirst() {
        NetAddress first = NetAddress.ipv4(9, 9, 9, 9);
        banMan.discourage(first);
        assertThat(banMan.isDiscouraged(first)).isTrue();
        assertThat(banMan.isBanned(first)).isFalse();
        for (int i = 0; i < BanMan.DISCOURAGED_CAPACITY; i++) {
            banMan.discourage(NetAddress.ipv4(10, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff));
        }
        assertThat(banMan.isDiscouraged(first)).isFalse();
        assertThat(banMan.isDiscouraged(NetAddress.ipv4(10, 0, 0, 0))).isTrue();
        banMan.clearDiscouraged();
        assertThat(banMan.isDiscouraged(NetAddress.ipv4(10, 0, 0, 0))).isFalse();
    }
}
