package org.btcnode.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bitcoinj.core.Context;
import org.bitcoinj.core.NetworkParameters;
import org.bitcoinj.core.Peer;
import org.bitcoinj.core.PeerAddress;
import org.bitcoinj.core.VersionMessage;
import org.bitcoinj.net.NioClient;
import org.bitcoinj.params.RegTestParams;
import org.btcnode.net.peer.PeerInfo;
import org.btcnode.net.peer.TransportProtocol;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.LoopbackNode;
import org.btcnode.net.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * bitcoinj 0.17, an independent implementation of the P2P protocol, connects to a btcnode node on
 * regtest over 127.0.0.1 with its own {@link Peer} and {@link NioClient} (no block chain, no
 * PeerGroup, so it dials nothing but the address given): the version handshake completes on both
 * sides and pings are answered in both directions.
 */
class BitcoinjInteropIT {
    private static final long WAIT_SECONDS = Poll.DEFAULT.toSeconds();

    private P2PNetwork node;
    private NioClient client;

    @BeforeEach
    void startNode() throws Exception {
        CapturedLogs.clear();
        // v2 on, as a node runs by default: bitcoinj speaks v1 only, which the node must detect
        node = LoopbackNode.start(LoopbackNode.listenOnly().withV2Transport(true), LoopbackNode.transport(),
                InstantSource.system());
    }

    @AfterEach
    void closeAll() {
        if (client != null) {
            client.closeConnection();
        }
        node.close();
    }

    private static List<PeerInfo> readyPeers(P2PNetwork node) {
        return node.query(m -> m.peerInfos()).stream().filter(PeerInfo::handshakeComplete).toList();
    }

    @Test
    void bitcoinjHandshakesWithUsAndGetsPongs() throws Exception {
        InetSocketAddress address = LoopbackNode.address(node);
        NetworkParameters params = RegTestParams.get();
        Context.propagate(new Context());
        VersionMessage ours = new VersionMessage(params, 0);
        Peer peer = new Peer(params, ours, PeerAddress.simple(address), null);
        client = new NioClient(address, peer, Duration.ofSeconds(5));

        Peer connected = peer.getVersionHandshakeFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        VersionMessage theirs = connected.getPeerVersionMessage();
        assertThat(theirs.clientVersion()).isEqualTo(70016);
        assertThat(theirs.subVer).isEqualTo("/btcnode:" + LoopbackNode.CLIENT_VERSION + "/");
        assertThat(theirs.services().has(VersionMessage.NODE_NETWORK | VersionMessage.NODE_WITNESS
                | VersionMessage.NODE_NETWORK_LIMITED)).isTrue();
        assertThat(theirs.services().has(1L << 11)).as("NODE_P2P_V2 advertised").isTrue();
        assertThat(theirs.bestHeight).isZero();

        // bitcoinj pings us: each ping gets its pong (the future completes with the round trip)
        for (int i = 0; i < 3; i++) {
            Duration rtt = peer.sendPing().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(rtt.isNegative()).as("round trip %s", rtt).isFalse();
        }

        // and our side reports bitcoinj as an inbound v1 peer that completed the handshake
        Poll.await(() -> readyPeers(node).size() == 1, "the node reports bitcoinj as ready");
        PeerInfo info = readyPeers(node).get(0);
        assertThat(info.inbound()).isTrue();
        assertThat(info.connectionType()).isEqualTo("inbound");
        assertThat(info.transport()).isEqualTo(TransportProtocol.V1);
        assertThat(info.sessionId()).isEmpty();
        assertThat(info.subVer()).startsWith("/bitcoinj:");
        assertThat(info.version()).isEqualTo(ours.clientVersion());
        assertThat(info.bytesRecvPerMsg().get("ping")).isEqualTo(3 * 32L);
        // bitcoinj speaks 70013: BIP 339's wtxidrelay is only for 70016 on both sides, so we sent
        // none (as Core); BIP 155's sendaddrv2 bitcoinj sends anyway, and we took it
        assertThat(ours.clientVersion()).isLessThan(70016);
        assertThat(info.wtxidRelay()).isFalse();
        assertThat(info.bytesSentPerMsg()).doesNotContainKeys("wtxidrelay", "sendaddrv2");
        assertThat(info.addrV2()).isTrue();
        assertThat(info.bytesSentPerMsg().get("pong")).isEqualTo(3 * 32L);

        // we ping bitcoinj: it answers, and we time the round trip
        node.query(m -> {
            m.sendPings();
            return null;
        });
        Poll.await(() -> readyPeers(node).get(0).pingTime().isPresent()
                && readyPeers(node).get(0).pingWait().isEmpty(), "bitcoinj answers our ping");

        // bitcoinj found nothing to complain about in what we sent
        assertThat(CapturedLogs.all().stream().filter(l -> l.logger().startsWith("org.bitcoinj")
                && (l.level() == Level.WARN || l.level() == Level.ERROR)).toList()).isEmpty();
        client.closeConnection();
        client = null;
        Poll.await(() -> LoopbackNode.peerCount(node) == 0, "the node drops bitcoinj once it leaves");
    }
}
