package org.btcnode.net.addrman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.addrman.AddrManFixtures.NOW;
import static org.btcnode.net.addrman.AddrManFixtures.deterministicKey;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressBookStore.Slot;
import org.btcnode.core.store.AddressBookStore.Snapshot;
import org.btcnode.core.store.AddressBookStore.StoredAddress;

/**
 * Properties of the address book under random operations: the grid never overflows and stays
 * consistent, one source group stays within its ADDRMAN_NEW_BUCKETS_PER_SOURCE_GROUP buckets,
 * floods of new addresses never displace tried ones, and a flushed book reloads identically.
 */
class AddrManPropertiesTest {

    /** One random operation: kind, three address bytes, a source byte, seconds to advance. */
    record Op(int kind, int a, int b, int c, int source, int advanceSeconds) {
        NetAddress address() {
            return NetAddress.ipv4(250 + a % 4, b % 16, c, 1 + c % 7);
        }

        int port() {
            return c % 3 == 0 ? 8334 : 8333;
        }

        NetAddress sourceAddress() {
            return NetAddress.ipv4(100 + source % 8, source, 1, 1);
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 9), octet, octet, octet, octet,
                Arbitraries.integers().between(0, 7200)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(400);
    }

    /** Runs the operations (kind 9 flushes) from {@code NOW}; returns the time after the last one. */
    private static Instant run(AddrMan am, List<Op> ops) {
        Instant now = NOW;
        for (Op op : ops) {
            now = now.plusSeconds(op.advanceSeconds());
            switch (op.kind()) {
                case 0, 1, 2, 3 -> am.add(List.of(new Address(now.minusSeconds(op.source() * 600L),
                        new ServiceFlags(op.b()), op.address(), op.port())), op.sourceAddress(), Duration.ofHours(2), now);
                case 4, 5 -> am.markGood(op.address(), op.port(), now);
                case 6 -> am.attempt(op.address(), op.port(), op.b() % 2 == 0, now);
                case 7 -> am.connected(op.address(), op.port(), now);
                case 8 -> {
                    am.resolveCollisions(now);
                    am.selectTriedCollision();
                    am.select(op.b() % 2 == 0, now);
                }
                case 9 -> am.flush();
                default -> throw new IllegalStateException("kind " + op.kind());
            }
        }
        return now;
    }

    private static AddrMan fresh(InMemoryAddressBookStore store, long seed) {
        return AddrMan.load(store, new SplittableRandom(seed), InstantSource.fixed(NOW));
    }

    @Property(tries = 40)
    void noBucketHoldsMoreThanSixtyFourAndTheTablesStayConsistent(@ForAll("operations") List<Op> ops,
            @ForAll long seed) {
        AddrMan am = fresh(new InMemoryAddressBookStore(), seed);
        run(am, ops);
        am.check();
        Map<String, Integer> perBucket = new HashMap<>();
        for (Slot slot : am.snapshot().slots().keySet()) {
            assertThat(slot.bucket()).isLessThan(slot.tried() ? AddrMan.ADDRMAN_TRIED_BUCKET_COUNT
                    : AddrMan.ADDRMAN_NEW_BUCKET_COUNT);
            assertThat(slot.position()).isLessThan(AddrMan.ADDRMAN_BUCKET_SIZE);
            perBucket.merge(slot.tried() + "/" + slot.bucket(), 1, Integer::sum);
        }
        assertThat(perBucket.values()).allMatch(n -> n <= AddrMan.ADDRMAN_BUCKET_SIZE);
        assertThat(am.newCount() + am.triedCount()).isEqualTo(am.size());
    }

    @Property(tries = 40)
    void aFlushedBookReloadsIdentically(@ForAll("operations") List<Op> ops, @ForAll long seed) {
        InMemoryAddressBookStore store = new InMemoryAddressBookStore();
        AddrMan am = fresh(store, seed);
        run(am, ops);
        am.flush();
        Snapshot expected = am.snapshot();
        assertThat(store.load().key()).isEqualTo(expected.key());
        assertThat(store.load().entries()).isEqualTo(expected.entries());
        assertThat(store.load().slots()).isEqualTo(expected.slots());
        AddrMan reloaded = fresh(store, seed + 1);
        assertThat(reloaded.snapshot()).isEqualTo(expected);
        reloaded.check();
        // the reloaded book carries on: more operations, flush, reload again gives the same tables
        run(reloaded, ops);
        reloaded.flush();
        reloaded.check();
        assertThat(fresh(store, seed + 2).snapshot()).isEqualTo(reloaded.snapshot());
    }

