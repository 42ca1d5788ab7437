package org.btcnode.net.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.testing.NodeHarness.FULL;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.Inv;
import org.btcnode.core.message.Inventory;
import org.btcnode.core.message.InventoryType;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.WhitelistEntry;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.Dial;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * The health monitor on synthetic peer tables: a node-logic harness (fake transport, manual
 * clock) whose peers are played message by message, so that each table gives exactly the
 * warnings it should, in the log (once an hour, one line when cleared) and in the report; and
 * the flood budget, which throttles, then disconnects and discourages, never a noban or manual
 * peer and never discourages a local one.
 */
class NetworkHealthTest {
    private static final ConnectionOptions DEFAULTS = ConnectionOptions.defaults("0.1.0");
    /** Long enough for the start-up grace of outbound diversity and one evaluation after it. */
    private static final Duration PAST_GRACE = NetworkHealth.OUTBOUND_GRACE.plusMinutes(1);
    private static final List<String> USER_AGENTS = List.of("/Satoshi:28.0.0/", "/Satoshi:27.1.0/",
            "/Satoshi:29.0.0/", "/btcd:0.24.2/", "/Satoshi:26.0.0/");

    private long nonce = 0x4000;

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    // ------------------------------------------------------------------ helpers

    /** A version from a peer whose clock reads ours plus {@code offset}. */
    private Version version(NodeHarness h, String userAgent, Duration offset) {
        return new Version(ProtocolVersion.PROTOCOL_VERSION, FULL, h.loop.now().plus(offset).getEpochSecond(),
                Version.Endpoint.NONE, Version.Endpoint.NONE, nonce++, userAgent, 870_000, true);
    }

    private FakeConnection handshake(NodeHarness h, FakeConnection c, String userAgent, Duration offset) {
        c.receive(version(h, userAgent, offset));
        c.receive(new Verack());
        return c;
    }

    private FakeConnection inbound(NodeHarness h, String ip, String userAgent) {
        return handshake(h, h.transport.inbound(FakeTransport.socket(ip, 50_000)), userAgent, Duration.ZERO);
    }

    /** Completes and handshakes every full-relay and block-relay dial not yet completed. */
    private List<FakeConnection> completeOutbound(NodeHarness h, Set<PeerId> done, Duration offset) {
        List<FakeConnection> out = new ArrayList<>();
        for (Dial d : h.transport.dials()) {
            boolean automatic = d.type() == ConnectionType.OUTBOUND_FULL_RELAY || d.type() == ConnectionType.BLOCK_RELAY
                    || d.type() == ConnectionType.MANUAL;
            if (automatic && done.add(d.id())) {
                out.add(handshake(h, h.transport.complete(d), USER_AGENTS.get(done.size() % USER_AGENTS.size()),
                        offset));
            }
        }
        return out;
    }

    /** Answers every ping the node sent, so that long scenarios keep their peers. */
    private static void answerPings(List<FakeConnection> connections) {
        for (FakeConnection c : connections) {
            List<Ping> pings = c.sent(Ping.class);
            c.clearSent();
            if (!c.isClosed()) {
                pings.forEach(p -> c.receive(new Pong(p.nonce())));
            }
        }
    }

    private static List<HealthCondition> conditions(NodeHarness h) {
        return h.manager.health().report().warnings().stream().map(HealthWarning::condition).toList();
    }

    private static List<String> warningLines() {
        return CapturedLogs.all().stream().filter(l -> l.level() == Level.WARN).map(CapturedLogs.Line::text).toList();
    }

    private static List<String> lines(String logger, Level level) {
        return CapturedLogs.lines(logger).stream().filter(l -> l.level() == level).map(CapturedLogs.Line::text)
                .toList();
    }

    private static Address address(int a, int b, int c, int d) {
        return new Address(NodeHarness.T0, FULL, NetAddress.ipv4(a, b, c, d), 8333);
    }

    private static Inv blockInv(int i) {
        byte[] hash = new byte[32];
        hash[0] = (byte) i;
        hash[1] = (byte) (i >> 8);
        return new Inv(List.of(new Inventory(InventoryType.MSG_BLOCK, Hash256.wrap(hash))));
    }

    private static NodeHarness started(ConnectionOptions options) {
        NodeHarness h = new NodeHarness(options, List.of(), null);
        h.manager.start();
        return h;
    }

    // ------------------------------------------------------------------ tables

