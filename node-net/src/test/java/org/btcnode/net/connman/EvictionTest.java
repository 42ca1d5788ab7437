package org.btcnode.net.connman;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.btcnode.net.peer.PeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Core's src/test/net_peer_eviction_tests.cpp scenarios, rewritten: random candidates as Core's
 * GetRandomNodeEvictionCandidates makes them (seeded here), a setup per scenario, the input
 * shuffled, and the protected / evicted ids checked. Plus the two cases Core lists as "left to
 * test": prefer-evict and the youngest of the largest network group.
 */
class EvictionTest {

    private static final int SEEDS = 8;

    /** A mutable stand-in for Core's NodeEvictionCandidate in its tests. */
    private static final class Peer {
        final int id;
        long connectedSeconds;
        long minPingMicros;
        long lastBlockSeconds;
        long lastTxSeconds;
        boolean relevantServices;
        boolean relayTxs;
        boolean bloomFilter;
        long keyedNetGroup;
        boolean preferEvict;
        boolean isLocal;
        Network network;
        boolean noBan;
        ConnectionType connectionType = ConnectionType.INBOUND;

        /** As test/util/net.cpp GetRandomNodeEvictionCandidates: values in [0, 100), random flags. */
        Peer(int id, Random random) {
            this.id = id;
            connectedSeconds = random.nextInt(100);
            minPingMicros = random.nextInt(100);
            lastBlockSeconds = random.nextInt(100);
            lastTxSeconds = random.nextInt(100);
            relevantServices = random.nextBoolean();
            relayTxs = random.nextBoolean();
            bloomFilter = random.nextBoolean();
            keyedNetGroup = random.nextInt(100);
            preferEvict = random.nextBoolean();
            isLocal = random.nextBoolean();
            network = Network.values()[random.nextInt(Network.values().length)];
        }

        EvictionCandidate build() {
            return new EvictionCandidate(PeerId.of(id), Instant.ofEpochSecond(connectedSeconds),
                    Duration.ofNanos(minPingMicros * 1000), Instant.ofEpochSecond(lastBlockSeconds),
                    Instant.ofEpochSecond(lastTxSeconds), relevantServices, relayTxs, bloomFilter, keyedNetGroup,
                    preferEvict, isLocal, network, noBan, connectionType);
        }
    }