    @Property(tries = 30)
    void oneSourceGroupStaysWithinItsShareOfTheNewTable(
            @ForAll @Size(min = 1, max = 3000) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> addresses,
            @ForAll @IntRange(min = 0, max = 0xffff) int sourceLow) {
        AddrMan am = fresh(InMemoryAddressBookStore.withKey(deterministicKey()), sourceLow);
        Set<Integer> buckets = new HashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            int v = addresses.get(i);
            NetAddress a = ipv4(v);
            // the attacker's peer sits in 77.88.0.0/16; the low bytes vary per message
            NetAddress source = NetAddress.ipv4(77, 88, (sourceLow + i) >>> 8 & 0xff, (sourceLow + i) & 0xff);
            am.add(List.of(new Address(NOW, ServiceFlags.NODE_NETWORK, a, 8333)), source, Duration.ZERO, NOW);
        }
        for (Map.Entry<Slot, Long> e : am.snapshot().slots().entrySet()) {
            buckets.add(e.getKey().bucket());
        }
        assertThat(buckets.size()).isLessThanOrEqualTo(AddrMan.ADDRMAN_NEW_BUCKETS_PER_SOURCE_GROUP);
        assertThat(am.newCount()).isLessThanOrEqualTo(
                AddrMan.ADDRMAN_NEW_BUCKETS_PER_SOURCE_GROUP * AddrMan.ADDRMAN_BUCKET_SIZE);
        am.check();
    }

    /** An IPv4 address from 31 random bits, first octet 1 to 223 (unicast). */
    private static NetAddress ipv4(int v) {
        return NetAddress.ipv4(1 + (v >>> 24) * 223 / 128, v >>> 16 & 0xff, v >>> 8 & 0xff, v & 0xff);
    }

    @Property(tries = 20)
    void triedEntriesAreNeverLostToAFloodOfNewOnes(
            @ForAll @Size(min = 1, max = 5000) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> flood,
            @ForAll long seed) {
        AddrMan am = fresh(new InMemoryAddressBookStore(), seed);
        Set<String> tried = new HashSet<>();
        for (int i = 1; i <= 60; i++) {
            NetAddress a = NetAddress.ipv4(20 + i, i, 1, 1);
            am.add(List.of(new Address(NOW, ServiceFlags.NODE_NETWORK, a, 8333)), a, Duration.ZERO, NOW);
            if (am.markGood(a, 8333, NOW)) {
                tried.add(a + ":8333");
            }
        }
        int triedBefore = am.triedCount();
        Instant now = NOW.plusSeconds(60);
        for (int i = 0; i < flood.size(); i++) {
            int v = flood.get(i);
            NetAddress a = ipv4(v);
            NetAddress source = NetAddress.ipv4(v & 0xff, v >>> 8 & 0xff, 9, 9);
            // fresh times, also for addresses we already hold in tried
            am.add(List.of(new Address(now.plusSeconds(i), ServiceFlags.NODE_NETWORK, a, 8333)), source,
                    Duration.ZERO, now);
        }
        // the flood's addresses may include tried ones again: announce each tried address too
        for (String t : tried) {
            NetAddress a = AddrManFixtures.ip(t.substring(0, t.indexOf(':')));
            am.add(List.of(new Address(now.plusSeconds(9999), ServiceFlags.NODE_NETWORK, a, 8333)),
                    NetAddress.ipv4(99, 99, 9, 9), Duration.ZERO, now);
        }
        assertThat(am.triedCount()).isEqualTo(triedBefore);
        Set<String> stillTried = new HashSet<>();
        for (StoredAddress s : am.snapshot().entries().values()) {
            if (s.inTried()) {
                stillTried.add(s.address().address() + ":" + s.address().port());
            }
        }
        assertThat(stillTried).isEqualTo(tried);
    }
}