    @Test
    void aDiverseTableGivesNoWarning() {
        NodeHarness h = NodeHarness.dialingFromAddressBook(DEFAULTS, 11);
        // 2,000 addresses in many /16s, told us by 40 peers in 40 network groups
        for (int i = 0; i < 2_000; i++) {
            h.addrMan.add(List.of(address(20 + i / 250, i % 250, 1, 1)), NetAddress.ipv4(60 + i % 40, 7, 7, 7),
                    Duration.ZERO, h.loop.now());
        }
        h.manager.start();
        Set<PeerId> done = new HashSet<>();
        List<FakeConnection> peers = new ArrayList<>();
        for (int tick = 0; tick < 40 && done.size() < 10; tick++) {
            h.advance(Duration.ofMillis(500));
            peers.addAll(completeOutbound(h, done, Duration.ofSeconds(3)));
        }
        assertThat(done).hasSize(10);
        for (int i = 1; i <= 12; i++) {
            peers.add(inbound(h, "44." + i + ".0.1", USER_AGENTS.get(i % USER_AGENTS.size())));
        }
        h.advance(PAST_GRACE);

        HealthReport report = h.manager.health().report();
        assertThat(report.warnings()).isEmpty();
        assertThat(warningLines()).isEmpty();
        HealthReport.Figures f = report.figures();
        assertThat(f.outboundPeers()).isEqualTo(10);
        assertThat(f.outboundSlots()).isEqualTo(10);
        assertThat(f.outboundGroups()).isEqualTo(10);
        assertThat(f.largestOutboundGroup()).isEqualTo(1);
        assertThat(f.largestOutboundSource()).isLessThan(10);
        assertThat(f.addrmanNew()).isGreaterThan(1_000);
        assertThat(f.largestSourceShare()).isLessThan(0.1);
        assertThat(f.inboundPeers()).isEqualTo(12);
        assertThat(f.largestInboundGroup()).isEqualTo(1);
        assertThat(f.versionPeers()).isEqualTo(22);
        assertThat(f.largestUserAgentShare()).isLessThan(0.8);
        assertThat(f.clockSamples()).isEqualTo(10);
        assertThat(f.clockMedian()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void outboundInOneSlash16GivesTheDiversityWarningOnly() {
        // every address the book offers is in 11.1.0.0/16: the distinct-group rule lets one connect
        List<Address> oneGroup = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            oneGroup.add(address(11, 1, i, 1));
        }
        NodeHarness h = new NodeHarness(DEFAULTS, oneGroup, null);
        h.manager.start();
        Set<PeerId> done = new HashSet<>();
        for (int tick = 0; tick < 10; tick++) {
            h.advance(Duration.ofMillis(500));
            completeOutbound(h, done, Duration.ZERO);
        }
        assertThat(done).hasSize(1);
        h.advance(NetworkHealth.OUTBOUND_GRACE.minusMinutes(1));
        assertThat(conditions(h)).as("not within the start-up grace").isEmpty();
        h.advance(Duration.ofMinutes(2));

        assertThat(conditions(h)).containsExactly(HealthCondition.OUTBOUND_DIVERSITY);
        String text = h.manager.health().report().networkWarnings().get(0);
        assertThat(text).startsWith("outbound diversity 1/10 network groups (1 automatic outbound peers");
        assertThat(lines("btc.net", Level.WARN)).containsExactly(text);
        assertThat(h.manager.health().preferUnconnectedGroups()).isTrue();
    }

    @Test
    void ninetyPercentOneUserAgentGivesTheVersionWarningOnly() {
        NodeHarness h = started(DEFAULTS);
        for (int i = 1; i <= 9; i++) {
            inbound(h, "44." + i + ".0.1", "/Satoshi:27.0.0/");
        }
        inbound(h, "45.1.0.1", "/btcd:0.24.2/");
        h.advance(Duration.ofMinutes(1));

        assertThat(conditions(h)).containsExactly(HealthCondition.VERSION_CONCENTRATION);
        assertThat(h.manager.health().report().networkWarnings()).containsExactly("version concentration: 9 of 10"
                + " peers (90%) announce the user agent \"/Satoshi:27.0.0/\"; possibly many nodes of one operator");
        assertThat(h.manager.health().report().blockchainWarnings()).isEmpty();
    }

    @Test
    void eightyPercentIsNotMoreThanEightyPercent() {
        NodeHarness h = started(DEFAULTS);
        for (int i = 1; i <= 8; i++) {
            inbound(h, "44." + i + ".0.1", "/Satoshi:27.0.0/");
        }
        inbound(h, "45.1.0.1", "/btcd:0.24.2/");
        inbound(h, "46.1.0.1", "/btcd:0.24.2/");
        h.advance(Duration.ofMinutes(1));
        assertThat(conditions(h)).isEmpty();
    }

    @Test
    void oneSourceFillingTheNewTableGivesTheAddressBookWarningOnly() {
        NodeHarness h = started(DEFAULTS);
        NetAddress sybil = NetAddress.ipv4(44, 5, 6, 7);
        for (int i = 0; i < 1_500; i++) {
            h.addrMan.add(List.of(address(1 + i / 250, i % 250, 3, 3)), sybil, Duration.ZERO, h.loop.now());
        }
        for (int i = 0; i < 500; i++) {
            h.addrMan.add(List.of(address(30 + i / 250, i % 250, 3, 3)), NetAddress.ipv4(60 + i % 20, 9, 9, 9),
                    Duration.ZERO, h.loop.now());
        }
        h.advance(Duration.ofMinutes(1));

        assertThat(conditions(h)).containsExactly(HealthCondition.ADDRESS_SOURCES);
        HealthReport.Figures f = h.manager.health().report().figures();
        assertThat(f.addrmanNew()).isEqualTo(h.addrMan.newCount());
        assertThat(f.largestSourceGroup()).isEqualTo(h.addrMan.newCountsBySourceGroup().values().stream()
                .mapToInt(Integer::intValue).max().orElseThrow());
        assertThat(f.largestSourceShare()).isGreaterThan(0.6);
        assertThat(h.manager.health().report().networkWarnings().get(0))
                .startsWith("address book sources: one network group told us " + f.largestSourceGroup() + " of the "
                        + f.addrmanNew() + " new-table addresses");
        assertThat(lines("btc.addrman", Level.WARN)).hasSize(1);
    }

    @Test
    void seedsFillingTheNewTableAreNotASybil() {
        NodeHarness h = started(DEFAULTS);
        // Core files fixed and DNS seed results under internal pseudo-addresses: unroutable, never a peer's group
        NetAddress fixedSeeds = org.btcnode.net.discovery.SeedSource.of("fixedseeds");
        for (int i = 0; i < 1_500; i++) {
            h.addrMan.add(List.of(address(1 + i / 250, i % 250, 3, 3)), fixedSeeds, Duration.ZERO, h.loop.now());
        }
        h.advance(Duration.ofMinutes(1));
        assertThat(conditions(h)).isEmpty();
        assertThat(h.manager.health().report().figures().largestSourceGroup()).isZero();
    }

    @Test
    void eightInboundFromOneGroupGiveTheInboundWarningOnly() {
        NodeHarness h = started(DEFAULTS);
        for (int i = 1; i <= 8; i++) {
            inbound(h, "44.44." + i + ".1", USER_AGENTS.get(i % USER_AGENTS.size()));
        }
        inbound(h, "45.1.0.1", "/btcd:0.24.2/");
        // local connections (onion via a proxy, a wallet) share one group by design: not counted
        for (int i = 1; i <= 9; i++) {
            inbound(h, "127.0.0." + i, "/local:1.0/");
        }
        h.advance(Duration.ofMinutes(1));

        assertThat(conditions(h)).containsExactly(HealthCondition.INBOUND_CONCENTRATION);
        assertThat(h.manager.health().report().networkWarnings()).containsExactly("inbound concentration: 8 of 9"
                + " inbound connections from one network group; possible sybil attack (eviction protects peers of"
                + " other groups first)");
    }

    @Test
    void aStaleTipWithFourOutboundPeersIsAWarning() {
        List<InetSocketAddress> connect = List.of(FakeTransport.socket("8.8.8.8", 8333),
                FakeTransport.socket("9.9.9.9", 8333), FakeTransport.socket("12.1.1.1", 8333),
                FakeTransport.socket("13.1.1.1", 8333));
        NodeHarness h = started(DEFAULTS.withConnect(connect));
        List<FakeConnection> peers = completeOutbound(h, new HashSet<>(), Duration.ZERO);
        assertThat(peers).hasSize(4);
        for (int minute = 0; minute < 31; minute++) {
            h.advance(Duration.ofMinutes(1));
            answerPings(peers);
        }
        assertThat(conditions(h)).as("the tip is taken at the first evaluation, 30 minutes are not more").isEmpty();
        h.advance(Duration.ofMinutes(1));
        assertThat(conditions(h)).containsExactly(HealthCondition.STALE_TIP);
        assertThat(h.manager.health().report().networkWarnings()).containsExactly("stale tip: no new block for 31"
                + " minutes (height 0) with 4 outbound peers connected; possible eclipse attack or network partition");

        peers.get(0).remoteClose();
        h.advance(Duration.ofMinutes(1));
        assertThat(conditions(h)).as("three peers are not a healthy count").isEmpty();
        assertThat(lines("btc.net", Level.INFO)).contains("cleared: stale tip: no new block for 32 minutes (height 0)"
                + " with 3 outbound peers connected");
    }

    @Test
    void clocksAnHourAheadGiveCoresWarningAtOnceRepeatedHourlyUntilInSyncPeersOutvoteThem() {
        List<InetSocketAddress> skewed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            skewed.add(FakeTransport.socket("8.8.8." + i, 8333));
        }
        NodeHarness h = started(DEFAULTS.withConnect(skewed));
        List<FakeConnection> ahead = completeOutbound(h, new HashSet<>(), Duration.ofHours(1));
        assertThat(ahead).hasSize(5);

        // Core: WarnIfOutOfSync at the fifth sample, no minute to wait
        assertThat(conditions(h)).containsExactly(HealthCondition.CLOCK_OFFSET);
        HealthReport report = h.manager.health().report();
        assertThat(report.networkWarnings()).containsExactly(TimeOffsets.WARNING);
        assertThat(report.blockchainWarnings()).containsExactly(TimeOffsets.WARNING);
        assertThat(lines("btc", Level.WARN)).containsExactly(TimeOffsets.WARNING
                + " (median clock offset +3600 s over the last 5 outbound peers)");

        // the samples outlive the connections, as Core's do: still out of sync, logged again after an hour
        ahead.forEach(FakeConnection::remoteClose);
        h.advance(Duration.ofMinutes(59));
        assertThat(lines("btc", Level.WARN)).hasSize(1);
        h.advance(Duration.ofMinutes(1));
        assertThat(lines("btc", Level.WARN)).hasSize(2);
        assertThat(conditions(h)).containsExactly(HealthCondition.CLOCK_OFFSET);

        // six in-sync outbound peers: the median of eleven is in sync (the -connect redials stay pending)
        Set<PeerId> done = new HashSet<>();
        h.transport.dials().forEach(d -> done.add(d.id()));
        for (int i = 1; i <= 6; i++) {
            assertThat(conditions(h)).as("after %d in-sync peers", i - 1).containsExactly(HealthCondition.CLOCK_OFFSET);
            h.manager.openOneTry(FakeTransport.socket("9.9.9." + i, 8333));
            assertThat(completeOutbound(h, done, Duration.ofSeconds(2))).hasSize(1);
        }
        assertThat(conditions(h)).isEmpty();
        assertThat(lines("btc", Level.INFO)).containsExactly("cleared: median clock offset +2 s over the last 11"
                + " outbound peers");
    }

