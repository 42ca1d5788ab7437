package org.btcnode.net;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.btcnode.core.message.Ping;
import org.btcnode.core.message.UnknownMessage;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate between transport and manager: byte totals across disconnections, no new connections while inactive. */
class NetworkGateTest {

    private static NodeHarness gated(NetworkGate[] gate) {
        NodeHarness h = new NodeHarness(ConnectionOptions.defaults("0.1.0").withConnect(List.of()), List.of(), null);
        gate[0] = new NetworkGate(h.manager);
        h.transport.setEvents(gate[0]);
        h.manager.start();
        return h;
    }

    @Test
    void countsEveryByteSentAndReceivedAlsoAfterThePeerLeft() {
        NetworkGate[] gate = new NetworkGate[1];
        NodeHarness h = gated(gate);
        FakeConnection c = h.inboundReady("20.1.0.1");
        h.advance(Duration.ZERO);
        long sent = gate[0].totalBytesSent();
        long received = gate[0].totalBytesRecv();
        assertThat(sent).isPositive();           // our version and verack
        assertThat(received).isPositive();       // theirs
        c.receive(new Ping(7));
        h.advance(Duration.ZERO);
        // a ping is 8 bytes of payload in a 24-byte v1 header; the pong back is the same size
        assertThat(gate[0].totalBytesRecv()).isEqualTo(received + 32);
        assertThat(gate[0].totalBytesSent()).isEqualTo(sent + 32);
        c.remoteClose();
        h.advance(Duration.ZERO);
        assertThat(h.manager.peers()).isEmpty();
        assertThat(gate[0].totalBytesRecv()).isEqualTo(received + 32);
    }

    @Test
    void keepsBytesPerMessageTypeWhoseSumsAreTheTotals() {
        NetworkGate[] gate = new NetworkGate[1];
        NodeHarness h = gated(gate);
        FakeConnection c = h.inboundReady("20.3.0.1");
        h.advance(Duration.ZERO);
        c.receive(new Ping(7));
        c.receive(new Ping(8));
        // an unknown command counts under Core's NET_MESSAGE_TYPE_OTHER key: 24-byte header + 3 bytes
        c.receive(new UnknownMessage("whatever", Bytes.of((byte) 1, (byte) 2, (byte) 3)));
        h.advance(Duration.ZERO);
        c.remoteClose();
        h.advance(Duration.ZERO);

        Map<String, Long> received = gate[0].bytesRecvPerType();
        Map<String, Long> sent = gate[0].bytesSentPerType();
        assertThat(received).containsEntry("ping", 64L).containsEntry("*other*", 27L).containsKey("version")
                .containsEntry("verack", 24L).doesNotContainKey("pong");
        assertThat(sent).containsEntry("pong", 64L).containsEntry("verack", 24L).containsKey("version");
        assertThat(received.values()).allMatch(n -> n > 0);
        assertThat(NetworkGate.total(received)).isEqualTo(gate[0].totalBytesRecv());
        assertThat(NetworkGate.total(sent)).isEqualTo(gate[0].totalBytesSent());
        assertThat(List.copyOf(received.keySet())).isSorted();
    }

    @Test
    void whileTheNetworkIsInactiveNewConnectionsAreClosedBeforeTheManagerSeesThem() {
        NetworkGate[] gate = new NetworkGate[1];
        NodeHarness h = gated(gate);
        h.manager.setNetworkActive(false);
        FakeConnection refused = h.transport.inbound(FakeTransport.socket("20.2.0.1", 50_000));
        h.advance(Duration.ZERO);
        assertThat(refused.isClosed()).isTrue();
        assertThat(h.manager.peers()).isEmpty();

        h.manager.setNetworkActive(true);
        FakeConnection accepted = h.transport.inbound(FakeTransport.socket("20.2.0.2", 50_000));
        h.advance(Duration.ZERO);
        assertThat(accepted.isClosed()).isFalse();
        assertThat(h.manager.peers()).hasSize(1);
    }
}
