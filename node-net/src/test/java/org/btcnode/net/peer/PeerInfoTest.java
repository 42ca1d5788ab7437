package org.btcnode.net.peer;

import java.time.Duration;
import java.util.List;

import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.SendAddrV2;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.WtxidRelay;
import org.btcnode.net.connman.Network;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeerInfoTest {

    @Test
    void snapshotHasWhatGetPeerInfoReports() {
        NodeHarness h = NodeHarness.quiet();
        FakeConnection c = h.transport.inbound(FakeTransport.socket("8.8.4.4", 50_000));
        PeerInfo before = h.manager.peerInfos().get(0);
        assertThat(before.version()).isZero();
        assertThat(before.handshakeComplete()).isFalse();
        assertThat(before.minPing()).isEmpty();

        c.receive(NodeHarness.version(5));
        c.receive(new WtxidRelay());
        c.receive(new SendAddrV2());
        c.receive(new Verack());
        h.advance(Duration.ofMillis(250));
        PeerInfo waiting = h.manager.peerInfos().get(0);
        assertThat(waiting.pingWait()).contains(Duration.ofMillis(250));
        assertThat(waiting.pingTime()).isEmpty();

        c.receive(new Pong(c.sent(Ping.class).get(0).nonce()));
        PeerInfo info = h.manager.peerInfos().get(0);
        assertThat(info.id()).isEqualTo(c.id());
        assertThat(info.addr()).isEqualTo(FakeTransport.socket("8.8.4.4", 50_000));
        assertThat(info.addrBind()).isEqualTo(FakeTransport.LOCAL);
        assertThat(info.network()).isEqualTo(Network.IPV4);
        assertThat(info.services()).isEqualTo(NodeHarness.FULL);
        assertThat(info.relayTxes()).isTrue();
        assertThat(info.version()).isEqualTo(70016);
        assertThat(info.subVer()).isEqualTo("/Satoshi:28.0.0/");
        assertThat(info.startingHeight()).isEqualTo(870_000);
        assertThat(info.inbound()).isTrue();
        assertThat(info.connectionType()).isEqualTo("inbound");
        assertThat(info.transport()).isEqualTo(TransportProtocol.V1);
        assertThat(info.pingTime()).contains(Duration.ofMillis(250));
        assertThat(info.minPing()).contains(Duration.ofMillis(250));
        assertThat(info.pingWait()).isEmpty();
        assertThat(info.wtxidRelay()).isTrue();
        assertThat(info.addrV2()).isTrue();
        assertThat(info.handshakeComplete()).isTrue();
        assertThat(info.connTime()).isEqualTo(NodeHarness.T0);
        assertThat(info.lastRecv()).isEqualTo(NodeHarness.T0.plusMillis(250));
        assertThat(info.bytesRecvPerMsg()).containsEntry("pong", 32L);
        long perMessage = info.bytesSentPerMsg().values().stream().mapToLong(Long::longValue).sum();
        assertThat(info.bytesSent()).isEqualTo(perMessage).isPositive();
        assertThat(info.permissions()).isEqualTo(List.of());
    }
}
