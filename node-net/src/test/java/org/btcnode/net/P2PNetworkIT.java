package org.btcnode.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.btcnode.core.message.ServiceFlags;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.peer.PeerInfo;
import org.btcnode.net.peer.TransportProtocol;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.LoopbackNode;
import org.btcnode.net.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two whole btcnode nodes ({@link P2PNetwork}: transport, node logic, connection manager) on
 * 127.0.0.1: one only listens (-connect=0), the other has -connect=&lt;the first&gt;. They must
 * complete Core's handshake, report each other as getpeerinfo would, and time a ping each way.
 */
class P2PNetworkIT {
    private static final ServiceFlags OUR_SERVICES = ServiceFlags.of(ServiceFlags.NODE_NETWORK,
            ServiceFlags.NODE_WITNESS, ServiceFlags.NODE_NETWORK_LIMITED);
    private static final String USER_AGENT = "/btcnode:" + LoopbackNode.CLIENT_VERSION + "/";

    private final List<P2PNetwork> nodes = new ArrayList<>();

    /** Log lines are global to the test JVM and peer ids restart at 0 in every node: start clean. */
    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    @AfterEach
    void closeNodes() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    private P2PNetwork start(ConnectionOptions options) throws Exception {
        P2PNetwork node = LoopbackNode.start(options, LoopbackNode.transport(), InstantSource.system());
        nodes.add(node);
        return node;
    }

    private static List<PeerInfo> readyPeers(P2PNetwork node) {
        return node.query(m -> m.peerInfos()).stream().filter(PeerInfo::handshakeComplete).toList();
    }

    private static boolean pingDone(P2PNetwork node) {
        List<PeerInfo> ready = readyPeers(node);
        return ready.size() == 1 && ready.get(0).pingTime().isPresent() && ready.get(0).pingWait().isEmpty();
    }

    @Test
    void twoNodesHandshakeReportEachOtherAndPing() throws Exception {
        P2PNetwork listener = start(LoopbackNode.listenOnly());
        InetSocketAddress listenerAddress = LoopbackNode.address(listener);
        P2PNetwork dialler = start(LoopbackNode.listenOnly().withConnect(List.of(listenerAddress)));

        Poll.await(() -> readyPeers(listener).size() == 1 && readyPeers(dialler).size() == 1,
                "both nodes finish the handshake");

        PeerInfo out = readyPeers(dialler).get(0);
        PeerInfo in = readyPeers(listener).get(0);
        // the dialler sees the listener as a -connect (manual) outbound peer ...
        assertThat(out.addr()).isEqualTo(listenerAddress);
        assertThat(out.inbound()).isFalse();
        assertThat(out.connectionType()).isEqualTo("manual");
        // ... and the listener sees the dialler inbound, from the port the dialler's socket uses
        assertThat(in.inbound()).isTrue();
        assertThat(in.connectionType()).isEqualTo("inbound");
        assertThat(in.addr()).isEqualTo(out.addrBind());
        assertThat(in.addrBind()).isEqualTo(listenerAddress);
        for (PeerInfo p : List.of(out, in)) {
            assertThat(p.version()).isEqualTo(70016);
            assertThat(p.subVer()).isEqualTo(USER_AGENT);
            assertThat(p.services()).isEqualTo(OUR_SERVICES);
            assertThat(p.transport()).isEqualTo(TransportProtocol.V1);
            assertThat(p.startingHeight()).isZero();
            assertThat(p.relayTxes()).isTrue();
            assertThat(p.wtxidRelay()).as("BIP 339 negotiated").isTrue();
            assertThat(p.addrV2()).as("BIP 155 asked for").isTrue();
            assertThat(p.bytesSentPerMsg()).containsKeys("version", "verack", "wtxidrelay", "sendaddrv2");
            assertThat(p.bytesRecvPerMsg()).containsKeys("version", "verack", "wtxidrelay", "sendaddrv2");
            // a v1 version frame: 24-byte header, 85 bytes of fixed fields, the user agent with its length byte
            assertThat(p.bytesRecvPerMsg().get("version")).isEqualTo(24 + 85 + 1 + USER_AGENT.length());
        }

        // Core pings a peer as soon as the handshake is done, and the ping RPC asks for one more:
        // wait until a round trip is timed and no ping is in flight, on both sides
        dialler.query(m -> {
            m.sendPings();
            return null;
        });
        listener.query(m -> {
            m.sendPings();
            return null;
        });
        Poll.await(() -> pingDone(dialler) && pingDone(listener), "a pong comes back on both sides");
        for (P2PNetwork node : List.of(dialler, listener)) {
            PeerInfo p = readyPeers(node).get(0);
            assertThat(p.pingTime().orElseThrow()).isPositive();
            assertThat(p.minPing().orElseThrow()).isLessThanOrEqualTo(p.pingTime().orElseThrow());
            long pings = p.bytesSentPerMsg().get("ping");
            assertThat(pings).as("32-byte pings").isPositive().isEqualTo(pings / 32 * 32);
            assertThat(p.bytesRecvPerMsg().get("pong")).as("every ping answered").isEqualTo(pings);
        }
        // what one node sent, the other received
        assertThat(readyPeers(listener).get(0).bytesRecvPerMsg().get("ping"))
                .isEqualTo(readyPeers(dialler).get(0).bytesSentPerMsg().get("ping"));

        // one side leaves: the other's table empties
        dialler.close();
        Poll.await(() -> LoopbackNode.peerCount(listener) == 0, "the listener drops the closed peer");
    }

    @Test
    void aNodeThatDialsItselfNoticesByTheNonceAndDropsBothEnds() throws Exception {
        P2PNetwork node = start(LoopbackNode.listenOnly());
        InetSocketAddress self = LoopbackNode.address(node);
        assertThat(node.openOneTry(self)).isTrue();
        // both ends of the loop are this node's peers; the inbound end sees its own nonce come back.
        // Wait for that line first: before the dial completes the peer table is empty too.
        Poll.await(() -> selfConnectionLine().isPresent(), "the inbound end reports the self-connection");
        Poll.await(() -> LoopbackNode.peerCount(node) == 0, "both ends of the self-connection are closed");
        assertThat(readyPeers(node)).isEmpty();
    }

    private static Optional<String> selfConnectionLine() {
        return CapturedLogs.lines("btc.net").stream()
                .map(l -> l.text()).filter(t -> t.startsWith("connected to self")).findFirst();
    }
}