    // ------------------------------------------------------------------ floods

    @Test
    void aFloodingPeerIsThrottledThenDisconnectedAndDiscouragedWhileAnotherIsServed() {
        NodeHarness h = started(DEFAULTS);
        FakeConnection flooder = inbound(h, "44.1.2.3", "/flood:1/");
        FakeConnection quiet = inbound(h, "45.1.2.3", "/quiet:1/");
        PeerId id = flooder.id();
        MessageBudget budget = h.manager.health().budget();
        // the clock stands still: the burst of 1,000 passes, every inv after it is dropped
        for (int i = 0; i < MessageBudget.INV.messageBurst(); i++) {
            flooder.receive(blockInv(i));
        }
        assertThat(budget.dropped(id)).isZero();
        for (int i = 0; i < MessageBudget.FLOOD_DISCONNECT_DROPS - 1; i++) {
            flooder.receive(blockInv(i));
        }
        assertThat(budget.dropped(id)).isEqualTo(MessageBudget.FLOOD_DISCONNECT_DROPS - 1);
        assertThat(flooder.isClosed()).as("throttled, not yet disconnected").isFalse();
        quiet.clearSent();
        quiet.receive(new Ping(77));
        assertThat(quiet.sent(Pong.class)).containsExactly(new Pong(77));

        flooder.receive(blockInv(0));
        assertThat(flooder.isClosed()).isTrue();
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(44, 1, 2, 3))).isTrue();
        assertThat(budget.floodDisconnects()).isEqualTo(1);
        assertThat(quiet.isClosed()).isFalse();
        assertThat(CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text))
                .anyMatch(l -> l.startsWith("throttling inv: over its budget of 10/s (burst 100)") && l.endsWith(
                        "peer=" + id))
                .anyMatch(l -> l.startsWith("Disconnecting and discouraging: MESSAGE_FLOOD: message flood: 1000"
                        + " messages over budget dropped within a minute (inv: 10/s, burst 100)"));

        // the next evaluation names the flood, the one after clears it
        h.advance(Duration.ofMinutes(1));
        assertThat(conditions(h)).containsExactly(HealthCondition.MESSAGE_FLOOD);
        String text = h.manager.health().report().networkWarnings().get(0);
        assertThat(text).startsWith("message flood: inv at 1100/min from one peer").endsWith("peer=" + id);
        HealthReport.MessageRate inv = h.manager.health().report().figures().messageRates().get("inv");
        assertThat(inv.perMinute()).isEqualTo(1100.0);
        assertThat(inv.largestPeerPerMinute()).isEqualTo(1100.0);
        assertThat(h.manager.health().report().figures().throttledMessages())
                .isEqualTo(MessageBudget.FLOOD_DISCONNECT_DROPS);
        h.advance(Duration.ofMinutes(1));
        assertThat(conditions(h)).isEmpty();
        assertThat(lines("btc.net", Level.INFO)).contains("cleared: message rates within 10x their baselines");
    }

    @Test
    void theBudgetRefillsWithTheClock() {
        NodeHarness h = started(DEFAULTS);
        FakeConnection peer = inbound(h, "44.1.2.3", "/steady:1/");
        // 10 inv a second for 30 seconds after the burst is spent: within budget, nothing dropped
        for (int i = 0; i < MessageBudget.INV.messageBurst(); i++) {
            peer.receive(blockInv(i));
        }
        for (int second = 0; second < 30; second++) {
            h.loop.advance(Duration.ofSeconds(1));
            for (int i = 0; i < MessageBudget.INV.messagesPerSecond(); i++) {
                peer.receive(blockInv(i));
            }
        }
        assertThat(h.manager.health().budget().dropped(peer.id())).isZero();
        peer.receive(blockInv(0));
        assertThat(h.manager.health().budget().dropped(peer.id())).isEqualTo(1);
    }

    @Test
    void aLocalFlooderIsDisconnectedButNotDiscouraged() {
        NodeHarness h = started(DEFAULTS);
        FakeConnection local = inbound(h, "127.0.0.1", "/flood:1/");
        for (int i = 0; i < MessageBudget.INV.messageBurst() + MessageBudget.FLOOD_DISCONNECT_DROPS; i++) {
            local.receive(blockInv(i));
        }
        assertThat(local.isClosed()).isTrue();
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(127, 0, 0, 1))).isFalse();
    }

    @Test
    void aNobanFlooderIsNeverThrottledNorDisconnected() {
        NodeHarness h = started(DEFAULTS.withWhitelist(List.of(WhitelistEntry.parse("noban@44.0.0.0/8")),
                List.of()));
        FakeConnection whitelisted = inbound(h, "44.1.2.3", "/wallet:1/");
        for (int i = 0; i < 3 * MessageBudget.FLOOD_DISCONNECT_DROPS; i++) {
            whitelisted.receive(blockInv(i));
        }
        assertThat(whitelisted.isClosed()).isFalse();
        assertThat(h.manager.health().budget().dropped(whitelisted.id())).isZero();
    }

    @Test
    void aManualFlooderIsThrottledButNeverDisconnected() {
        NodeHarness h = started(DEFAULTS.withConnect(List.of(FakeTransport.socket("8.8.8.8", 8333))));
        FakeConnection manual = completeOutbound(h, new HashSet<>(), Duration.ZERO).get(0);
        int sent = MessageBudget.INV.messageBurst() + 3 * MessageBudget.FLOOD_DISCONNECT_DROPS;
        for (int i = 0; i < sent; i++) {
            manual.receive(blockInv(i));
        }
        assertThat(manual.isClosed()).isFalse();
        assertThat(h.manager.health().budget().dropped(manual.id())).isEqualTo(3L * MessageBudget.FLOOD_DISCONNECT_DROPS);
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(8, 8, 8, 8))).isFalse();
        assertThat(CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text)
                .filter(l -> l.startsWith("Warning: not punishing manually connected peer"))).hasSize(1);
    }
}
