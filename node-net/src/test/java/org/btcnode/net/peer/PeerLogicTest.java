package org.btcnode.net.peer;

import java.time.Duration;
import java.util.List;

import org.btcnode.core.message.FeeFilter;
import org.btcnode.core.message.GetAddr;
import org.btcnode.core.message.Inv;
import org.btcnode.core.message.MessageType;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.SendAddrV2;
import org.btcnode.core.message.SendHeaders;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.UnknownMessage;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.core.message.WtxidRelay;
import org.btcnode.core.store.Subnet;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.EvictionCandidate;
import org.btcnode.net.connman.WhitelistEntry;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.Dial;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.btcnode.net.transport.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.core.message.MessageType.GETADDR;
import static org.btcnode.core.message.MessageType.PING;
import static org.btcnode.core.message.MessageType.SENDADDRV2;
import static org.btcnode.core.message.MessageType.SENDHEADERS;
import static org.btcnode.core.message.MessageType.VERACK;
import static org.btcnode.core.message.MessageType.VERSION;
import static org.btcnode.core.message.MessageType.WTXIDRELAY;
import static org.btcnode.net.testing.NodeHarness.version;

class PeerLogicTest {

    private static NodeHarness withAddNode(String ip) {
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0")
                .withAddNode(List.of(FakeTransport.socket(ip, 8333)));
        NodeHarness h = new NodeHarness(options, List.of(), null);
        h.manager.start();
        return h;
    }

    /** Dials one manual (-addnode) peer and completes the TCP connection. */
    private static FakeConnection manualConnection(NodeHarness h) {
        Dial dial = h.transport.dials(ConnectionType.MANUAL).get(0);
        return h.transport.complete(dial);
    }

    // ------------------------------------------------------------------ handshake

    @Test
    void outboundSendsVersionFirstThenNegotiatesAndCompletes() {
        NodeHarness h = withAddNode("8.8.8.8");
        FakeConnection c = manualConnection(h);
        Peer peer = h.peer(c);

        assertThat(c.sentTypes()).containsExactly(VERSION);
        Version ours = c.sent(Version.class).get(0);
        assertThat(ours.version()).isEqualTo(new ProtocolVersion(70016));
        assertThat(ours.services().bits()).isEqualTo(0x409);     // NETWORK | WITNESS | NETWORK_LIMITED
        assertThat(ours.userAgent()).isEqualTo("/btcnode:0.1.0/");
        assertThat(ours.startingHeight()).isZero();
        assertThat(ours.relay()).isTrue();
        assertThat(ours.nonce()).isEqualTo(peer.localNonce()).isNotZero();
        assertThat(ours.timestampSeconds()).isEqualTo(NodeHarness.T0.getEpochSecond());
        assertThat(ours.addrTo().address()).isEqualTo(NetAddress.ipv4(8, 8, 8, 8));   // routable: told back
        assertThat(ours.addrTo().port()).isEqualTo(8333);
        assertThat(ours.addrFrom()).isEqualTo(new Version.Endpoint(ours.services(), NetAddress.IPV6_ANY, 0));
        assertThat(peer.state()).isEqualTo(PeerState.AWAIT_VERSION);

        c.receive(version(99));
        // BIP 339 and BIP 155 between their version and our verack, then getaddr (outbound, Core)
        assertThat(c.sentTypes()).containsExactly(VERSION, WTXIDRELAY, SENDADDRV2, VERACK, GETADDR);
        assertThat(peer.state()).isEqualTo(PeerState.AWAIT_VERACK);
        assertThat(peer.userAgent()).isEqualTo("/Satoshi:28.0.0/");
        assertThat(peer.startingHeight()).isEqualTo(870_000);
        assertThat(peer.services()).isEqualTo(NodeHarness.FULL);
        assertThat(peer.version()).contains(new ProtocolVersion(70016));
        assertThat(peer.relayTxs()).isTrue();

        c.receive(new Verack());
        // BIP 130 after verack, then the first ping at once (Core's m_ping_start starts at 0)
        assertThat(c.sentTypes()).containsExactly(VERSION, WTXIDRELAY, SENDADDRV2, VERACK, GETADDR, SENDHEADERS,
                PING);
        assertThat(peer.state()).isEqualTo(PeerState.READY);
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void inboundWaitsForTheirVersionBeforeSendingOurs() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        assertThat(c.sent()).isEmpty();
        h.advance(Duration.ofSeconds(5));
        c.receive(version(5));                      // their clock says T0, ours T0 + 5 s
        assertThat(h.peer(c).timeOffset()).isEqualTo(Duration.ofSeconds(-5));
        assertThat(c.sentTypes()).containsExactly(VERSION, WTXIDRELAY, SENDADDRV2, VERACK);
        // an unroutable address is not told back (Core's addr_you = CService())
        assertThat(c.sent(Version.class).get(0).addrTo()).isEqualTo(Version.Endpoint.NONE);
        c.receive(new Verack());
        assertThat(h.peer(c).state()).isEqualTo(PeerState.READY);
    }

