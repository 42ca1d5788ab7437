package org.btcnode.net.connman;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.Verack;
import org.btcnode.core.store.Subnet;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.logic.ExecutorNodeLoop;
import org.btcnode.net.logic.ManualNodeLoop;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerState;
import org.btcnode.net.testing.FakeTransport.Dial;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.btcnode.net.testing.NodeHarness.FULL;
import static org.btcnode.net.testing.NodeHarness.address;
import static org.btcnode.net.testing.NodeHarness.version;

class ConnectionManagerTest {

    private static final ConnectionOptions DEFAULTS = ConnectionOptions.defaults("0.1.0");

    /** {@code n} full-service addresses, each in its own /16 (11.i.0.1). */
    private static List<Address> distinctGroups(int n) {
        List<Address> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(address("11." + i + ".0.1", 8333, FULL));
        }
        return list;
    }

    private static String ip(Dial d) {
        return d.address().getAddress().getHostAddress();
    }

    // ------------------------------------------------------------------ slots

    @Test
    void fillsEightFullRelayAndTwoBlockRelayOnePerTick() {
        NodeHarness h = NodeHarness.started(DEFAULTS, distinctGroups(30));
        h.advance(Duration.ofMillis(500));
        assertThat(h.transport.dials()).hasSize(1);            // Core: one new connection per loop
        h.advance(Duration.ofMillis(4500));
        List<Dial> dials = h.transport.dials();
        assertThat(dials.subList(0, 8)).allMatch(d -> d.type() == ConnectionType.OUTBOUND_FULL_RELAY);
        assertThat(dials.subList(8, 10)).allMatch(d -> d.type() == ConnectionType.BLOCK_RELAY);
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(8);
        assertThat(h.transport.dials(ConnectionType.BLOCK_RELAY)).hasSize(2);
        // all different addresses and /16 groups
        assertThat(dials.stream().map(d -> d.address().getAddress()).distinct()).hasSize(dials.size());

        // connected peers keep their slots; a lost one is replaced by the same kind
        List<FakeConnection> connections = new ArrayList<>();
        for (Dial d : h.transport.dials()) {
            if (d.type() != ConnectionType.FEELER) {
                connections.add(h.transport.complete(d));
            }
        }
        int before = h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY).size();
        connections.get(0).remoteClose();
        h.advance(Duration.ofMillis(500));
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(before + 1);
    }

    @Test
    void failedAttemptsAreRetriedWithOtherAddresses() {
        NodeHarness h = NodeHarness.started(DEFAULTS, distinctGroups(30));
        h.advance(Duration.ofMillis(500));
        Dial first = h.transport.dials().get(0);
        h.transport.fail(first);
        h.advance(Duration.ofMillis(500));
        // the failed slot is taken again (the address was just tried, so another one is chosen)
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(2);
        assertThat(ip(h.transport.dials().get(1))).isNotEqualTo(ip(first));
    }

    @Test
    void feelersComeAtExponentialIntervalsAveragingTwoMinutes() {
        NodeHarness h = NodeHarness.started(DEFAULTS, distinctGroups(40));
        List<Instant> feelerTimes = new ArrayList<>();
        int seen = 0;
        Duration total = Duration.ofHours(4);
        for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plusMillis(500)) {
            h.advance(Duration.ofMillis(500));
            List<Dial> feelers = h.transport.dials(ConnectionType.FEELER);
            for (Dial f : feelers.subList(seen, feelers.size())) {
                feelerTimes.add(h.loop.now());
                h.transport.fail(f);                            // a feeler is short-lived
            }
            seen = feelers.size();
        }
        // 4 h / 2 min = 120 expected; with a seeded generator the count is fixed, and an
        // exponential process gives ~N(120, 11): anything in 90..150 is Core's cadence.
        assertThat(feelerTimes.size()).isBetween(90, 150);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < feelerTimes.size(); i++) {
            gaps.add(Duration.between(feelerTimes.get(i - 1), feelerTimes.get(i)).toMillis());
        }
        // memoryless: some gaps far below the mean, some far above (not a fixed 2-minute timer)
        assertThat(gaps).anyMatch(g -> g < 30_000).anyMatch(g -> g > 240_000);
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(8);
    }

    @Test
    void noFeelerBeforeTheOutboundSlotsAreFull() {
        // a single address: the full-relay slots can never fill, so no feeler is ever made
        NodeHarness h = NodeHarness.started(DEFAULTS, distinctGroups(1));
        h.advance(Duration.ofMinutes(30));
        assertThat(h.transport.dials(ConnectionType.FEELER)).isEmpty();
        assertThat(h.transport.dials()).hasSize(1);
    }

    @Test
    void connectMeansOnlyThosePeers() {
        ConnectionOptions options = DEFAULTS.withConnect(List.of(FakeTransport.socket("8.8.8.8", 8333),
                FakeTransport.socket("9.9.9.9", 8333)));
        NodeHarness h = NodeHarness.started(options, distinctGroups(30));
        h.advance(Duration.ofMinutes(10));
        List<Dial> dials = h.transport.dials();
        assertThat(dials).hasSize(2).allMatch(d -> d.type() == ConnectionType.MANUAL);
        assertThat(dials.stream().map(ConnectionManagerTest::ip)).containsExactly("8.8.8.8", "9.9.9.9");

        // a failed -connect peer is tried again within 5 s
        h.transport.fail(dials.get(0));
        h.advance(Duration.ofSeconds(5));
        assertThat(h.transport.dials()).hasSize(3);
        assertThat(ip(h.transport.dials().get(2))).isEqualTo("8.8.8.8");
    }

    @Test
    void connectZeroMeansNoOutboundAtAll() {
        NodeHarness h = NodeHarness.started(DEFAULTS.withConnect(List.of()), distinctGroups(30));
        h.advance(Duration.ofMinutes(10));
        assertThat(h.transport.dials()).isEmpty();
    }

    @Test
    void addNodePeersComeOnTopOfTheAutomaticSlots() {
        ConnectionOptions options = DEFAULTS.withAddNode(List.of(FakeTransport.socket("8.8.8.8", 8333),
                FakeTransport.socket("8.8.4.4", 8333)));
        NodeHarness h = NodeHarness.started(options, distinctGroups(30));
        h.advance(Duration.ofSeconds(10));
        assertThat(h.transport.dials(ConnectionType.MANUAL)).hasSize(2);
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(8);
        assertThat(h.transport.dials(ConnectionType.BLOCK_RELAY)).hasSize(2);
        // connected addnode peers are not dialled again
        for (Dial d : h.transport.dials(ConnectionType.MANUAL)) {
            FakeConnection c = h.transport.complete(d);
            c.receive(version(5));
            c.receive(new Verack());
        }
        h.advance(Duration.ofMinutes(5));
        assertThat(h.transport.dials(ConnectionType.MANUAL)).hasSize(2);
    }

    @Test
    void atMostEightAddNodePeersAtOnce() {
        List<InetSocketAddress> ten = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ten.add(FakeTransport.socket("8.8." + i + ".1", 8333));
        }
        NodeHarness h = NodeHarness.started(DEFAULTS.withAddNode(ten).withConnect(List.of()), List.of());
        assertThat(h.transport.dials(ConnectionType.MANUAL)).hasSize(8);
        assertThat(h.transport.dials().stream().map(ConnectionManagerTest::ip).collect(Collectors.toSet()))
                .doesNotContain("8.8.9.1", "8.8.10.1");
        // one fails: its slot is used at the next round (after 60 s, as something was tried), in
        // list order, so the failed one first; the limit still holds
        h.transport.fail(h.transport.dials().get(0));
        h.advance(Duration.ofSeconds(59));
        assertThat(h.transport.dials(ConnectionType.MANUAL)).hasSize(8);
        h.advance(Duration.ofSeconds(1));
        assertThat(h.transport.dials(ConnectionType.MANUAL)).hasSize(9);
        assertThat(ip(h.transport.dials().get(8))).isEqualTo("8.8.1.1");
    }

    @Test
    void addNodeRpcAddsRemovesAndTriesOnce() {
        NodeHarness h = NodeHarness.started(DEFAULTS.withConnect(List.of()), List.of());
        InetSocketAddress added = FakeTransport.socket("8.8.8.8", 8333);
        assertThat(h.manager.addNode(added)).isTrue();
        assertThat(h.manager.addNode(added)).isFalse();
        h.advance(Duration.ofSeconds(2));                       // the idle round comes every 2 s
        assertThat(h.transport.dials(ConnectionType.MANUAL)).extracting(Dial::address).containsExactly(added);
        h.transport.fail(h.transport.dials().get(0));
        assertThat(h.manager.removeAddedNode(added)).isTrue();
        assertThat(h.manager.removeAddedNode(added)).isFalse();
        h.advance(Duration.ofMinutes(5));
        assertThat(h.transport.dials()).hasSize(1);             // removed: not retried

        InetSocketAddress once = FakeTransport.socket("9.9.9.9", 8333);
        assertThat(h.manager.openOneTry(once)).isTrue();
        assertThat(h.manager.openOneTry(once)).isFalse();       // already being connected
        h.transport.fail(h.transport.dials().get(1));
        h.advance(Duration.ofMinutes(5));
        assertThat(h.transport.dials()).hasSize(2);             // onetry is not retried
        assertThat(h.manager.addedNodes()).isEmpty();
    }

    // ------------------------------------------------------------------ diversity

    @Test
    void atMostOneOutboundPeerPerNetGroup() {
        // two candidates in 11.1.0.0/16: only one is ever dialled while it is connected
        NodeHarness h = NodeHarness.started(DEFAULTS, List.of(address("11.1.0.1", 8333, FULL), address("11.1.200.7", 8333, FULL)));
        h.advance(Duration.ofMinutes(10));
        assertThat(h.transport.dials()).hasSize(1);
    }

    @Test
    void neverTwoConnectionsToTheSameAddress() {
        NodeHarness h = NodeHarness.started(DEFAULTS, List.of(address("11.1.0.1", 8333, FULL), address("11.1.0.1", 18333, FULL)));
        h.inboundReady("11.1.0.1");                            // already connected the other way
        h.advance(Duration.ofMinutes(10));
        assertThat(h.transport.dials()).isEmpty();
    }

    @Test
    void neverDialOurOwnAddress() {
        ConnectionOptions options = DEFAULTS.withLocalAddresses(List.of(FakeTransport.socket("11.1.0.1", 8333)));
        NodeHarness h = NodeHarness.started(options, List.of(address("11.1.0.1", 8333, FULL)));
        h.advance(Duration.ofMinutes(10));
        assertThat(h.transport.dials()).isEmpty();
    }

    @Test
    void addressesWithoutTheServicesWeNeedAreNotDialledAutomatically() {
        NodeHarness h = NodeHarness.started(DEFAULTS, List.of(address("11.1.0.1", 8333, ServiceFlags.NODE_NETWORK)));
        h.advance(Duration.ofMinutes(1));
        assertThat(h.transport.dials()).isEmpty();
    }

    @Test
    void badPortsAreAvoidedUntilFiftyTriesFindNothingElse() {
        NodeHarness h = NodeHarness.started(DEFAULTS, List.of(address("11.1.0.1", 22, FULL), address("11.2.0.1", 8333, FULL)));
        h.advance(Duration.ofMillis(500));
        assertThat(h.transport.dials()).extracting(d -> d.address().getPort()).containsExactly(8333);
        h.advance(Duration.ofMillis(500));                   // only the ssh port is left: Core dials it then
        assertThat(h.transport.dials()).extracting(d -> d.address().getPort()).containsExactly(8333, 22);
        assertThat(ConnectionManager.isBadPort(6667)).isTrue();
        assertThat(ConnectionManager.isBadPort(8333)).isFalse();
    }

    @Test
    void bannedAndDiscouragedAddressesAreNotDialled() {
        NodeHarness h = new NodeHarness(DEFAULTS, List.of(address("11.1.0.1", 8333, FULL),
                address("11.2.0.1", 8333, FULL)), null);
        h.banMan.ban(Subnet.parse("11.1.0.0/16").orElseThrow(), Duration.ofDays(1), false);
        h.banMan.discourage(NetAddress.ipv4(11, 2, 0, 1));
        h.manager.start();
        h.advance(Duration.ofMinutes(1));
        assertThat(h.transport.dials()).isEmpty();
    }

    // ------------------------------------------------------------------ inbound

    /** -maxconnections so that there are {@code inbound} inbound slots (11 go to automatic outbound). */
    private static ConnectionOptions inboundSlots(int inbound) {
        return DEFAULTS.withConnect(List.of()).withMaxConnections(11 + inbound);
    }

    @Test
    void inboundSlotsAreMaxConnectionsMinusOutbound() {
        assertThat(DEFAULTS.maxInbound()).isEqualTo(125 - 8 - 2 - 1);
        assertThat(DEFAULTS.withMaxConnections(5).maxInbound()).isZero();
    }

    @Test
    void whenFullAndNobodyCanBeEvictedTheNewConnectionIsRefused() {
        NodeHarness h = NodeHarness.started(inboundSlots(3), List.of());
        for (int i = 1; i <= 3; i++) {
            h.inboundReady("20." + i + ".0.1");
        }
        FakeConnection fourth = h.transport.inbound(FakeTransport.socket("20.4.0.1", 50_000));
        // with 3 candidates every one is protected (4 are protected by network group alone)
        assertThat(fourth.isClosed()).isTrue();
        assertThat(h.manager.peers()).hasSize(3);
    }

    /** An inbound peer that completed the handshake and answered our ping after {@code pingMillis}. */
    private static FakeConnection readyWithPing(NodeHarness h, String ip, int pingMillis) {
        FakeConnection c = h.inboundReady(ip);
        h.advance(Duration.ofMillis(pingMillis));
        c.receive(new Pong(c.sent(Ping.class).get(0).nonce()));
        return c;
    }

    @Test
    void whenFullTheYoungestOfTheLargestNetGroupIsEvicted() {
        NodeHarness h = NodeHarness.started(inboundSlots(30), List.of());
        List<FakeConnection> others = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            others.add(readyWithPing(h, "40." + i + ".0.1", 10 + i));        // older, fast, each in its own /16
            h.advance(Duration.ofSeconds(1));
        }
        List<FakeConnection> crowd = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            crowd.add(readyWithPing(h, "30.1.0." + i, 500 + i)); // younger, slower, all in one /16
            h.advance(Duration.ofSeconds(1));
        }
        assertThat(h.manager.peers()).hasSize(30);
        FakeConnection newcomer = h.transport.inbound(FakeTransport.socket("50.1.0.1", 50_000));
        assertThat(newcomer.isClosed()).isFalse();
        List<FakeConnection> evicted = crowd.stream().filter(FakeConnection::isClosed).toList();
        assertThat(evicted).hasSize(1);
        assertThat(h.manager.peers()).hasSize(30);
        // nobody outside the crowded group was touched
        assertThat(others).noneMatch(FakeConnection::isClosed);
    }

    @Test
    void nobanPeersAreNeverEvicted() {
        ConnectionOptions options = inboundSlots(30)
                .withWhitelist(List.of(WhitelistEntry.parse("30.1.0.0/16")), List.of());
        NodeHarness h = NodeHarness.started(options, List.of());
        for (int i = 1; i <= 30; i++) {
            h.inboundReady("30.1.0." + i);
            h.advance(Duration.ofSeconds(1));
        }
        FakeConnection newcomer = h.transport.inbound(FakeTransport.socket("50.1.0.1", 50_000));
        assertThat(newcomer.isClosed()).isTrue();
        assertThat(h.manager.peers()).hasSize(30).allMatch(p -> p.state() == PeerState.READY);
    }

    @Test
    void bannedAddressesAreRefusedUntilTheBanExpires() {
        NodeHarness h = NodeHarness.started(DEFAULTS, List.of());
        h.banMan.ban(Subnet.parse("60.1.2.0/24").orElseThrow(), Duration.ofHours(1), false);
        FakeConnection banned = h.transport.inbound(FakeTransport.socket("60.1.2.3", 50_000));
        assertThat(banned.isClosed()).isTrue();
        assertThat(h.manager.peer(banned.id())).isEmpty();
        FakeConnection neighbour = h.transport.inbound(FakeTransport.socket("60.1.3.3", 50_000));
        assertThat(neighbour.isClosed()).isFalse();

        h.advance(Duration.ofHours(1));
        FakeConnection later = h.transport.inbound(FakeTransport.socket("60.1.2.3", 50_000));
        assertThat(later.isClosed()).isFalse();
    }

    @Test
    void setbanDisconnectsThePeersInTheSubnet() {
        NodeHarness h = NodeHarness.started(DEFAULTS, List.of());
        FakeConnection inside = h.inboundReady("60.1.2.3");
        FakeConnection outside = h.inboundReady("60.1.3.3");
        Subnet subnet = Subnet.parse("60.1.2.0/24").orElseThrow();
        h.banMan.ban(subnet, Duration.ofHours(1), false);
        assertThat(h.manager.disconnectNode(subnet)).isTrue();
        h.loop.runPending();
        assertThat(inside.isClosed()).isTrue();
        assertThat(outside.isClosed()).isFalse();
        assertThat(h.manager.disconnectNode(subnet)).isFalse();
    }

    @Test
    void nobanPeersAreAcceptedEvenWhenBanned() {
        ConnectionOptions options = DEFAULTS.withWhitelist(List.of(WhitelistEntry.parse("noban@60.1.2.3")), List.of());
        NodeHarness h = NodeHarness.started(options, List.of());
        h.banMan.ban(Subnet.parse("60.1.2.0/24").orElseThrow(), Duration.ofHours(1), false);
        FakeConnection c = h.transport.inbound(FakeTransport.socket("60.1.2.3", 50_000));
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void whitebindGivesPermissionsByTheLocalAddress() {
        ConnectionOptions options = DEFAULTS.withWhitelist(List.of(),
                List.of(WhitebindEntry.parse("noban,mempool@0.0.0.0:18444")));
        NodeHarness h = NodeHarness.started(options, List.of());
        h.banMan.ban(Subnet.parse("60.1.2.3").orElseThrow(), Duration.ofHours(1), false);
        FakeConnection special = h.transport.inbound(FakeTransport.socket("60.1.2.3", 50_000),
                FakeTransport.socket("192.0.2.1", 18444));
        FakeConnection ordinary = h.transport.inbound(FakeTransport.socket("60.1.2.3", 50_001));
        assertThat(special.isClosed()).isFalse();
        assertThat(ordinary.isClosed()).isTrue();
        Peer p = h.peer(special);
        assertThat(p.permissions().names()).containsExactly("noban", "mempool", "download");
    }

    @Test
    void discouragedPeersOnlyGetFreeSlotsAndAreEvictedFirst() {
        NodeHarness h = NodeHarness.started(inboundSlots(30), List.of());
        for (int i = 1; i <= 28; i++) {
            readyWithPing(h, "80." + i + ".0.1", 10 + i);
            h.advance(Duration.ofSeconds(1));
        }
        h.banMan.discourage(NetAddress.ipv4(70, 1, 0, 1));
        // 28 of 30 slots used: inbound + 1 < max, so a discouraged address still gets in
        FakeConnection discouraged = h.transport.inbound(FakeTransport.socket("70.1.0.1", 50_000));
        assertThat(discouraged.isClosed()).isFalse();
        assertThat(h.peer(discouraged).preferEvict()).isTrue();
        discouraged.receive(version(1));
        discouraged.receive(new Verack());
        // 29 used: inbound + 1 >= max, so the same address is now turned away
        FakeConnection again = h.transport.inbound(FakeTransport.socket("70.1.0.1", 50_001));
        assertThat(again.isClosed()).isTrue();
        h.advance(Duration.ofSeconds(1));
        FakeConnection last = readyWithPing(h, "80.29.0.1", 40);
        // full: the next newcomer evicts the discouraged peer, not the younger ordinary one
        FakeConnection newcomer = h.transport.inbound(FakeTransport.socket("90.1.0.1", 50_000));
        assertThat(newcomer.isClosed()).isFalse();
        assertThat(discouraged.isClosed()).isTrue();
        assertThat(last.isClosed()).isFalse();
    }

    @Test
    void refusesCallsFromOutsideTheNodeLogicThread() throws Exception {
        try (ExecutorNodeLoop loop = ExecutorNodeLoop.systemClock()) {
            ConnectionManager manager = new ConnectionManager(DEFAULTS.withConnect(List.of()), loop,
                    new FakeTransport(new ManualNodeLoop(NodeHarness.T0)),
                    AddrMan.load(new InMemoryAddressBookStore(), new Random(2), loop.clock()),
                    new StaticAddressSource(List.of(), new Random(1)),
                    new BanMan(new InMemoryBanStore(), loop.clock(), Duration.ofDays(1)), new Random(1),
                    () -> 0, null);
            assertThatThrownBy(manager::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside the node-logic thread");
            CompletableFuture<Integer> started = new CompletableFuture<>();
            loop.execute(() -> {
                manager.start();
                started.complete(manager.peers().size());
                manager.stop();
            });
            assertThat(started.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    // ------------------------------------------------------------------ anchors

    @Test
    void blockRelayPeersAreWrittenAtShutdownAndTriedFirstAtTheNextStart(@TempDir Path datadir) throws Exception {
        Path anchors = datadir.resolve(Anchors.ANCHORS_DATABASE_FILENAME);
        NodeHarness first = new NodeHarness(DEFAULTS, distinctGroups(30), anchors);
        first.manager.start();
        first.advance(Duration.ofSeconds(5));
        List<Dial> blockRelay = first.transport.dials(ConnectionType.BLOCK_RELAY);
        assertThat(blockRelay).hasSize(2);
        for (Dial d : blockRelay) {
            FakeConnection c = first.transport.complete(d);
            c.receive(version(FULL, 70016, 9));
            c.receive(new Verack());
        }
        first.manager.stop();
        assertThat(anchors).exists();
        Set<String> anchorIps = blockRelay.stream().map(ConnectionManagerTest::ip).collect(Collectors.toSet());

        NodeHarness second = new NodeHarness(DEFAULTS, distinctGroups(30), anchors, 99);
        second.manager.start();
        assertThat(anchors).doesNotExist();                     // read once, then deleted
        second.advance(Duration.ofSeconds(1));
        List<Dial> dials = second.transport.dials();
        assertThat(dials).hasSize(2).allMatch(d -> d.type() == ConnectionType.BLOCK_RELAY);
        assertThat(dials.stream().map(ConnectionManagerTest::ip).collect(Collectors.toSet())).isEqualTo(anchorIps);
        second.advance(Duration.ofSeconds(5));
        assertThat(second.transport.dials(ConnectionType.BLOCK_RELAY)).hasSize(2);
        assertThat(second.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(8);
        assertThat(Files.exists(anchors)).isFalse();
    }

    // ------------------------------------------------------------------ setnetworkactive (RPC)

    @Test
    void networkInactiveDisconnectsEveryPeerAndStopsDialingUntilActiveAgain() {
        NodeHarness h = NodeHarness.started(DEFAULTS, distinctGroups(30));
        h.advance(Duration.ofMillis(1000));
        List<FakeConnection> open = new ArrayList<>();
        for (Dial d : h.transport.dials()) {
            open.add(h.transport.complete(d));
        }
        FakeConnection inbound = h.inboundReady("20.9.0.1");
        h.advance(Duration.ZERO);
        assertThat(h.manager.networkActive()).isTrue();

        h.manager.setNetworkActive(false);
        h.advance(Duration.ofMillis(10));
        assertThat(open).allMatch(FakeConnection::isClosed);
        assertThat(inbound.isClosed()).isTrue();
        assertThat(h.manager.networkActive()).isFalse();
        int dialsWhileOff = h.transport.dials().size();
        h.advance(Duration.ofSeconds(30));
        assertThat(h.transport.dials()).as("no dials while inactive").hasSize(dialsWhileOff);

        h.manager.setNetworkActive(true);
        h.advance(Duration.ofMillis(500));
        assertThat(h.manager.networkActive()).isTrue();
        assertThat(h.transport.dials()).hasSizeGreaterThan(dialsWhileOff);
    }
}
