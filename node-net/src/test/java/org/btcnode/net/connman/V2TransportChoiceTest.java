package org.btcnode.net.connman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.testing.NodeHarness.FULL;
import static org.btcnode.net.testing.NodeHarness.address;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.TransportProtocol;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.Dial;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the peer manager opens BIP 324 connections and how it falls back to v1 (net.cpp
 * ThreadOpenConnections, OpenNetworkConnection, DisconnectNodes/PerformReconnections).
 */
class V2TransportChoiceTest {
    private static final ConnectionOptions V2 = ConnectionOptions.defaults("0.1.0").withV2Transport(true);
    private static final ServiceFlags FULL_V2 = FULL.with(ServiceFlags.NODE_P2P_V2);

    /** 12 full-service addresses in distinct /16s; the even ones also offer NODE_P2P_V2. */
    private static List<Address> mixed() {
        List<Address> list = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            list.add(address("11." + i + ".0.1", 8333, i % 2 == 0 ? FULL_V2 : FULL));
        }
        return list;
    }

    private static boolean offersV2(Dial d) {
        int second = d.address().getAddress().getAddress()[1];
        return second % 2 == 0;
    }

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    @Test
    void automaticConnectionsUseV2ExactlyForAddressesThatOfferIt() {
        NodeHarness h = NodeHarness.started(V2, mixed());
        h.advance(Duration.ofSeconds(6));
        List<Dial> dials = h.transport.dials();
        assertThat(dials).hasSize(10);
        assertThat(dials).anyMatch(Dial::v2).anyMatch(d -> !d.v2());
        assertThat(dials).allMatch(d -> d.v2() == offersV2(d));
    }

    @Test
    void withV2OffLocallyEveryConnectionIsV1() {
        NodeHarness h = NodeHarness.started(V2.withV2Transport(false), mixed());
        h.advance(Duration.ofSeconds(6));
        assertThat(h.transport.dials()).hasSize(10).noneMatch(Dial::v2);
    }

    @Test
    void manualPeersAreDialledOverV2WhenWeOfferIt() {
        NodeHarness h = NodeHarness.started(V2.withConnect(List.of(FakeTransport.socket("8.8.8.8", 8333))), List.of());
        h.advance(Duration.ofSeconds(1));
        assertThat(h.transport.dials()).singleElement()
                .satisfies(d -> assertThat(d.type()).isEqualTo(ConnectionType.MANUAL))
                .satisfies(d -> assertThat(d.v2()).isTrue());
    }

    @Test
    void aV2AttemptAV1OnlyPeerClosesIsRetriedAtOnceOverV1WithTheSameType() {
        NodeHarness h = NodeHarness.started(V2, List.of(address("11.2.0.1", 8333, FULL_V2)));
        h.advance(Duration.ofMillis(500));
        Dial first = h.transport.dials().get(0);
        assertThat(first.v2()).isTrue();
        FakeConnection c = h.transport.complete(first);
        c.remoteCloseAsV1Only();

        List<Dial> dials = h.transport.dials();
        assertThat(dials).hasSize(2);
        Dial retry = dials.get(1);
        assertThat(retry.v2()).isFalse();
        assertThat(retry.address()).isEqualTo(first.address());
        assertThat(retry.type()).isEqualTo(first.type());
        assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                .contains("retrying with v1 transport protocol for peer=" + first.id());

        // the v1 retry completes the handshake; the address book learns the services it offers
        FakeConnection v1 = h.transport.complete(retry);
        v1.receive(NodeHarness.version(FULL, 70016, 99));
        Peer p = h.peer(v1);
        assertThat(p.services()).isEqualTo(FULL);
    }

    @Test
    void aManualPeerIsTriedOverV2AgainOnEveryNewAttemptAsCoreDoes() {
        NodeHarness h = NodeHarness.started(V2.withConnect(List.of(FakeTransport.socket("8.8.8.8", 8333))),
                List.of());
        h.advance(Duration.ofSeconds(1));
        FakeConnection c = h.transport.complete(h.transport.dials().get(0));
        c.remoteCloseAsV1Only();
        Dial retry = h.transport.dials().get(1);
        assertThat(retry.v2()).isFalse();
        assertThat(retry.type()).isEqualTo(ConnectionType.MANUAL);
        h.transport.complete(retry).remoteClose();     // later a plain disconnect
        h.advance(Duration.ofSeconds(10));
        List<Dial> later = h.transport.dials().subList(2, h.transport.dials().size());
        assertThat(later).isNotEmpty().allMatch(Dial::v2);
    }

    @Test
    void noV1RetryWhileTheNetworkIsOff() {
        NodeHarness h = NodeHarness.started(V2, List.of(address("11.2.0.1", 8333, FULL_V2)));
        h.advance(Duration.ofMillis(500));
        FakeConnection c = h.transport.complete(h.transport.dials().get(0));
        h.manager.setNetworkActive(false);          // closes every connection
        c.remoteCloseAsV1Only();
        h.advance(Duration.ofSeconds(5));
        assertThat(h.transport.dials()).hasSize(1);
        assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                .noneMatch(l -> l.startsWith("retrying with v1"));
    }

    @Test
    void anAddedNodeWithV2TransportFalseIsDialledOverV1UntilRemoved() {
        NodeHarness h = NodeHarness.started(V2, List.of());
        InetSocketAddress node = FakeTransport.socket("8.8.4.4", 8333);
        h.manager.addNode(node, false);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.transport.dials()).singleElement().satisfies(d -> assertThat(d.v2()).isFalse());
        h.transport.fail(h.transport.dials().get(0));
        h.manager.removeAddedNode(node);
        assertThat(h.manager.openOneTry(node, true)).isTrue();
        assertThat(h.transport.dials()).hasSize(2);
        assertThat(h.transport.dials().get(1).v2()).isTrue();
    }

    @Test
    void anOrdinaryCloseIsNotRetriedOverV1() {
        NodeHarness h = NodeHarness.started(V2, List.of(address("11.2.0.1", 8333, FULL_V2)));
        h.advance(Duration.ofMillis(500));
        Dial first = h.transport.dials().get(0);
        h.transport.complete(first).remoteClose();
        assertThat(h.transport.dials()).hasSize(1);
        assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                .noneMatch(l -> l.startsWith("retrying with v1"));
    }

    @Test
    void aV2HandshakeThatNeverFinishesTimesOutWithItsOwnReason() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        c.setTransport(TransportProtocol.DETECTING);
        c.bytesBothWays(h.loop.now());          // keys went both ways; no message ever completes
        Peer p = h.peer(c);
        h.advance(Duration.ofSeconds(61));
        assertThat(c.isClosed()).isTrue();
        assertThat(p.disconnectReason()).isEqualTo("V2 handshake timeout");
    }
}