    @Test
    void featureMessagesBeforeVerackAreRecorded() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        c.receive(version(5));
        c.receive(new WtxidRelay());
        c.receive(new SendAddrV2());
        c.receive(new SendHeaders());
        c.receive(new Verack());
        Peer p = h.peer(c);
        assertThat(p.wtxidRelay()).isTrue();
        assertThat(p.wantsAddrV2()).isTrue();
        assertThat(p.preferHeaders()).isTrue();
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void oldPeerGetsNoWtxidRelayAndItsWtxidRelayIsIgnored() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        c.receive(version(NodeHarness.FULL, 70015, 5));
        assertThat(c.sentTypes()).containsExactly(VERSION, VERACK);   // Core: sendaddrv2 from 70016 too
        c.receive(new WtxidRelay());
        assertThat(h.peer(c).wtxidRelay()).isFalse();
        assertThat(h.peer(c).commonVersion()).isEqualTo(new ProtocolVersion(70015));
    }

    @Test
    void messagesBeforeVersionAreIgnored() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        c.receive(new Ping(1));
        c.receive(new Verack());
        c.receive(new WtxidRelay());
        assertThat(c.sent()).isEmpty();
        assertThat(h.peer(c).state()).isEqualTo(PeerState.AWAIT_VERSION);
        assertThat(h.peer(c).wtxidRelay()).isFalse();
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void aSecondVersionIsIgnored() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        int before = c.sent().size();
        c.receive(version(NodeHarness.FULL, 70001, 77));
        assertThat(c.sent()).hasSize(before);
        assertThat(h.peer(c).version()).contains(new ProtocolVersion(70016));
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void unsupportedMessagesBeforeVerackAreIgnored() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        c.receive(version(5));
        c.clearSent();
        c.receive(new Ping(42));
        c.receive(new GetAddr());
        c.receive(new UnknownMessage("foo", Bytes.EMPTY));
        assertThat(c.sent()).isEmpty();                        // no pong before verack
        assertThat(h.peer(c).state()).isEqualTo(PeerState.AWAIT_VERACK);
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void wtxidRelayAfterVerackDisconnects() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        c.receive(new WtxidRelay());
        assertThat(c.isClosed()).isTrue();
        assertThat(h.manager.peer(c.id())).isEmpty();
    }

    @Test
    void sendAddrV2AfterVerackDisconnects() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        c.receive(new SendAddrV2());
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void connectionToOurselvesIsDetectedByNonce() {
        NodeHarness h = withAddNode("8.8.8.8");
        FakeConnection out = manualConnection(h);
        long ourNonce = out.sent(Version.class).get(0).nonce();
        // the same node answers on its listening socket: our version arrives inbound
        FakeConnection in = h.transport.inbound(FakeTransport.socket("8.8.8.8", 50_001));
        in.receive(version(ourNonce));
        assertThat(in.isClosed()).isTrue();
        assertThat(in.sent()).isEmpty();
        assertThat(out.isClosed()).isFalse();
    }

    @Test
    void peersBelowTheMinimumProtocolVersionAreDisconnected() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection old = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        old.receive(version(NodeHarness.FULL, 31799, 5));
        assertThat(old.isClosed()).isTrue();
        assertThat(old.sent()).isEmpty();

        FakeConnection oldest = h.transport.inbound(FakeTransport.socket("10.0.0.6", 50_000));
        oldest.receive(version(NodeHarness.FULL, 31800, 6));   // MIN_PEER_PROTO_VERSION itself is fine
        assertThat(oldest.isClosed()).isFalse();
    }

    @Test
    void automaticOutboundPeersMustOfferNetworkAndWitness() {
        NodeHarness h = new NodeHarness(ConnectionOptions.defaults("0.1.0"),
                List.of(NodeHarness.address("11.1.0.1", 8333, NodeHarness.FULL)), null);
        h.manager.start();
        h.advance(Duration.ofMillis(500));
        Dial dial = h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY).get(0);
        FakeConnection c = h.transport.complete(dial);
        // a pruned node without NODE_NETWORK (only NETWORK_LIMITED | WITNESS)
        c.receive(version(ServiceFlags.of(ServiceFlags.NODE_NETWORK_LIMITED, ServiceFlags.NODE_WITNESS), 70016, 5));
        assertThat(c.isClosed()).isTrue();
        assertThat(c.sentTypes()).containsExactly(VERSION);
    }

    @Test
    void manualAndInboundPeersNeedNoParticularServices() {
        NodeHarness h = withAddNode("8.8.8.8");
        FakeConnection manual = manualConnection(h);
        manual.receive(version(ServiceFlags.NODE_NONE, 70016, 5));
        assertThat(manual.isClosed()).isFalse();
        FakeConnection in = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        in.receive(version(ServiceFlags.NODE_NONE, 70016, 6));
        assertThat(in.isClosed()).isFalse();
    }

    @Test
    void aPreBip31PeerGetsNoncelessPingsAndNoPongs() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        c.receive(version(NodeHarness.FULL, 60000, 5));
        c.receive(new Verack());
        assertThat(c.sent(Ping.class)).containsExactly(new Ping(0));
        assertThat(h.peer(c).pingNonceSent()).isZero();          // nothing to time out on
        c.receive(new Ping(9));
        assertThat(c.sent(Pong.class)).isEmpty();
        assertThat(c.sentTypes()).containsExactly(VERSION, VERACK, PING);   // no wtxidrelay, sendaddrv2, sendheaders
    }

    @Test
    void outboundWhitelistGivesPermissionsToOurConnections() {
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0")
                .withAddNode(List.of(FakeTransport.socket("8.8.8.8", 8333)))
                .withWhitelist(List.of(WhitelistEntry.parse("out,noban@8.8.8.0/24"),
                        WhitelistEntry.parse("mempool@8.8.8.8")), List.of());
        NodeHarness h = new NodeHarness(options, List.of(), null);
        h.manager.start();
        FakeConnection c = manualConnection(h);
        assertThat(h.peer(c).permissions().names()).containsExactly("noban", "download");   // "in" entry not applied
    }

    // ------------------------------------------------------------------ timeouts

    @Test
    void handshakeMustCompleteWithinPeerTimeout() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        c.receive(version(5));                 // version in, ours out, their verack never comes
        Peer p = h.peer(c);
        h.advance(Duration.ofSeconds(60));
        assertThat(c.isClosed()).isFalse();    // Core: only strictly after m_connected + timeout
        h.advance(Duration.ofSeconds(1));
        assertThat(c.isClosed()).isTrue();
        assertThat(p.disconnectReason()).isEqualTo("version handshake timeout");
        assertThat(p.state()).isEqualTo(PeerState.CLOSED);
    }

    @Test
    void aSilentConnectionIsDroppedAfterPeerTimeout() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        Peer p = h.peer(c);
        h.advance(Duration.ofSeconds(61));
        assertThat(c.isClosed()).isTrue();
        assertThat(p.disconnectReason())
                .isEqualTo("socket no message in first 60 seconds, never received from peer, never sent to peer");
    }

    @Test
    void anOutboundPeerThatNeverAnswersIsDroppedAfterPeerTimeout() {
        NodeHarness h = withAddNode("8.8.8.8");
        FakeConnection c = manualConnection(h);
        Peer p = h.peer(c);
        h.advance(Duration.ofSeconds(61));
        assertThat(c.isClosed()).isTrue();
        assertThat(p.disconnectReason()).isEqualTo("socket no message in first 60 seconds, never received from peer");
    }

    @Test
    void pingEveryTwoMinutesAndMinimumPingTracked() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        Peer p = h.peer(c);
        List<Ping> pings = c.sent(Ping.class);
        assertThat(pings).hasSize(1);
        assertThat(p.lastPingTime()).isEmpty();
        assertThat(p.minPingTime()).isEqualTo(EvictionCandidate.NO_PING);

        h.advance(Duration.ofMillis(150));
        c.receive(new Pong(pings.get(0).nonce()));
        assertThat(p.lastPingTime()).contains(Duration.ofMillis(150));
        assertThat(p.minPingTime()).isEqualTo(Duration.ofMillis(150));
        assertThat(p.pingNonceSent()).isZero();

        h.advance(Duration.ofMillis(118_850));              // T0 + 119 s: not yet
        assertThat(c.sent(Ping.class)).hasSize(1);
        h.advance(Duration.ofSeconds(2));                   // checked once a second: sent at T0 + 121 s
        assertThat(c.sent(Ping.class)).hasSize(2);
        assertThat(p.pingStart()).isEqualTo(NodeHarness.T0.plusSeconds(121));
        Ping second = c.sent(Ping.class).get(1);
        assertThat(second.nonce()).isNotEqualTo(pings.get(0).nonce()).isNotZero();
        h.advance(Duration.ofMillis(100));
        c.receive(new Pong(second.nonce()));
        assertThat(p.minPingTime()).isEqualTo(Duration.ofMillis(100));

        h.advance(Duration.ofSeconds(121));                 // T0 + 242.1 s: the third went at 242 s
        Ping third = c.sent(Ping.class).get(2);
        h.advance(Duration.ofMillis(200));
        c.receive(new Pong(third.nonce()));
        assertThat(p.lastPingTime()).contains(Duration.ofMillis(300));
        assertThat(p.minPingTime()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void thePingRpcPingsAtOnceEvenWithAPingInFlight() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection ready = h.inboundReady("10.0.0.5");
        FakeConnection handshaking = h.transport.inbound(FakeTransport.socket("10.0.0.6", 50_000));
        h.advance(Duration.ofSeconds(10));
        h.manager.sendPings();
        assertThat(ready.sent(Ping.class)).hasSize(2);
        assertThat(h.peer(ready).pingStart()).isEqualTo(NodeHarness.T0.plusSeconds(10));
        assertThat(handshaking.sent()).isEmpty();           // nothing before the handshake is done
        handshaking.receive(version(7));
        handshaking.receive(new Verack());
        assertThat(handshaking.sent(Ping.class)).hasSize(1);
    }

    @Test
    void aPongWithAnotherNonceLeavesThePingInFlightAndZeroCancelsIt() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        Peer p = h.peer(c);
        long nonce = c.sent(Ping.class).get(0).nonce();
        c.receive(new Pong(nonce + 1));
        assertThat(p.pingNonceSent()).isEqualTo(nonce);
        assertThat(p.lastPingTime()).isEmpty();
        c.receive(new Pong(0));
        assertThat(p.pingNonceSent()).isZero();
        assertThat(p.lastPingTime()).isEmpty();
        c.receive(new Pong(nonce));                         // unsolicited now: ignored
        assertThat(p.lastPingTime()).isEmpty();
    }

    @Test
    void weAnswerPingsWithTheirNonce() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        c.receive(new Ping(0x1122334455667788L));
        assertThat(c.sent(Pong.class)).containsExactly(new Pong(0x1122334455667788L));
    }

    @Test
    void noPongWithinTwentyMinutesDisconnects() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        Peer p = h.peer(c);
        // the peer keeps talking (so no inactivity) but never answers our ping
        for (int minute = 1; minute <= 20; minute++) {
            h.advance(Duration.ofMinutes(1));
            c.receive(new Ping(minute));
        }
        assertThat(c.isClosed()).isFalse();
        assertThat(c.sent(Ping.class)).hasSize(1);            // no new ping while one is in flight
        h.advance(Duration.ofSeconds(1));
        assertThat(c.isClosed()).isTrue();
        assertThat(p.disconnectReason()).startsWith("ping timeout: 120");
    }

    @Test
    void nothingReceivedForTwentyMinutesDisconnects() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        Peer p = h.peer(c);
        // we keep sending (pings asked for by the operator), the peer says nothing at all
        for (int minute = 1; minute <= 20; minute++) {
            h.advance(Duration.ofMinutes(1));
            h.manager.peerLogic().queuePing(p);
        }
        assertThat(c.isClosed()).isFalse();
        h.advance(Duration.ofSeconds(1));
        assertThat(c.isClosed()).isTrue();
        assertThat(p.disconnectReason()).isEqualTo("socket receive timeout: 1201s");
    }

    @Test
    void nothingSentForTwentyMinutesDisconnects() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        Peer p = h.peer(c);
        long nonce = c.sent(Ping.class).get(0).nonce();
        c.receive(new Pong(nonce));
        c.stopReportingSends();                               // the socket stops draining
        for (int minute = 1; minute <= 21; minute++) {
            h.advance(Duration.ofMinutes(1));
            if (!c.isClosed()) {
                c.receive(new Ping(minute));                  // we queue pongs that never leave
            }
        }
        assertThat(c.isClosed()).isTrue();
        assertThat(p.disconnectReason()).startsWith("socket sending timeout: ");
    }

    // ------------------------------------------------------------------ statistics

    @Test
    void bytesArCountedPerMessageTypeWithTheHeader() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
        h.advance(Duration.ofSeconds(3));
        c.receive(version(5));
        c.receive(new Verack());
        c.receive(new UnknownMessage("foo", Bytes.of(new byte[] {1, 2, 3})));
        PeerStats stats = h.peer(c).stats();
        assertThat(stats.connected()).isEqualTo(NodeHarness.T0);
        assertThat(stats.lastRecv()).isEqualTo(NodeHarness.T0.plusSeconds(3));
        assertThat(stats.lastSend()).isEqualTo(NodeHarness.T0.plusSeconds(3));
        int versionBytes = 24 + MessageType.VERSION.encode(version(5)).length;
        assertThat(stats.bytesRecvPerType()).containsEntry("version", (long) versionBytes)
                .containsEntry("verack", 24L).containsEntry(PeerStats.MESSAGE_TYPE_OTHER, 27L);
        assertThat(stats.bytesSentPerType()).containsEntry("verack", 24L).containsEntry("wtxidrelay", 24L)
                .containsEntry("sendaddrv2", 24L).containsEntry("sendheaders", 24L).containsEntry("ping", 32L);
        assertThat(stats.bytesRecv()).isEqualTo(versionBytes + 24 + 27);
    }

    // ------------------------------------------------------------------ violations

    @Test
    void aDroppedMessageKeepsThePeer() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("8.8.4.4");
        h.manager.onViolation(c.id(), Violation.BAD_CHECKSUM, "Wrong checksum");
        h.loop.runPending();
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void aDisconnectViolationClosesWithoutDiscouraging() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("8.8.4.4");
        h.manager.onViolation(c.id(), Violation.BAD_MAGIC, "Wrong MessageStart");
        h.loop.runPending();
        assertThat(c.isClosed()).isTrue();
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(8, 8, 4, 4))).isFalse();
    }

    @Test
    void aDiscourageViolationDiscouragesTheAddressAndDropsItsOtherConnections() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("8.8.4.4");
        FakeConnection sibling = h.inboundReady("8.8.4.4");
        FakeConnection other = h.inboundReady("8.8.4.5");
        h.manager.onViolation(c.id(), Violation.OVERSIZED_COUNT, "inv message size = 50001");
        h.loop.runPending();
        assertThat(c.isClosed()).isTrue();
        assertThat(sibling.isClosed()).isTrue();
        assertThat(other.isClosed()).isFalse();
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(8, 8, 4, 4))).isTrue();
    }

    @Test
    void aLocalPeerIsDisconnectedButNeverDiscouraged() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("127.0.0.1");        // e.g. every inbound Tor peer
        h.manager.onViolation(c.id(), Violation.OVERSIZED_COUNT, "addr message size = 1001");
        h.loop.runPending();
        assertThat(c.isClosed()).isTrue();
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(127, 0, 0, 1))).isFalse();
    }

    @Test
    void aNobanPeerIsNeitherDiscouragedNorDisconnected() {
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0")
                .withWhitelist(List.of(WhitelistEntry.parse("noban@8.8.4.0/24")), List.of());
        NodeHarness h = new NodeHarness(options, List.of(), null);
        h.manager.start();
        FakeConnection c = h.inboundReady("8.8.4.4");
        h.manager.onViolation(c.id(), Violation.OVERSIZED_COUNT, "inv message size = 50001");
        h.loop.runPending();
        assertThat(c.isClosed()).isFalse();                      // Core: "not punishing noban peer"
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(8, 8, 4, 4))).isFalse();
    }

    @Test
    void aManualPeerIsNotPunished() {
        NodeHarness h = withAddNode("8.8.8.8");
        FakeConnection c = manualConnection(h);
        c.receive(version(5));
        c.receive(new Verack());
        h.manager.onViolation(c.id(), Violation.OVERSIZED_COUNT, "inv message size = 50001");
        h.loop.runPending();
        assertThat(c.isClosed()).isFalse();
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(8, 8, 8, 8))).isFalse();
    }

    // ------------------------------------------------------------------ options

    @Test
    void blocksOnlyAsksForNoTransactions() {
        NodeHarness h = new NodeHarness(ConnectionOptions.defaults("0.1.0").withBlocksOnly(true), List.of(), null);
        h.manager.start();
        FakeConnection c = h.inboundReady("10.0.0.5");
        assertThat(c.sent(Version.class).get(0).relay()).isFalse();
        assertThat(c.sent(FeeFilter.class)).containsExactly(new FeeFilter(Amount.MAX_MONEY.sats()));
        h.advance(Duration.ofMinutes(5));
        assertThat(c.sent(FeeFilter.class)).hasSize(1);
    }

    @Test
    void feelerDisconnectsOnceTheVersionIsIn() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.complete(new Dial(h.transport.connect(
                FakeTransport.socket("9.9.9.9", 8333), ConnectionType.FEELER, false),
                FakeTransport.socket("9.9.9.9", 8333), ConnectionType.FEELER, false));
        c.receive(version(ServiceFlags.NODE_NONE, 70016, 5));
        assertThat(c.isClosed()).isTrue();
        assertThat(c.sentTypes()).containsExactly(VERSION, WTXIDRELAY, SENDADDRV2, VERACK);
    }

    @Test
    void feeFilterFromThePeerIsKeptWhenInMoneyRange() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        c.receive(new FeeFilter(1000));
        assertThat(h.peer(c).feeFilterReceived()).isEqualTo(1000);
        c.receive(new FeeFilter(-1));
        assertThat(h.peer(c).feeFilterReceived()).isEqualTo(1000);
    }

    @Test
    void notYetHandledMessagesAfterVerackKeepThePeer() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.inboundReady("10.0.0.5");
        c.receive(new Inv(List.of()));
        assertThat(c.isClosed()).isFalse();
        assertThat(Subnet.parseLiteral("10.0.0.5")).contains(h.peer(c).address());
    }
}
