package org.btcnode.net;

import java.time.Duration;
import java.util.List;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.Verack;
import org.btcnode.core.store.Subnet;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.CapturedLogs.Line;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.btcnode.net.transport.Violation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the operator sees under {@code btc.net}: a line for every connect, disconnect (with its
 * reason), eviction, discouragement and refused connection, Core's texts where Core has them,
 * and {@code peer=N} last on every peer line. IPs are hidden without -logips.
 */
class PeerLogLinesScenarioTest {

    @BeforeEach
    void clear() {
        CapturedLogs.clear();
    }

    private static List<String> texts() {
        return CapturedLogs.lines("btc.net").stream().map(Line::text).toList();
    }

    @Test
    void connectHandshakeAndTimeout() {
        NodeHarness h = new NodeHarness(ConnectionOptions.defaults("0.1.0")
                .withAddNode(List.of(FakeTransport.socket("8.8.8.8", 8333))), List.of(), null);
        h.manager.start();
        FakeConnection out = h.transport.complete(h.transport.dials(ConnectionType.MANUAL).get(0));
        out.receive(NodeHarness.version(5));
        out.receive(new Verack());
        FakeConnection in = h.transport.inbound(FakeTransport.socket("9.9.9.9", 50_000));
        in.receive(NodeHarness.version(6));
        h.advance(Duration.ofSeconds(61));
        long o = out.id().value();
        long i = in.id().value();
        assertThat(texts()).contains(
                "trying manual connection [hidden], peer=" + o,
                "Added connection peer=" + o,
                "receive version message: /Satoshi:28.0.0/: version 70016, blocks=870000, us=[hidden], "
                        + "txrelay=true, peer=" + o,
                "New manual v1 peer connected: version: 70016, blocks=870000, peer=" + o,
                "connection accepted, peer=" + i,
                "version handshake timeout, disconnecting peer=" + i);
        assertThat(CapturedLogs.lines("btc.net")).filteredOn(l -> l.text().startsWith("New manual"))
                .extracting(Line::level).containsExactly(Level.INFO);
        assertThat(texts()).noneMatch(t -> t.contains("8.8.8.8") || t.contains("9.9.9.9"));
    }

    @Test
    void refusalsDiscouragementAndEviction() {
        NodeHarness h = new NodeHarness(ConnectionOptions.defaults("0.1.0").withConnect(List.of())
                .withMaxConnections(11 + 30), List.of(), null);
        h.manager.start();
        h.banMan.ban(Subnet.parse("60.1.2.0/24").orElseThrow(), Duration.ofHours(1), false);
        FakeConnection banned = h.transport.inbound(FakeTransport.socket("60.1.2.3", 50_000));

        FakeConnection bad = h.inboundReady("70.1.0.1");
        h.manager.onViolation(bad.id(), Violation.OVERSIZED_COUNT, "inv message size = 50001");
        h.loop.runPending();
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(70, 1, 0, 1))).isTrue();

        for (int n = 1; n <= 30; n++) {
            h.inboundReady("80." + n + ".0.1");
            h.advance(Duration.ofSeconds(1));
        }
        FakeConnection newcomer = h.transport.inbound(FakeTransport.socket("90.1.0.1", 50_000));
        assertThat(newcomer.isClosed()).isFalse();

        assertThat(texts()).contains(
                "connection dropped (banned), peer=" + banned.id(),
                "Misbehaving: OVERSIZED_COUNT: inv message size = 50001, peer=" + bad.id(),
                "Disconnecting and discouraging: OVERSIZED_COUNT: inv message size = 50001, disconnecting peer="
                        + bad.id(),
                "discouraged [hidden], peer=" + bad.id());
        assertThat(texts()).anyMatch(t -> t.startsWith("selected for eviction (inbound slots full), peer="))
                .anyMatch(t -> t.startsWith("evicted to make room for a new inbound connection, disconnecting peer="));
    }

    @Test
    void everyPeerLineEndsWithThePeerId() {
        connectHandshakeAndTimeout();
        refusalsDiscouragementAndEviction();
        assertThat(texts()).isNotEmpty()
                .filteredOn(t -> t.contains("peer="))
                .allMatch(t -> t.matches("(?s).*peer=\\d+$"), "ends in peer=<id>");
    }
}
