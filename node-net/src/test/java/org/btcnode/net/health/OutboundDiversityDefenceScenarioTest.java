package org.btcnode.net.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.testing.NodeHarness.FULL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.Dial;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.Test;

/**
 * The defence against a suspected eclipse: a node whose ten outbound peers all came from one
 * source raises the outbound-diversity warning, and from then on its feeler and its next outbound
 * connection skip the network group its inbound peers come from (which the book is full of, spread
 * over 30 new buckets by 30 sources) for addresses in groups it has no connection to. The same
 * node with outbound peers from many sources (no warning) dials into that group, as Core does.
 * Selection is random with a seeded generator, so each outcome here is fixed.
 */
class OutboundDiversityDefenceScenarioTest {
    private static final ConnectionOptions DEFAULTS = ConnectionOptions.defaults("0.1.0");
    private static final NetAddress ONE_SOURCE = NetAddress.ipv4(66, 66, 0, 1);
    /** The group the inbound peers and most of the later addresses are in. */
    private static final String CROWDED = "44.44.";

    private long nonce = 0x7000;
    private final List<FakeConnection> connections = new ArrayList<>();

    private static Address address(int a, int b, int c, int d) {
        return new Address(NodeHarness.T0, FULL, NetAddress.ipv4(a, b, c, d), 8333);
    }

    private void handshake(NodeHarness h, FakeConnection c) {
        c.receive(new Version(ProtocolVersion.PROTOCOL_VERSION, FULL, h.loop.now().getEpochSecond(),
                Version.Endpoint.NONE, Version.Endpoint.NONE, nonce++, "/Satoshi:2" + (nonce % 4) + ".0.0/", 870_000,
                true));
        c.receive(new Verack());
        connections.add(c);
    }

    /** Advances in one-second steps, answering pings each minute, until a dial of this type is new. */
    private Dial nextDial(NodeHarness h, ConnectionType type, Set<PeerId> seen) {
        for (int second = 1; second <= 30 * 60; second++) {
            h.advance(Duration.ofSeconds(1));
            if (second % 60 == 0) {
                for (FakeConnection c : connections) {
                    List<Ping> pings = c.sent(Ping.class);
                    c.clearSent();
                    if (!c.isClosed()) {
                        pings.forEach(p -> c.receive(new Pong(p.nonce())));
                    }
                }
            }
            Optional<Dial> dial = h.transport.dials(type).stream().filter(d -> !seen.contains(d.id())).findFirst();
            if (dial.isPresent()) {
                seen.add(dial.get().id());
                return dial.get();
            }
        }
        throw new AssertionError("no " + type + " dial within 30 minutes");
    }

    private static String ip(Dial d) {
        return d.address().getAddress().getHostAddress();
    }

    /**
     * Ten outbound peers in ten groups, learned from one source (or from ten), two inbound peers
     * from the crowded group; past the grace period the book learns 30 addresses in the crowded
     * group and two elsewhere (55.55.0.1, 56.56.0.1).
     */
    private NodeHarness node(boolean oneSource) {
        NodeHarness h = NodeHarness.dialingFromAddressBook(DEFAULTS, 5);
        for (int i = 1; i <= 10; i++) {
            NetAddress source = oneSource ? ONE_SOURCE : NetAddress.ipv4(66, 66 + i, 0, 1);
            h.addrMan.add(List.of(address(11, i, 0, 1)), source, Duration.ZERO, h.loop.now());
        }
        h.manager.start();
        Set<PeerId> done = new HashSet<>();
        for (int tick = 0; tick < 40 && done.size() < 10; tick++) {
            h.advance(Duration.ofMillis(500));
            for (Dial d : h.transport.dials()) {
                if (d.type() != ConnectionType.FEELER && done.add(d.id())) {
                    handshake(h, h.transport.complete(d));
                }
            }
        }
        assertThat(done).hasSize(10);
        handshake(h, h.transport.inbound(FakeTransport.socket(CROWDED + "0.1", 50_000)));
        handshake(h, h.transport.inbound(FakeTransport.socket(CROWDED + "0.2", 50_000)));
        h.advance(NetworkHealth.OUTBOUND_GRACE.plusMinutes(1));
        // each crowded address from a source of its own, so that they spread over 30 new buckets
        for (int i = 1; i <= 30; i++) {
            h.addrMan.add(List.of(address(44, 44, i, 1)), NetAddress.ipv4(77, i, 0, 1), Duration.ZERO, h.loop.now());
        }
        h.addrMan.add(List.of(address(55, 55, 0, 1), address(56, 56, 0, 1)), NetAddress.ipv4(78, 78, 0, 1),
                Duration.ZERO, h.loop.now());
        return h;
    }

    @Test
    void withLowDiversityTheFeelerAndTheNextOutboundAvoidConnectedGroups() {
        NodeHarness h = node(true);
        HealthReport report = h.manager.health().report();
        assertThat(report.warnings()).extracting(HealthWarning::condition)
                .containsExactly(HealthCondition.OUTBOUND_DIVERSITY);
        assertThat(report.networkWarnings().get(0)).startsWith("outbound diversity 10/10 network groups (10 automatic"
                + " outbound peers, at most 1 in one group, 10 learned from one source group)");

        Set<PeerId> seen = new HashSet<>();
        h.transport.dials().forEach(d -> seen.add(d.id()));
        Dial feeler = nextDial(h, ConnectionType.FEELER, seen);
        assertThat(ip(feeler)).isIn("55.55.0.1", "56.56.0.1");

        // one outbound peer leaves: its replacement comes from a group we have no connection to
        connections.get(0).remoteClose();
        Dial replacement = nextDial(h, ConnectionType.OUTBOUND_FULL_RELAY, seen);
        assertThat(ip(replacement)).doesNotStartWith(CROWDED);
    }

    @Test
    void withoutTheWarningSelectionIsCoresAndGoesIntoTheCrowdedGroup() {
        NodeHarness h = node(false);
        assertThat(h.manager.health().report().warnings()).isEmpty();

        Set<PeerId> seen = new HashSet<>();
        h.transport.dials().forEach(d -> seen.add(d.id()));
        Dial feeler = nextDial(h, ConnectionType.FEELER, seen);
        assertThat(ip(feeler)).startsWith(CROWDED);
        connections.get(0).remoteClose();
        Dial replacement = nextDial(h, ConnectionType.OUTBOUND_FULL_RELAY, seen);
        assertThat(ip(replacement)).startsWith(CROWDED);
    }
}