    private static List<EvictionCandidate> candidates(int count, Consumer<Peer> setup, Random random) {
        List<EvictionCandidate> result = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            Peer p = new Peer(id, random);
            setup.accept(p);
            result.add(p.build());
        }
        Collections.shuffle(result, random);
        return result;
    }

    private static Set<Integer> ids(List<EvictionCandidate> candidates) {
        return candidates.stream().map(c -> (int) c.id().value()).collect(Collectors.toSet());
    }

    // ---- ProtectEvictionCandidatesByRatio: net_peer_eviction_tests.cpp peer_protection_test --

    private static Arguments ratio(String name, int peers, Consumer<Peer> setup, Set<Integer> protectedIds,
            Set<Integer> unprotectedIds) {
        return Arguments.of(name, peers, setup, protectedIds, unprotectedIds);
    }

    static List<Arguments> ratioScenarios() {
        return List.of(
                ratio("half with the longest uptime", 12, c -> {
                    c.connectedSeconds = c.id; c.isLocal = false; c.network = Network.IPV4;
                }, Set.of(0, 1, 2, 3, 4, 5), Set.of(6, 7, 8, 9, 10, 11)),
                ratio("half with the longest uptime, reversed", 12, c -> {
                    c.connectedSeconds = 12 - c.id; c.isLocal = false; c.network = Network.IPV6;
                }, Set.of(6, 7, 8, 9, 10, 11), Set.of(0, 1, 2, 3, 4, 5)),
                ratio("1/4 onion", 12, c -> {
                    c.isLocal = false; c.network = in(c, 3, 8, 9) ? Network.ONION : Network.IPV4;
                }, Set.of(3, 8, 9), Set.of()),
                ratio("1/4 onion and 1/4 others by uptime", 12, c -> {
                    c.connectedSeconds = c.id; c.isLocal = false;
                    c.network = (c.id == 3 || c.id > 7) ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 2, 3, 8, 9), Set.of(4, 5, 6, 7, 10, 11)),
                ratio("1/4 localhost", 12, c -> {
                    c.isLocal = in(c, 1, 9, 11); c.network = Network.IPV4;
                }, Set.of(1, 9, 11), Set.of()),
                ratio("1/4 localhost and 1/4 others by uptime", 12, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id > 6; c.network = Network.IPV6;
                }, Set.of(0, 1, 2, 7, 8, 9), Set.of(3, 4, 5, 6, 10, 11)),
                ratio("1/4 I2P", 12, c -> {
                    c.isLocal = false; c.network = in(c, 2, 7, 10) ? Network.I2P : Network.IPV4;
                }, Set.of(2, 7, 10), Set.of()),
                ratio("1/4 I2P and 1/4 others by uptime", 12, c -> {
                    c.connectedSeconds = c.id; c.isLocal = false;
                    c.network = (c.id == 4 || c.id > 8) ? Network.I2P : Network.IPV6;
                }, Set.of(0, 1, 2, 4, 9, 10), Set.of(3, 5, 6, 7, 8, 11)),
                ratio("1/4 CJDNS", 12, c -> {
                    c.isLocal = false; c.network = in(c, 2, 7, 10) ? Network.CJDNS : Network.IPV4;
                }, Set.of(2, 7, 10), Set.of()),
                ratio("1/4 CJDNS and 1/4 others by uptime", 12, c -> {
                    c.connectedSeconds = c.id; c.isLocal = false;
                    c.network = (c.id == 4 || c.id > 8) ? Network.CJDNS : Network.IPV6;
                }, Set.of(0, 1, 2, 4, 9, 10), Set.of(3, 5, 6, 7, 8, 11)),
                // two networks
                ratio("1 localhost, 1 onion of 4: localhost wins the tie", 4, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 4;
                    c.network = c.id == 3 ? Network.ONION : Network.IPV4;
                }, Set.of(0, 4), Set.of(1, 2)),
                ratio("1 localhost, 1 onion of 7", 7, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 6;
                    c.network = c.id == 5 ? Network.ONION : Network.IPV4;
                }, Set.of(0, 1, 6), Set.of(2, 3, 4, 5)),
                ratio("1 localhost, 1 onion of 8", 8, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 6;
                    c.network = c.id == 5 ? Network.ONION : Network.IPV4;
                }, Set.of(0, 1, 5, 6), Set.of(2, 3, 4, 7)),
                ratio("3 localhost, 3 onion of 12", 12, c -> {
                    c.connectedSeconds = c.id; c.isLocal = in(c, 6, 9, 11);
                    c.network = in(c, 7, 8, 10) ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 2, 6, 7, 9), Set.of(3, 4, 5, 8, 10, 11)),
                ratio("4 localhost, 1 onion of 12", 12, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id > 4 && c.id < 9;
                    c.network = c.id == 10 ? Network.ONION : Network.IPV4;
                }, Set.of(0, 1, 2, 5, 6, 10), Set.of(3, 4, 7, 8, 9, 11)),
                ratio("4 localhost, 2 onion of 16", 16, c -> {
                    c.connectedSeconds = c.id; c.isLocal = in(c, 6, 9, 11, 12);
                    c.network = in(c, 8, 10) ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 2, 3, 6, 8, 9, 10), Set.of(4, 5, 7, 11, 12, 13, 14, 15)),
                ratio("5 localhost, 1 onion of 16: localhost recovers the unused onion slot", 16, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id > 10;
                    c.network = c.id == 10 ? Network.ONION : Network.IPV4;
                }, Set.of(0, 1, 2, 3, 10, 11, 12, 13), Set.of(4, 5, 6, 7, 8, 9, 14, 15)),
                ratio("1 localhost, 4 onion of 16: onion recovers the unused localhost slot", 16, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 15;
                    c.network = (c.id > 6 && c.id < 11) ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 2, 3, 7, 8, 9, 15), Set.of(5, 6, 10, 11, 12, 13, 14)),
                ratio("2 onion, 4 I2P of 12: fewer candidates go first", 12, c -> {
                    c.connectedSeconds = c.id; c.isLocal = false;
                    c.network = in(c, 8, 10) ? Network.ONION : in(c, 6, 9, 11, 12) ? Network.I2P : Network.IPV4;
                }, Set.of(0, 1, 2, 6, 8, 10), Set.of(3, 4, 5, 7, 9, 11)),
                // three networks
                ratio("1 localhost, 1 I2P, 1 onion of 4: I2P wins the tie", 4, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 2;
                    c.network = c.id == 3 ? Network.I2P : c.id == 1 ? Network.ONION : Network.IPV6;
                }, Set.of(0, 3), Set.of(1, 2)),
                ratio("1 localhost, 1 I2P, 1 onion of 7", 7, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 4;
                    c.network = c.id == 6 ? Network.I2P : c.id == 5 ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 6), Set.of(2, 3, 4, 5)),
                ratio("1 localhost, 1 I2P, 1 onion of 8", 8, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 6;
                    c.network = c.id == 5 ? Network.I2P : c.id == 4 ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 5, 6), Set.of(2, 3, 4, 7)),
                ratio("4 localhost, 2 I2P, 2 onion of 16", 16, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 6 || c.id > 11;
                    c.network = in(c, 7, 11) ? Network.I2P : in(c, 9, 10) ? Network.ONION : Network.IPV4;
                }, Set.of(0, 1, 2, 3, 6, 7, 9, 11), Set.of(4, 5, 8, 10, 12, 13, 14, 15)),
                ratio("1 localhost, 8 I2P, 1 onion of 24: I2P gets 4", 24, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 12;
                    c.network = (c.id > 14 && c.id < 23) ? Network.I2P : c.id == 23 ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 2, 3, 4, 5, 12, 15, 16, 17, 18, 23),
                        Set.of(6, 7, 8, 9, 10, 11, 13, 14, 19, 20, 21, 22)),
                ratio("1 localhost, 3 I2P, 6 onion of 24: I2P gets the unused localhost slot", 24, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 15;
                    c.network = in(c, 12, 14, 17) ? Network.I2P : c.id > 17 ? Network.ONION : Network.IPV4;
                }, Set.of(0, 1, 2, 3, 4, 5, 12, 14, 15, 17, 18, 19),
                        Set.of(6, 7, 8, 9, 10, 11, 13, 16, 20, 21, 22, 23)),
                ratio("1 localhost, 7 I2P, 4 onion of 24", 24, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 13;
                    c.network = c.id > 16 ? Network.I2P : in(c, 12, 14, 15, 16) ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 17, 18),
                        Set.of(6, 7, 8, 9, 10, 11, 16, 19, 20, 21, 22, 23)),
                ratio("8 localhost, 4 CJDNS, 3 onion of 24", 24, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id > 15;
                    c.network = (c.id > 10 && c.id < 15) ? Network.CJDNS
                            : (c.id > 6 && c.id < 10) ? Network.ONION : Network.IPV4;
                }, Set.of(0, 1, 2, 3, 4, 5, 7, 8, 11, 12, 16, 17),
                        Set.of(6, 9, 10, 13, 14, 15, 18, 19, 20, 21, 22, 23)),
                // four networks
                ratio("1 each of CJDNS, I2P, localhost, onion of 5: CJDNS wins the tie", 5, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 3;
                    c.network = c.id == 4 ? Network.CJDNS : c.id == 1 ? Network.I2P
                            : c.id == 2 ? Network.ONION : Network.IPV6;
                }, Set.of(0, 4), Set.of(1, 2, 3)),
                ratio("1 each of CJDNS, I2P, localhost, onion of 7", 7, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 4;
                    c.network = c.id == 6 ? Network.CJDNS : c.id == 5 ? Network.I2P
                            : c.id == 3 ? Network.ONION : Network.IPV4;
                }, Set.of(0, 1, 6), Set.of(2, 3, 4, 5)),
                ratio("1 each of CJDNS, I2P, localhost, onion of 8", 8, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 3;
                    c.network = c.id == 5 ? Network.CJDNS : c.id == 6 ? Network.I2P
                            : c.id == 3 ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 5, 6), Set.of(2, 3, 4, 7)),
                ratio("2 CJDNS, 2 I2P, 4 localhost, 2 onion of 16", 16, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id > 5;
                    c.network = in(c, 11, 15) ? Network.CJDNS : in(c, 10, 14) ? Network.I2P
                            : in(c, 8, 9) ? Network.ONION : Network.IPV4;
                }, Set.of(0, 1, 2, 3, 6, 8, 10, 11), Set.of(4, 5, 7, 9, 12, 13, 14, 15)),
                ratio("6 CJDNS, 1 I2P, 1 localhost, 4 onion of 24", 24, c -> {
                    c.connectedSeconds = c.id; c.isLocal = c.id == 13;
                    c.network = c.id > 17 ? Network.CJDNS : c.id == 17 ? Network.I2P
                            : in(c, 12, 14, 15, 16) ? Network.ONION : Network.IPV6;
                }, Set.of(0, 1, 2, 3, 4, 5, 12, 13, 14, 17, 18, 19),
                        Set.of(6, 7, 8, 9, 10, 11, 15, 16, 20, 21, 22, 23)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratioScenarios")
    void protectsByRatioAsCore(String name, int peers, Consumer<Peer> setup, Set<Integer> protectedIds,
            Set<Integer> unprotectedIds) {
        for (long seed = 0; seed < SEEDS; seed++) {
            List<EvictionCandidate> candidates = new ArrayList<>(candidates(peers, setup, new Random(seed)));
            Eviction.protectEvictionCandidatesByRatio(candidates);
            Set<Integer> remaining = ids(candidates);
            assertThat(candidates).as("half are protected, seed %d", seed).hasSize(peers - peers / 2);
            assertThat(remaining).as("protected, seed %d", seed).doesNotContainAnyElementsOf(protectedIds);
            assertThat(remaining).as("unprotected, seed %d", seed).containsAll(unprotectedIds);
        }
    }

    private static boolean in(Peer c, int... ids) {
        for (int id : ids) {
            if (c.id == id) {
                return true;
            }
        }
        return false;
    }

    // ---- SelectNodeToEvict: net_peer_eviction_tests.cpp peer_eviction_test ------------------

    private static boolean isEvicted(int count, Consumer<Peer> setup, Set<Integer> ids, Random random) {
        Optional<PeerId> evicted = Eviction.selectNodeToEvict(candidates(count, setup, random));
        return evicted.isPresent() && ids.contains((int) evicted.get().value());
    }

    @Test
    void protectsEachCategoryForEveryPeerCountUpTo200() {
        Random random = new Random(1);
        for (int n = 0; n < 200; n++) {
            final int count = n;
            // the 4 highest keyed net groups
            assertThat(isEvicted(count, c -> c.keyedNetGroup = count - c.id, Set.of(0, 1, 2, 3), random))
                    .as("netgroup, n=%d", n).isFalse();
            // the 8 lowest minimum pings
            assertThat(isEvicted(count, c -> c.minPingMicros = c.id, Set.of(0, 1, 2, 3, 4, 5, 6, 7), random))
                    .as("ping, n=%d", n).isFalse();
            // the 4 most recent novel transactions
            assertThat(isEvicted(count, c -> c.lastTxSeconds = count - c.id, Set.of(0, 1, 2, 3), random))
                    .as("tx, n=%d", n).isFalse();
            // up to 8 non-tx-relay peers with the most recent novel blocks
            assertThat(isEvicted(count, c -> {
                c.lastBlockSeconds = count - c.id;
                if (c.id <= 7) {
                    c.relayTxs = false;
                    c.relevantServices = true;
                }
            }, Set.of(0, 1, 2, 3, 4, 5, 6, 7), random)).as("block-relay-only, n=%d", n).isFalse();
            // the 4 most recent novel blocks
            assertThat(isEvicted(count, c -> c.lastBlockSeconds = count - c.id, Set.of(0, 1, 2, 3), random))
                    .as("block, n=%d", n).isFalse();
            // the two block protections together
            assertThat(isEvicted(count, c -> {
                c.lastBlockSeconds = count - c.id;
                if (c.id <= 7) {
                    c.relayTxs = false;
                    c.relevantServices = true;
                }
            }, range(12), random)).as("blocks, n=%d", n).isFalse();
            // all of them
            assertThat(isEvicted(count, c -> {
                c.keyedNetGroup = count - c.id;
                c.minPingMicros = c.id;
                c.lastTxSeconds = count - c.id;
                c.lastBlockSeconds = count - c.id;
            }, range(20), random)).as("all, n=%d", n).isFalse();
            // at most 4 + 8 + 4 + 8 + 4 = 28 fixed protections, then half the rest: 29 always evicts one
            if (n >= 29) {
                assertThat(Eviction.selectNodeToEvict(candidates(n, c -> { }, random))).as("n=%d", n).isPresent();
            }
            // at least 4 + 8 + 4 + 4 = 20 are protected
            if (n <= 20) {
                assertThat(Eviction.selectNodeToEvict(candidates(n, c -> { }, random))).as("n=%d", n).isEmpty();
            }
        }
    }

    private static Set<Integer> range(int end) {
        Set<Integer> ids = new java.util.HashSet<>();
        for (int i = 0; i < end; i++) {
            ids.add(i);
        }
        return ids;
    }

    // ---- the cases Core leaves "to test": prefer-evict, largest group, youngest member ------

    /**
     * A table of synthetic peers: 28 that win the fixed protections (4 highest net groups, 8
     * lowest pings, 4 latest novel txs, 4 latest novel blocks), then the test peers, then as many
     * old fillers as test peers, which take the uptime half of the ratio protection. What is left
     * for the final choice is exactly the test peers.
     */
    private static final class Table {
        private final List<EvictionCandidate> candidates = new ArrayList<>();
        private int nextId = 100;
        private int testPeers;

        Table() {
            for (int i = 0; i < 4; i++) {
                add(b -> b.keyedNetGroup = 1_000_000 + nextId);
            }
            for (int i = 0; i < 8; i++) {
                final int ms = i + 1;
                add(b -> b.minPingMicros = ms * 1000L);
            }
            for (int i = 0; i < 4; i++) {
                final int t = 5000 + i;
                add(b -> b.lastTxSeconds = t);
            }
            for (int i = 0; i < 4; i++) {
                final int t = 5000 + i;
                add(b -> b.lastBlockSeconds = t);
            }
        }

        /** A test peer with this id, net group and connection time. */
        Table peer(int id, long netGroup, long connectedSeconds, Consumer<Peer> more) {
            Peer p = plain(id);
            p.keyedNetGroup = netGroup;
            p.connectedSeconds = connectedSeconds;
            more.accept(p);
            candidates.add(p.build());
            if (!p.noBan && p.connectionType == ConnectionType.INBOUND) {
                testPeers++;
            }
            return this;
        }

        Table peer(int id, long netGroup, long connectedSeconds) {
            return peer(id, netGroup, connectedSeconds, p -> { });
        }

        List<EvictionCandidate> build(long seed) {
            List<EvictionCandidate> all = new ArrayList<>(candidates);
            for (int i = 0; i < testPeers; i++) {
                Peer filler = plain(nextId++);
                filler.connectedSeconds = 1 + i; // older than every test peer
                filler.keyedNetGroup = 500 + i;
                all.add(filler.build());
            }
            Collections.shuffle(all, new Random(seed));
            return all;
        }

        private void add(Consumer<Peer> protector) {
            Peer p = plain(nextId++);
            protector.accept(p);
            candidates.add(p.build());
        }

        /** An IPv4 inbound peer that wins nothing: slow ping, no novel tx or block, tx relay on. */
        private static Peer plain(int id) {
            Peer p = new Peer(id, new Random(id));
            p.connectedSeconds = 10_000;
            p.minPingMicros = 1_000_000;
            p.lastBlockSeconds = 0;
            p.lastTxSeconds = 0;
            p.relevantServices = true;
            p.relayTxs = true;
            p.bloomFilter = false;
            p.keyedNetGroup = 1;
            p.preferEvict = false;
            p.isLocal = false;
            p.network = Network.IPV4;
            return p;
        }
    }

    private static void assertEvicts(Table table, int expected) {
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(Eviction.selectNodeToEvict(table.build(seed))).as("seed %d", seed).contains(PeerId.of(expected));
        }
    }

    @Test
    void evictsTheYoungestOfTheLargestNetGroup() {
        Table table = new Table()
                .peer(1, 7, 1000).peer(2, 7, 3000).peer(3, 7, 2000) // group 7: three peers, 2 youngest
                .peer(4, 8, 4000).peer(5, 8, 5000);                  // group 8: two, though younger
        assertEvicts(table, 2);
    }

    @Test
    void equalGroupsTieBreakOnTheYoungestMember() {
        Table table = new Table()
                .peer(1, 7, 1000).peer(2, 7, 3000)
                .peer(3, 8, 2000).peer(4, 8, 4000); // group 8's youngest is younger: it loses one
        assertEvicts(table, 4);
    }

    @Test
    void netGroupsCompareAsUnsigned64BitValues() {
        // A net group of 0xffffffffffffffff is the largest uint64, so its peer is protected by net
        // group although it prefers eviction; compared as a signed long it would be the smallest,
        // unprotected, and evicted first.
        Table table = new Table().peer(1, 7, 1000).peer(2, 7, 2000).peer(3, 9, 3000);
        List<EvictionCandidate> candidates = new ArrayList<>(table.build(0));
        Peer top = Table.plain(99);
        top.keyedNetGroup = -1L;
        top.connectedSeconds = 9000;
        top.preferEvict = true;
        candidates.add(top.build());
        assertThat(Eviction.selectNodeToEvict(candidates)).contains(PeerId.of(2));
    }

    @Test
    void preferEvictPeersGoFirstWhateverTheirGroup() {
        Table table = new Table()
                .peer(1, 7, 1000).peer(2, 7, 3000).peer(3, 7, 2000)
                .peer(4, 8, 500, p -> p.preferEvict = true);
        assertEvicts(table, 4);
    }

    @Test
    void noBanAndOutboundPeersAreNeverEvicted() {
        Table table = new Table()
                .peer(1, 7, 1000, p -> p.noBan = true)
                .peer(2, 7, 3000, p -> p.connectionType = ConnectionType.OUTBOUND_FULL_RELAY)
                .peer(3, 7, 2000, p -> p.connectionType = ConnectionType.BLOCK_RELAY)
                .peer(4, 8, 500).peer(5, 8, 600);
        assertEvicts(table, 5);
        List<EvictionCandidate> onlyOutbound = new ArrayList<>();
        Random random = new Random(3);
        for (int id = 0; id < 60; id++) {
            Peer p = new Peer(id, random);
            p.connectionType = ConnectionType.values()[1 + id % (ConnectionType.values().length - 1)];
            onlyOutbound.add(p.build());
        }
        assertThat(Eviction.selectNodeToEvict(onlyOutbound)).isEmpty();
    }

    @Test
    void novelTxTiesFallThroughToRelayThenBloomFilterThenUptime() {
        // CompareNodeTXTime: with equal last-tx times, tx-relaying peers are kept over others, peers
        // without a bloom filter over those with one, and older connections over younger ones.
        List<EvictionCandidate> all = new ArrayList<>();
        int id = 100;
        for (int i = 0; i < 4; i++, id++) {
            Peer p = Table.plain(id);
            p.keyedNetGroup = 1_000_000 + i; // protected by net group
            all.add(p.build());
        }
        for (int i = 0; i < 8; i++, id++) {
            Peer p = Table.plain(id);
            p.minPingMicros = 1000L * (i + 1); // protected by ping
            all.add(p.build());
        }
        for (int i = 0; i < 8; i++, id++) {
            Peer p = Table.plain(id);
            p.relayTxs = false; // not kept by the tx step
            p.relevantServices = i < 4; // 4 block-relay-only, then 4 plain block peers
            p.lastBlockSeconds = (i < 4 ? 5000 : 6000) + i;
            all.add(p.build());
        }
        for (int i = 0; i < 2; i++, id++) {
            Peer p = Table.plain(id);
            p.relayTxs = false;
            p.relevantServices = false;
            p.connectedSeconds = 1 + i; // oldest: they take the uptime half
            p.keyedNetGroup = 500 + i;
            all.add(p.build());
        }
        // the tx step keeps the four relaying peers without bloom filter (2, 3, 4, 5); of the two
        // with bloom filters, left in net group 7, the younger goes
        int[][] peers = {{1, 1, 1000}, {2, 0, 6000}, {3, 0, 5000}, {4, 0, 4000}, {5, 0, 3000}, {6, 1, 2000}};
        for (int[] row : peers) {
            Peer p = Table.plain(row[0]);
            p.bloomFilter = row[1] == 1;
            p.connectedSeconds = row[2];
            p.keyedNetGroup = 7;
            all.add(p.build());
        }
        for (long seed = 0; seed < SEEDS; seed++) {
            Collections.shuffle(all, new Random(seed));
            assertThat(Eviction.selectNodeToEvict(all)).as("seed %d", seed).contains(PeerId.of(6));
        }
    }

    @Test
    void emptyInputEvictsNobody() {
        assertThat(Eviction.selectNodeToEvict(List.of())).isEmpty();
    }
}
