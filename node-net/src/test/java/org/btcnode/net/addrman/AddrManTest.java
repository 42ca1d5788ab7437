package org.btcnode.net.addrman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.btcnode.net.addrman.AddrManFixtures.NOW;
import static org.btcnode.net.addrman.AddrManFixtures.addr;
import static org.btcnode.net.addrman.AddrManFixtures.deterministic;
import static org.btcnode.net.addrman.AddrManFixtures.hostPort;
import static org.btcnode.net.addrman.AddrManFixtures.ip;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressBookStore;
import org.btcnode.core.store.AddressBookStore.Changes;
import org.btcnode.core.store.AddressBookStore.Slot;
import org.btcnode.core.store.AddressBookStore.Snapshot;
import org.btcnode.core.store.AddressBookStore.StoredAddress;
import org.btcnode.core.store.AddressSource.Candidate;
import org.btcnode.core.store.StoreException;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.connman.NetGroup;
import org.btcnode.net.connman.Network;
import org.junit.jupiter.api.Test;

/**
 * Core's src/test/addrman_tests.cpp scenarios, with Core's deterministic key {@code uint256{1}}
 * so the collision points (250.1.1.23 in new, 250.1.1.36 against 250.1.1.19 in tried, …) and
 * the bucket numbers are Core's own (Bitcoin Core, MIT licence: the expected values are copied,
 * the code is ours).
 */
class AddrManTest {
    private static final NetAddress SOURCE = ip("252.2.2.2");
    private static final Duration NO_PENALTY = Duration.ZERO;

    private static boolean add(AddrMan am, Address a, NetAddress source) {
        return am.add(List.of(a), source, NO_PENALTY, NOW);
    }

    /** {@code (HashWriter{} << n).GetHash()}: Core's test keys nKey1 and nKey2. */
    private static byte[] testKey(int n) {
        return new HashWriter().int32(n).hash();
    }

    @Test
    void triedBucketLegacy() {       // caddrinfo_get_tried_bucket_legacy
        byte[] key1 = testKey(1);
        byte[] key2 = testKey(2);
        NetAddress a = ip("250.1.1.1");
        assertThat(AddrInfo.triedBucket(key1, a, 8333)).isEqualTo(40);
        assertThat(AddrInfo.triedBucket(key1, a, 8333)).isNotEqualTo(AddrInfo.triedBucket(key2, a, 8333));
        assertThat(AddrInfo.triedBucket(key1, a, 8333)).isNotEqualTo(AddrInfo.triedBucket(key1, a, 9999));
        Set<Integer> buckets = new HashSet<>();
        for (int i = 0; i < 255; i++) {
            buckets.add(AddrInfo.triedBucket(key1, ip("250.1.1." + i), 0));
        }
        assertThat(buckets).hasSize(8);     // one /16: ADDRMAN_TRIED_BUCKETS_PER_GROUP buckets
        buckets.clear();
        for (int j = 0; j < 255; j++) {
            buckets.add(AddrInfo.triedBucket(key1, ip("250." + j + ".1.1"), 0));
        }
        assertThat(buckets).hasSize(160);
    }

    @Test
    void newBucketLegacy() {         // caddrinfo_get_new_bucket_legacy
        byte[] key1 = testKey(1);
        byte[] key2 = testKey(2);
        NetAddress a = ip("250.1.2.1");
        assertThat(AddrInfo.newBucket(key1, a, a)).isEqualTo(786);
        assertThat(AddrInfo.newBucket(key1, a, a)).isNotEqualTo(AddrInfo.newBucket(key2, a, a));
        assertThat(AddrInfo.serviceKey(a, 8333)).isNotEqualTo(AddrInfo.serviceKey(a, 9999));
        Set<Integer> buckets = new HashSet<>();
        for (int i = 0; i < 255; i++) {
            NetAddress x = ip("250.1.1." + i);
            buckets.add(AddrInfo.newBucket(key1, x, x));
        }
        assertThat(buckets).hasSize(1);     // same group, same source group: one bucket
        buckets.clear();
        for (int j = 0; j < 4 * 255; j++) {
            buckets.add(AddrInfo.newBucket(key1, ip((250 + j / 255) + "." + (j % 256) + ".1.1"), ip("251.4.1.1")));
        }
        assertThat(buckets.size()).isLessThanOrEqualTo(AddrMan.ADDRMAN_NEW_BUCKETS_PER_SOURCE_GROUP);
        buckets.clear();
        for (int p = 0; p < 255; p++) {
            buckets.add(AddrInfo.newBucket(key1, ip("250.1.1.1"), ip("250." + p + ".1.1")));
        }
        assertThat(buckets.size()).isGreaterThan(64);
    }

    @Test
    void cheapHashIsTheFirstEightBytesLittleEndian() {
        // SHA256d("") = 5df6e0e2761359d3 0a8275058e299fcc 0381534545f55cf4 3e41983f5d4c9456
        assertThat(new HashWriter().cheapHash()).isEqualTo(0xd3591376e2e0f65dL);
    }

    @Test
    void simple() {                  // addrman_simple
        AddrMan am = deterministic();
        assertThat(am.size()).isZero();
        assertThat(am.select(false, NOW)).isEmpty();
        Address a1 = addr("250.1.1.1", 8333);
        assertThat(add(am, a1, SOURCE)).isTrue();
        assertThat(am.size()).isEqualTo(1);
        assertThat(hostPort(am.select(false, NOW).orElseThrow().address())).isEqualTo("250.1.1.1:8333");
        assertThat(add(am, addr("250.1.1.1", 8333), SOURCE)).isFalse();
        assertThat(am.size()).isEqualTo(1);
        assertThat(add(am, addr("250.1.1.2", 8333), SOURCE)).isTrue();
        assertThat(am.size()).isEqualTo(2);
        AddrMan fresh = deterministic();
        assertThat(fresh.add(List.of(addr("250.1.1.3", 8333), addr("250.1.1.4", 8333)), SOURCE, NO_PENALTY, NOW))
                .isTrue();
        assertThat(fresh.size()).isGreaterThanOrEqualTo(1);
        fresh.check();
    }

    @Test
    void unroutableAddressesAreIgnored() {
        AddrMan am = deterministic();
        assertThat(add(am, addr("10.0.0.1", 8333), SOURCE)).isFalse();
        assertThat(add(am, addr("127.0.0.1", 8333), SOURCE)).isFalse();
        assertThat(am.size()).isZero();
        assertThat(am.hasPendingChanges()).isFalse();   // nothing recorded (the key was stored already)
    }

    @Test
    void ports() {                   // addrman_ports
        AddrMan am = deterministic();
        assertThat(add(am, addr("250.1.1.1", 8333), SOURCE)).isTrue();
        assertThat(add(am, addr("250.1.1.1", 8334), SOURCE)).isTrue();
        assertThat(am.size()).isEqualTo(2);
        assertThat(hostPort(am.select(false, NOW).orElseThrow().address())).isIn("250.1.1.1:8333", "250.1.1.1:8334");
        am.markGood(ip("250.1.1.1"), 8334, NOW);
        assertThat(am.size()).isEqualTo(2);
        assertThat(hostPort(am.select(true, NOW).orElseThrow().address())).isEqualTo("250.1.1.1:8333");
    }

    @Test
    void select() {                  // addrman_select
        AddrMan am = deterministic();
        assertThat(am.select(false, NOW)).isEmpty();
        assertThat(am.select(true, NOW)).isEmpty();
        Address a1 = addr("250.1.1.1", 8333);
        assertThat(add(am, a1, SOURCE)).isTrue();
        assertThat(am.select(true, NOW).orElseThrow().address()).isEqualTo(a1);
        assertThat(am.select(false, NOW).orElseThrow().address()).isEqualTo(a1);
        assertThat(am.markGood(a1.address(), a1.port(), NOW)).isTrue();
        assertThat(am.size()).isEqualTo(1);
        assertThat(am.select(true, NOW)).isEmpty();
        assertThat(am.select(false, NOW).orElseThrow().address().address()).isEqualTo(a1.address());

        Address a2 = addr("250.3.1.1", 8333);
        assertThat(add(am, a2, a2.address())).isTrue();
        assertThat(am.select(true, NOW).orElseThrow().address()).isEqualTo(a2);
        Address a3 = addr("250.3.2.2", 9999);
        Address a4 = addr("250.3.3.3", 9999);
        assertThat(add(am, a3, a2.address())).isTrue();
        assertThat(add(am, a4, ip("250.4.1.1"))).isTrue();
        Address a5 = addr("250.4.4.4", 8333);
        Address a6 = addr("250.4.5.5", 7777);
        Address a7 = addr("250.4.6.6", 8333);
        assertThat(add(am, a5, a3.address())).isTrue();
        assertThat(am.markGood(a5.address(), a5.port(), NOW)).isTrue();
        assertThat(add(am, a6, a3.address())).isTrue();
        assertThat(am.markGood(a6.address(), a6.port(), NOW)).isTrue();
        assertThat(add(am, a7, ip("250.1.1.3"))).isTrue();
        assertThat(am.markGood(a7.address(), a7.port(), NOW)).isTrue();
        assertThat(am.size()).isEqualTo(7);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ports.add(am.select(false, NOW).orElseThrow().address().port());
        }
        assertThat(ports).containsExactlyInAnyOrder(8333, 9999, 7777);
        am.check();
    }

    @Test
    void newCollisions() {           // addrman_new_collisions
        AddrMan am = deterministic();
        int n = 0;
        while (n < 22) {             // Core: 250.1.1.1 - 250.1.1.22 do not collide with key 1
            assertThat(add(am, addr("250.1.1." + ++n, 0), SOURCE)).isTrue();
            assertThat(am.size()).isEqualTo(n);
        }
        // 250.1.1.23 takes the slot of an earlier (terrible: TIME_INIT) entry
        assertThat(add(am, addr("250.1.1." + ++n, 0), SOURCE)).isTrue();
        assertThat(am.size()).isEqualTo(n - 1);
        assertThat(add(am, addr("250.1.1." + ++n, 0), SOURCE)).isTrue();
        assertThat(am.size()).isEqualTo(n - 1);
        am.check();
    }

    @Test
    void newMultiplicity() {         // addrman_new_multiplicity
        AddrMan am = deterministic();
        Instant start = NOW;
        for (int i = 1; i < 20; i++) {
            am.add(List.of(addr("253.3.3.3", 8333, start)), ip((i % 256) + "." + (i >> 8) + ".1.1"), NO_PENALTY, NOW);
        }
        assertThat(am.findAddressEntry(ip("253.3.3.3"), 8333).orElseThrow().multiplicity()).isEqualTo(1);
        assertThat(am.size()).isEqualTo(1);
        for (int i = 1; i < 400; i++) {
            am.add(List.of(addr("253.3.3.3", 8333, start.plusSeconds(i))), ip((i % 256) + "." + (i >> 8) + ".1.1"),
                    NO_PENALTY, NOW);
        }
        assertThat(am.findAddressEntry(ip("253.3.3.3"), 8333).orElseThrow().multiplicity())
                .isEqualTo(AddrMan.ADDRMAN_NEW_BUCKETS_PER_ADDRESS);
        assertThat(am.size()).isEqualTo(1);
        am.check();
    }

    @Test
    void triedCollisions() {         // addrman_tried_collisions
        AddrMan am = deterministic();
        int n = 0;
        while (n < 35) {             // Core: 250.1.1.1 - 250.1.1.35 do not collide in tried with key 1
            Address a = addr("250.1.1." + ++n, 0);
            assertThat(add(am, a, SOURCE)).isTrue();
            assertThat(am.markGood(a.address(), 0, NOW)).isTrue();
        }
        Address a36 = addr("250.1.1." + ++n, 0);
        assertThat(add(am, a36, SOURCE)).isTrue();
        assertThat(am.markGood(a36.address(), 0, NOW)).isFalse();
        Address a37 = addr("250.1.1." + ++n, 0);
        assertThat(add(am, a37, SOURCE)).isTrue();
        assertThat(am.markGood(a37.address(), 0, NOW)).isTrue();
        am.check();
    }

    @Test
    void getAddr() {                 // addrman_getaddr
        AddrMan am = deterministic();
        assertThat(am.getAddr(0, 0, Optional.empty(), true, NOW)).isEmpty();
        Address a1 = addr("250.250.2.1", 8333, NOW);
        Address a2 = addr("250.251.2.2", 9999, NOW);
        Address a3 = addr("251.252.2.3", 8333, NOW);
        Address a4 = addr("252.253.3.4", 8333, NOW);
        Address a5 = addr("252.254.4.5", 8333, NOW);
        assertThat(am.add(List.of(a1, a3, a5), ip("250.1.2.1"), NO_PENALTY, NOW)).isTrue();
        assertThat(am.add(List.of(a2, a4), ip("250.2.3.3"), NO_PENALTY, NOW)).isTrue();
        assertThat(am.getAddr(0, 0, Optional.empty(), true, NOW)).hasSize(5);
        assertThat(am.getAddr(2500, 23, Optional.empty(), true, NOW)).hasSize(1);   // 23 % of 5, rounded down
        assertThat(am.markGood(a1.address(), a1.port(), NOW)).isTrue();
        assertThat(am.markGood(a2.address(), a2.port(), NOW)).isTrue();
        assertThat(am.getAddr(0, 0, Optional.empty(), true, NOW)).hasSize(5);
        assertThat(am.getAddr(2500, 23, Optional.empty(), true, NOW)).hasSize(1);
        for (int i = 1; i < 8 * 256; i++) {
            String s = (i % 256) + "." + (i >> 8) + ".1.23";
            Address a = addr(s, 0, NOW);
            am.add(List.of(a), ip(s), NO_PENALTY, NOW);
            if (i % 8 == 0) {
                am.markGood(a.address(), 0, NOW);
            }
        }
        List<Address> reply = am.getAddr(2500, 23, Optional.empty(), true, NOW);
        assertThat(reply).hasSize(am.size() * 23 / 100);
        assertThat(reply).hasSize(461);
        assertThat(am.size()).isEqualTo(2006);       // fewer than added: collisions
        assertThat(am.getAddr(AddrMan.MAX_ADDR_TO_SEND, 100, Optional.empty(), true, NOW))
                .hasSize(AddrMan.MAX_ADDR_TO_SEND);
        assertThat(am.getAddr(0, 0, Optional.of(Network.IPV6), true, NOW)).isEmpty();
        assertThat(am.getAddr(0, 0, Optional.of(Network.IPV4), true, NOW)).hasSize(2006);
        assertThat(reply).doesNotHaveDuplicates();
        am.check();
    }

    @Test
    void getAddrUnfiltered() {       // getaddr_unfiltered
        AddrMan am = deterministic();
        Address a1 = addr("250.250.2.1", 8333, NOW);
        Address a2 = addr("250.251.2.2", 9999);              // TIME_INIT: terrible
        NetAddress source = ip("250.1.2.1");
        assertThat(am.add(List.of(a1, a2), source, NO_PENALTY, NOW)).isTrue();
        Address a3 = addr("250.251.2.3", 9998, NOW);
        am.markGood(a3.address(), a3.port(), NOW);            // unknown yet: only sets the last Good time
        assertThat(add(am, a3, source)).isTrue();
        for (int i = 0; i < 3; i++) {                         // ADDRMAN_RETRIES failures, none in the last minute
            am.attempt(a3.address(), a3.port(), true, NOW.minusSeconds(61));
        }
        assertThat(am.getAddr(0, 0, Optional.empty(), true, NOW)).containsExactly(a1);
        assertThat(am.getAddr(0, 0, Optional.empty(), false, NOW)).hasSize(3);
    }

    @Test
    void selectTriedCollisionAndDuplicates() {     // addrman_selecttriedcollision
        AddrMan am = deterministic();
        assertThat(am.selectTriedCollision()).isEmpty();
        for (int i = 1; i < 23; i++) {
            Address a = addr("250.1.1." + i, 0);
            assertThat(add(am, a, SOURCE)).isTrue();
            assertThat(am.markGood(a.address(), 0, NOW)).isTrue();
            assertThat(am.selectTriedCollision()).isEmpty();
        }
        for (int i = 1; i < 23; i++) {
            assertThat(am.markGood(ip("250.1.1." + i), 0, NOW)).isFalse();   // a duplicate is no collision
            assertThat(am.selectTriedCollision()).isEmpty();
        }
    }

    private static AddrMan thirtyFiveTried() {
        AddrMan am = deterministic();
        for (int i = 1; i < 36; i++) {
            Address a = addr("250.1.1." + i, 0);
            assertThat(add(am, a, SOURCE)).isTrue();
            assertThat(am.markGood(a.address(), 0, NOW)).isTrue();
        }
        return am;
    }

    @Test
    void noEvictWhenTheOldEntryConnectedRecently() {      // addrman_noevict
        AddrMan am = thirtyFiveTried();
        NetAddress a36 = ip("250.1.1.36");
        assertThat(add(am, addr("250.1.1.36", 0), SOURCE)).isTrue();
        assertThat(am.markGood(a36, 0, NOW)).isFalse();
        assertThat(hostPort(am.selectTriedCollision().orElseThrow().address())).isEqualTo("250.1.1.19:0");
        am.resolveCollisions(NOW);      // 19 succeeded just now: 36 stays in new
        assertThat(am.selectTriedCollision()).isEmpty();
        assertThat(am.findAddressEntry(a36, 0).orElseThrow().tried()).isFalse();
        assertThat(am.findAddressEntry(ip("250.1.1.19"), 0).orElseThrow().tried()).isTrue();

        for (int i = 37; i < 59; i++) {
            Address a = addr("250.1.1." + i, 0);
            assertThat(add(am, a, SOURCE)).isTrue();
            assertThat(am.markGood(a.address(), 0, NOW)).isTrue();
        }
        assertThat(add(am, addr("250.1.1.59", 0), SOURCE)).isTrue();
        assertThat(am.markGood(ip("250.1.1.59"), 0, NOW)).isFalse();
        assertThat(hostPort(am.selectTriedCollision().orElseThrow().address())).isEqualTo("250.1.1.10:0");
        assertThat(add(am, addr("250.1.1.36", 0), SOURCE)).isFalse();
        assertThat(am.markGood(a36, 0, NOW)).isFalse();
        assertThat(am.selectTriedCollision()).isPresent();
        am.resolveCollisions(NOW);
        assertThat(am.selectTriedCollision()).isEmpty();
        am.check();
    }

    @Test
    void evictionWorksWhenTheFeelerFails() {     // addrman_evictionworks
        AddrMan am = thirtyFiveTried();
        NetAddress a36 = ip("250.1.1.36");
        NetAddress a19 = ip("250.1.1.19");
        assertThat(add(am, addr("250.1.1.36", 0), SOURCE)).isTrue();
        assertThat(am.markGood(a36, 0, NOW)).isFalse();
        Candidate old = am.selectTriedCollision().orElseThrow();
        assertThat(hostPort(old.address())).isEqualTo("250.1.1.19:0");
        // the feeler to 19 fails: its last success is long ago, its last try over a minute ago
        assertThat(am.markGood(a19, 0, Instant.ofEpochSecond(1))).isFalse();
        am.attempt(a19, 0, false, NOW.minusSeconds(61));
        am.resolveCollisions(NOW);
        assertThat(am.selectTriedCollision()).isEmpty();
        assertThat(am.findAddressEntry(a36, 0).orElseThrow().tried()).isTrue();
        assertThat(am.markGood(a36, 0, NOW)).isFalse();   // already tried: no collision
        assertThat(am.selectTriedCollision()).isEmpty();
        assertThat(am.markGood(a19, 0, NOW)).isFalse();   // 19, back in new, now collides with 36
        assertThat(hostPort(am.selectTriedCollision().orElseThrow().address())).isEqualTo("250.1.1.36:0");
        // 4 hours later, untested for over ADDRMAN_TEST_WINDOW: 19 replaces 36 anyway
        am.resolveCollisions(NOW.plus(AddrMan.ADDRMAN_REPLACEMENT));
        assertThat(am.selectTriedCollision()).isEmpty();
        assertThat(am.findAddressEntry(a19, 0).orElseThrow().tried()).isTrue();
        assertThat(am.findAddressEntry(a36, 0).orElseThrow().tried()).isFalse();
        am.check();
    }

    /** A collision between 36 (new) and 19 (tried), where 19 last succeeded 5 hours before {@code t}. */
    private static AddrMan collisionAt(Instant t) {
        AddrMan am = deterministic();
        Instant early = t.minus(Duration.ofHours(5));
        for (int i = 1; i < 36; i++) {
            Address a = addr("250.1.1." + i, 0);
            am.add(List.of(a), SOURCE, NO_PENALTY, early);
            am.markGood(a.address(), 0, early);
        }
        am.add(List.of(addr("250.1.1.36", 0)), SOURCE, NO_PENALTY, t);
        assertThat(am.markGood(ip("250.1.1.36"), 0, t)).isFalse();
        return am;
    }

    @Test
    void testBeforeEvictKeepsTheOldEntryWhenTheFeelerSucceeds() {
        Instant t = NOW;
        AddrMan am = collisionAt(t);
        Candidate old = am.selectTriedCollision().orElseThrow();
        am.attempt(old.address().address(), 0, true, t.plusSeconds(5));
        am.markGood(old.address().address(), 0, t.plusSeconds(6));      // the feeler connected
        am.resolveCollisions(t.plusSeconds(10));
        assertThat(am.selectTriedCollision()).isEmpty();
        assertThat(am.findAddressEntry(ip("250.1.1.19"), 0).orElseThrow().tried()).isTrue();
        assertThat(am.findAddressEntry(ip("250.1.1.36"), 0).orElseThrow().tried()).isFalse();
    }

    @Test
    void testBeforeEvictGivesTheFeelerAMinuteThenEvicts() {
        Instant t = NOW;
        AddrMan am = collisionAt(t);
        am.attempt(ip("250.1.1.19"), 0, true, t.plusSeconds(1));         // feeler dialled, no success
        am.resolveCollisions(t.plusSeconds(31));
        assertThat(am.selectTriedCollision()).isPresent();
        am.resolveCollisions(t.plusSeconds(62));
        assertThat(am.selectTriedCollision()).isEmpty();
        assertThat(am.findAddressEntry(ip("250.1.1.36"), 0).orElseThrow().tried()).isTrue();
        assertThat(am.findAddressEntry(ip("250.1.1.19"), 0).orElseThrow().tried()).isFalse();
        am.check();
    }

    @Test
    void testBeforeEvictEvictsAfterTheFortyMinuteWindowWithoutATest() {
        Instant t = NOW;
        AddrMan am = collisionAt(t);
        am.resolveCollisions(t.plus(Duration.ofMinutes(40)));
        assertThat(am.selectTriedCollision()).isPresent();                // window not yet over
        assertThat(am.findAddressEntry(ip("250.1.1.36"), 0).orElseThrow().tried()).isFalse();
        am.resolveCollisions(t.plus(Duration.ofMinutes(40)).plusSeconds(1));
        assertThat(am.selectTriedCollision()).isEmpty();
        assertThat(am.findAddressEntry(ip("250.1.1.36"), 0).orElseThrow().tried()).isTrue();
    }

    @Test
    void triedCollisionsAreCappedAtTen() {
        AddrMan am = deterministic();
        // 256 × 64 tried slots; fill /16s until ADDRMAN_SET_TRIED_COLLISION_SIZE collisions are queued
        int collisions = 0;
        for (int i = 1; i < 4000 && collisions < 15; i++) {
            Address a = addr("250." + (i / 250) + "." + (i % 250) + ".1", 8333, NOW);
            am.add(List.of(a), a.address(), NO_PENALTY, NOW);
            if (am.findAddressEntry(a.address(), 8333).isPresent() && !am.markGood(a.address(), 8333, NOW)) {
                collisions++;
            }
        }
        assertThat(collisions).isEqualTo(15);
        Set<String> olds = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            olds.add(hostPort(am.selectTriedCollision().orElseThrow().address()));
        }
        assertThat(olds.size()).isLessThanOrEqualTo(AddrMan.ADDRMAN_SET_TRIED_COLLISION_SIZE);
    }

    @Test
    void updateAddress() {           // addrman_update_address
        AddrMan am = deterministic();
        Instant start = NOW.minusSeconds(10_000);
        Address a = addr("250.1.1.1", 8333, start);
        assertThat(add(am, a, SOURCE)).isTrue();
        am.connected(a.address(), 8334, NOW);
        am.setServices(a.address(), 8334, ServiceFlags.NODE_NETWORK_LIMITED);
        Address got = am.getAddr(0, 0, Optional.empty(), true, NOW).get(0);
        assertThat(got.time()).isEqualTo(start);
        assertThat(got.services()).isEqualTo(ServiceFlags.NODE_NONE);

        am.connected(a.address(), 8333, NOW);
        am.setServices(a.address(), 8333, ServiceFlags.NODE_NETWORK_LIMITED);
        got = am.getAddr(0, 0, Optional.empty(), true, NOW).get(0);
        assertThat(got.time()).isEqualTo(NOW);
        assertThat(got.services()).isEqualTo(ServiceFlags.NODE_NETWORK_LIMITED);

        Address v2 = new Address(start, ServiceFlags.NODE_P2P_V2, a.address(), 8333);
        assertThat(add(am, v2, SOURCE)).isFalse();          // adds services, never removes
        assertThat(am.getAddr(0, 0, Optional.empty(), true, NOW).get(0).services())
                .isEqualTo(ServiceFlags.of(ServiceFlags.NODE_P2P_V2, ServiceFlags.NODE_NETWORK_LIMITED));
        am.setServices(a.address(), 8333, ServiceFlags.NODE_NETWORK);   // replaces
        assertThat(am.markGood(a.address(), 8333, NOW)).isTrue();
        assertThat(am.getAddr(0, 0, Optional.empty(), true, NOW).get(0).services())
                .isEqualTo(ServiceFlags.NODE_NETWORK);
        assertThat(add(am, v2, SOURCE)).isFalse();
        assertThat(am.getAddr(0, 0, Optional.empty(), true, NOW).get(0).services())
                .isEqualTo(ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_P2P_V2));
    }

    @Test
    void connectedUpdatesTheTimeOnlyAfterTwentyMinutes() {
        AddrMan am = deterministic();
        Address a = addr("250.1.1.1", 8333, NOW);
        add(am, a, SOURCE);
        am.connected(a.address(), 8333, NOW.plus(Duration.ofMinutes(20)));
        assertThat(am.getAddr(0, 0, Optional.empty(), false, NOW).get(0).time()).isEqualTo(NOW);
        am.connected(a.address(), 8333, NOW.plus(Duration.ofMinutes(20)).plusSeconds(1));
        assertThat(am.getAddr(0, 0, Optional.empty(), false, NOW).get(0).time())
                .isEqualTo(NOW.plus(Duration.ofMinutes(20)).plusSeconds(1));
    }

    @Test
    void addAppliesTheTimePenaltyExceptToSelfAnnouncements() {
        AddrMan am = deterministic();
        Duration twoHours = Duration.ofHours(2);
        am.add(List.of(addr("250.1.1.1", 8333, NOW)), SOURCE, twoHours, NOW);
        am.add(List.of(addr("250.9.1.1", 8333, NOW)), ip("250.9.1.1"), twoHours, NOW);
        Map<String, Instant> times = new LinkedHashMap<>();
        am.getAddr(0, 0, Optional.empty(), false, NOW).forEach(x -> times.put(hostPort(x), x.time()));
        assertThat(times).containsEntry("250.1.1.1:8333", NOW.minus(twoHours))
                .containsEntry("250.9.1.1:8333", NOW);
        // a fresher announcement updates the time once it is over an hour newer (plus the penalty)
        am.add(List.of(addr("250.1.1.1", 8333, NOW.plus(Duration.ofHours(3)))), SOURCE, twoHours,
                NOW.plus(Duration.ofHours(3)));
        assertThat(am.getAddr(0, 0, Optional.empty(), false, NOW).stream()
                .filter(x -> hostPort(x).equals("250.1.1.1:8333")).findFirst().orElseThrow().time())
                .isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void isTerribleFollowsCoresRules() {
        long now = NOW.getEpochSecond();
        long day = 86_400;
        AddrInfo fresh = info(now, 0, 0, 0);
        assertThat(fresh.isTerrible(now)).isFalse();
        assertThat(info(now + 601, 0, 0, 0).isTerrible(now)).isTrue();          // more than 10 minutes ahead
        assertThat(info(now + 600, 0, 0, 0).isTerrible(now)).isFalse();
        assertThat(info(now - 30 * day - 1, 0, 0, 0).isTerrible(now)).isTrue(); // older than ADDRMAN_HORIZON
        assertThat(info(now - 30 * day, 0, 0, 0).isTerrible(now)).isFalse();
        assertThat(info(now, 0, 0, 3).isTerrible(now)).isTrue();                // ADDRMAN_RETRIES, never a success
        assertThat(info(now, 0, 0, 2).isTerrible(now)).isFalse();
        assertThat(info(now, 0, now - 7 * day - 1, 10).isTerrible(now)).isTrue(); // ADDRMAN_MAX_FAILURES in a week
        assertThat(info(now, 0, now - 7 * day - 1, 9).isTerrible(now)).isFalse();
        assertThat(info(now, 0, now - 6 * day, 10).isTerrible(now)).isFalse();
        // tried in the last minute: never terrible, even from the future
        assertThat(info(now + 10 * day, now - 60, 0, 5).isTerrible(now)).isFalse();
        assertThat(info(now + 10 * day, now - 61, 0, 5).isTerrible(now)).isTrue();
    }

    private static AddrInfo info(long time, long lastTry, long lastSuccess, int attempts) {
        AddrInfo info = new AddrInfo(1, ip("250.1.1.1"), 8333, SOURCE, time, 0);
        info.lastTry = lastTry;
        info.lastSuccess = lastSuccess;
        info.attempts = attempts;
        return info;
    }

    @Test
    void chanceDeprioritisesRecentTriesAndFailures() {
        long now = NOW.getEpochSecond();
        assertThat(info(now, 0, 0, 0).chance(now)).isEqualTo(1.0);
        assertThat(info(now, now - 599, 0, 0).chance(now)).isEqualTo(0.01);
        assertThat(info(now, 0, 0, 2).chance(now)).isEqualTo(0.66 * 0.66);
        assertThat(info(now, 0, 0, 20).chance(now)).isEqualTo(Math.pow(0.66, 8));
    }

    @Test
    void attemptCountsOneFailurePerGood() {
        AddrMan am = deterministic();
        Address a = addr("250.1.1.1", 8333, NOW);
        add(am, a, SOURCE);
        am.attempt(a.address(), 8333, true, NOW);
        am.attempt(a.address(), 8333, true, NOW.plusSeconds(1));   // no Good since: not counted again
        am.attempt(a.address(), 8333, false, NOW.plusSeconds(2));
        assertThat(am.snapshot().entries().values().iterator().next().attempts()).isEqualTo(1);
        am.markGood(ip("250.7.7.7"), 8333, NOW.plusSeconds(3));    // any Good, even of an unknown address
        am.attempt(a.address(), 8333, true, NOW.plusSeconds(4));
        StoredAddress stored = am.snapshot().entries().values().iterator().next();
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.lastTry()).isEqualTo(NOW.plusSeconds(4));
    }

    @Test
    void addressSourceAdapter() {
        AddrMan am = deterministic();
        Address a = addr("250.1.1.1", 8333, NOW);
        add(am, a, SOURCE);
        Candidate c = am.select(false).orElseThrow();
        assertThat(c.address()).isEqualTo(a);
        assertThat(c.lastTry()).isEqualTo(Instant.EPOCH);
        am.attempt(a.address(), 8333, true, NOW);
        am.good(a.address(), 8333, NOW.plusSeconds(5));
        assertThat(am.triedCount()).isEqualTo(1);
        assertThat(am.select(true)).isEmpty();
        assertThat(am.select(false).orElseThrow().lastTry()).isEqualTo(NOW.plusSeconds(5));
    }

    // ---- persistence

    @Test
    void flushWritesOneBatchAndReloadRebuildsTheSameTables() {
        InMemoryAddressBookStore store = new InMemoryAddressBookStore();
        AddrMan am = deterministic(store);
        Snapshot empty = am.snapshot();
        assertThat(am.hasPendingChanges()).isTrue();
        am.flush();
        assertThat(store.load().key()).isEqualTo(empty.key());     // a fresh key is stored on first start
        assertThat(store.batchCount()).isEqualTo(1);
        for (int i = 1; i < 60; i++) {
            Address a = addr("250." + i + ".1.1", 8333, NOW);
            am.add(List.of(a), ip("251." + (i % 7) + ".1.1"), Duration.ofHours(2), NOW);
            if (i % 3 == 0) {
                am.markGood(a.address(), 8333, NOW);
            }
        }
        am.flush();
        assertThat(store.batchCount()).isEqualTo(2);
        am.flush();
        assertThat(store.batchCount()).isEqualTo(2);                  // nothing new: no batch
        AddrMan reloaded = deterministic(store);
        assertThat(reloaded.snapshot()).isEqualTo(am.snapshot());
        assertThat(store.load().entries()).isEqualTo(am.snapshot().entries());
        assertThat(store.load().slots()).isEqualTo(am.snapshot().slots());
        assertThat(reloaded.size()).isEqualTo(am.size());
        assertThat(reloaded.triedCount()).isEqualTo(am.triedCount());
        reloaded.check();
    }

    private static Snapshot goodSnapshot() {
        AddrMan am = deterministic();
        am.add(List.of(addr("250.1.1.1", 8333, NOW), addr("250.2.1.1", 8333, NOW)), SOURCE, Duration.ZERO, NOW);
        am.markGood(ip("250.2.1.1"), 8333, NOW);
        return am.snapshot();
    }

    private static StoreException loadCorrupt(Snapshot snapshot) {
        try {
            deterministic(new InMemoryAddressBookStore(snapshot));
        } catch (StoreException e) {
            return e;
        }
        throw new AssertionError("loaded a corrupt book");
    }

    @Test
    void aSlotPointingToAMissingEntryIsCorrupt() {
        Snapshot s = goodSnapshot();
        Map<Long, StoredAddress> entries = new LinkedHashMap<>(s.entries());
        long newId = s.entries().values().stream().filter(e -> !e.inTried()).findFirst().orElseThrow().id();
        entries.remove(newId);
        StoreException e = loadCorrupt(new Snapshot(s.key(), entries, s.slots()));
        assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT);
        assertThat(e.getMessage()).contains("points to entry " + newId + ", which does not exist");
    }

    @Test
    void anEntryInNoTableIsCorrupt() {
        Snapshot s = goodSnapshot();
        Map<Slot, Long> slots = new LinkedHashMap<>(s.slots());
        slots.entrySet().removeIf(e -> !e.getKey().tried());
        StoreException e = loadCorrupt(new Snapshot(s.key(), s.entries(), slots));
        assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT);
        assertThat(e.getMessage()).contains("is in neither table");
    }

    @Test
    void duplicateAddressesAreCorrupt() {
        Snapshot s = goodSnapshot();
        Map<Long, StoredAddress> entries = new LinkedHashMap<>(s.entries());
        StoredAddress first = entries.values().iterator().next();
        entries.put(99L, new StoredAddress(99, first.address(), first.source(), first.lastTry(),
                first.lastCountAttempt(), first.lastSuccess(), 0, first.inTried()));
        StoreException e = loadCorrupt(new Snapshot(s.key(), entries, s.slots()));
        assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT);
        assertThat(e.getMessage()).contains("hold the same address");
    }

    @Test
    void anEntryInTheWrongSlotIsCorrupt() {
        Snapshot s = goodSnapshot();
        Map<Slot, Long> slots = new LinkedHashMap<>();
        s.slots().forEach((slot, id) -> slots.put(slot.tried()
                ? new Slot(true, slot.bucket(), (slot.position() + 1) % AddrMan.ADDRMAN_BUCKET_SIZE) : slot, id));
        StoreException e = loadCorrupt(new Snapshot(s.key(), s.entries(), slots));
        assertThat(e.getMessage()).contains("not where its hash puts it");
    }

    @Test
    void aTriedFlagWithoutATriedSlotIsCorrupt() {
        Snapshot s = goodSnapshot();
        Map<Slot, Long> slots = new LinkedHashMap<>(s.slots());
        slots.entrySet().removeIf(e -> e.getKey().tried());
        StoreException e = loadCorrupt(new Snapshot(s.key(), s.entries(), slots));
        assertThat(e.getMessage()).contains("marked tried but has no tried slot");
    }

    @Test
    void entriesWithoutAKeyAreCorrupt() {
        Snapshot s = goodSnapshot();
        StoreException e = loadCorrupt(new Snapshot(Optional.empty(), s.entries(), s.slots()));
        assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT);
        assertThat(e.getMessage()).startsWith("The address book is corrupt: it holds 2 addresses but no bucketing key");
    }

    @Test
    void aSlotOutsideTheTableIsCorrupt() {
        Snapshot s = goodSnapshot();
        Map<Slot, Long> slots = new LinkedHashMap<>(s.slots());
        slots.put(new Slot(true, AddrMan.ADDRMAN_TRIED_BUCKET_COUNT, 0), s.entries().keySet().iterator().next());
        assertThatThrownBy(() -> deterministic(new InMemoryAddressBookStore(new Snapshot(s.key(), s.entries(), slots))))
                .isInstanceOf(StoreException.class).hasMessageContaining("outside the table");
    }

    @Test
    void invalidStoredAddressesAreDroppedOnLoad() {        // remove_invalid
        Snapshot s = goodSnapshot();
        Map<Long, StoredAddress> entries = new LinkedHashMap<>(s.entries());
        StoredAddress newEntry = entries.values().stream().filter(e -> !e.inTried()).findFirst().orElseThrow();
        Address zero = new Address(newEntry.address().time(), newEntry.address().services(), ip("0.0.0.0"), 8333);
        entries.put(newEntry.id(), new StoredAddress(newEntry.id(), zero, newEntry.source(), newEntry.lastTry(),
                newEntry.lastCountAttempt(), newEntry.lastSuccess(), newEntry.attempts(), false));
        InMemoryAddressBookStore store = new InMemoryAddressBookStore(new Snapshot(s.key(), entries, s.slots()));
        AddrMan am = deterministic(store);
        assertThat(am.size()).isEqualTo(1);
        am.check();
        am.flush();                              // the drop is written back: entry and slot removed
        assertThat(store.load().entries()).doesNotContainKey(newEntry.id());
        assertThat(store.load().slots()).doesNotContainValue(newEntry.id());
        assertThat(deterministic(store).snapshot()).isEqualTo(am.snapshot());
    }

    @Test
    void aChangeWritesOnlyWhatChangedNotTheWholeBook() {
        List<Integer> batchSizes = new ArrayList<>();
        InMemoryAddressBookStore memory = InMemoryAddressBookStore.withKey(AddrManFixtures.deterministicKey());
        AddressBookStore recording = new AddressBookStore() {
            @Override
            public Snapshot load() {
                return memory.load();
            }

            @Override
            public void apply(Changes changes) {
                batchSizes.add(changes.size());
                memory.apply(changes);
            }
        };
        AddrMan am = AddrMan.load(recording, new SplittableRandom(1), InstantSource.fixed(NOW));
        for (int i = 1; i <= 500; i++) {
            am.add(List.of(addr("250." + i / 200 + "." + i % 200 + ".1", 8333, NOW)), ip("251." + i % 50 + ".1.1"),
                    NO_PENALTY, NOW);
        }
        am.flush();
        assertThat(am.size()).isGreaterThan(400);
        assertThat(batchSizes).hasSize(1);
        assertThat(batchSizes.get(0)).isEqualTo(2 * am.size());     // each entry and its one slot
        am.add(List.of(addr("250.99.1.1", 8333, NOW)), SOURCE, NO_PENALTY, NOW);
        am.flush();
        assertThat(batchSizes.get(1)).isEqualTo(2);                  // the new entry and its slot
        am.attempt(ip("250.99.1.1"), 8333, true, NOW);
        am.flush();
        assertThat(batchSizes.get(2)).isEqualTo(1);                  // the entry only
        assertThat(AddrMan.load(memory, new SplittableRandom(2), InstantSource.fixed(NOW))
                .snapshot()).isEqualTo(am.snapshot());
    }

    private static NetAddress i2p(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return NetAddress.of(NetworkId.I2P, b);
    }

    @Test
    void selectByNetwork() {         // addrman_select_by_network
        AddrMan am = deterministic();
        assertThat(am.select(true, Set.of(Network.IPV4), NOW)).isEmpty();
        assertThat(am.select(false, Set.of(Network.IPV4), NOW)).isEmpty();
        Address a1 = addr("250.1.1.1", 8333);
        assertThat(add(am, a1, SOURCE)).isTrue();
        assertThat(am.select(true, Set.of(Network.IPV4), NOW).orElseThrow().address()).isEqualTo(a1);
        assertThat(am.select(false, Set.of(Network.IPV4), NOW).orElseThrow().address()).isEqualTo(a1);
        for (Network other : List.of(Network.IPV6, Network.ONION, Network.I2P, Network.CJDNS)) {
            assertThat(am.select(false, Set.of(other), NOW)).isEmpty();
        }
        assertThat(am.select(true, Set.of(Network.CJDNS), NOW)).isEmpty();
        assertThat(am.select(false, NOW).orElseThrow().address()).isEqualTo(a1);

        Address i2p1 = new Address(AddrManFixtures.TIME_INIT, ServiceFlags.NODE_NONE, i2p(1), 0);
        assertThat(add(am, i2p1, SOURCE)).isTrue();
        assertThat(am.select(true, Set.of(Network.I2P), NOW).orElseThrow().address()).isEqualTo(i2p1);
        assertThat(am.select(false, Set.of(Network.I2P), NOW).orElseThrow().address()).isEqualTo(i2p1);
        assertThat(am.select(false, Set.of(Network.IPV4), NOW).orElseThrow().address()).isEqualTo(a1);
        assertThat(am.select(false, Set.of(Network.IPV4, Network.I2P), NOW)).isPresent();
        assertThat(am.select(false, Set.of(Network.IPV6, Network.ONION, Network.CJDNS), NOW)).isEmpty();

        assertThat(am.markGood(i2p1.address(), 0, NOW)).isTrue();
        assertThat(am.select(true, Set.of(Network.I2P), NOW)).isEmpty();
        assertThat(am.select(false, Set.of(Network.I2P), NOW).orElseThrow().address().address())
                .isEqualTo(i2p1.address());
        Address i2p2 = new Address(AddrManFixtures.TIME_INIT, ServiceFlags.NODE_NONE, i2p(2), 0);
        assertThat(add(am, i2p2, SOURCE)).isTrue();
        assertThat(am.select(true, Set.of(Network.I2P), NOW).orElseThrow().address()).isEqualTo(i2p2);
        Set<NetAddress> seen = new HashSet<>();
        for (int i = 0; i < 255 && seen.size() < 2; i++) {
            seen.add(am.select(false, Set.of(Network.I2P), NOW).orElseThrow().address().address());
        }
        assertThat(seen).containsExactlyInAnyOrder(i2p1.address(), i2p2.address());   // new and tried both
        assertThat(am.size(Network.I2P, true)).isEqualTo(1);
        assertThat(am.size(Network.I2P, false)).isEqualTo(1);
        assertThat(am.size(Network.IPV4, true)).isEqualTo(1);
        am.check();
    }

    @Test
    void selectSpecial() {           // addrman_select_special: the only IPv4 entry is in new
        AddrMan am = AddrMan.load(new InMemoryAddressBookStore(), new SplittableRandom(99), InstantSource.fixed(NOW));
        Address i2p1 = new Address(AddrManFixtures.TIME_INIT, ServiceFlags.NODE_NONE, i2p(1), 0);
        assertThat(add(am, i2p1, SOURCE)).isTrue();
        assertThat(am.markGood(i2p1.address(), 0, NOW)).isTrue();
        Address a1 = addr("250.1.1.3", 8333);
        assertThat(add(am, a1, SOURCE)).isTrue();
        for (int i = 0; i < 50; i++) {
            assertThat(am.select(false, Set.of(Network.IPV4), NOW).orElseThrow().address()).isEqualTo(a1);
        }
    }

    @Test
    void countsTheNewTableBySourceGroupThroughAddGoodAndReload() {
        AddrMan am = deterministic();
        Bytes groupA = NetGroup.group(ip("44.1.2.3"));
        Bytes groupB = NetGroup.group(ip("45.9.9.9"));
        for (int i = 1; i <= 20; i++) {
            add(am, addr("250." + i + ".1.1", 8333), ip("44.1.2.3"));
        }
        add(am, addr("250.100.1.1", 8333), ip("44.1.7.7"));        // same /16 as the first source
        add(am, addr("250.101.1.1", 8333), ip("45.9.9.9"));
        assertThat(am.newCountsBySourceGroup()).containsOnly(Map.entry(groupA, 21), Map.entry(groupB, 1));
        assertThat(am.source(ip("250.100.1.1"), 8333)).contains(ip("44.1.7.7"));
        assertThat(am.source(ip("250.100.1.1"), 8334)).isEmpty();

        // to tried: no longer in the new table, no longer counted; the last of a group leaves no zero behind
        assertThat(am.markGood(ip("250.101.1.1"), 8333, NOW)).isTrue();
        assertThat(am.markGood(ip("250.1.1.1"), 8333, NOW)).isTrue();
        assertThat(am.newCountsBySourceGroup()).containsOnly(Map.entry(groupA, 20));
        assertThat(am.newCountsBySourceGroup().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(am.newCount());
        am.check();

        InMemoryAddressBookStore store = new InMemoryAddressBookStore();
        AddrMan stored = deterministic(store);
        for (int i = 1; i <= 5; i++) {
            add(stored, addr("250." + i + ".1.1", 8333), ip("44.1.2.3"));
        }
        stored.flush();
        assertThat(deterministic(store).newCountsBySourceGroup()).containsOnly(Map.entry(groupA, 5));
    }
}
