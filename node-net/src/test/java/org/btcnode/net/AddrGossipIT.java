package org.btcnode.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.message.Addr;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.peer.PeerInfo;
import org.btcnode.net.testing.LoopbackNode;
import org.btcnode.net.testing.Poll;
import org.btcnode.net.testing.RawV1Peer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Address gossip between whole btcnode nodes on 127.0.0.1: A dials B, B dials C (-connect only,
 * so nothing else is ever dialled); an address a raw test peer tells A reaches C's address book
 * through B's relay. The trickle interval is shortened to 100 ms through the options.
 */
class AddrGossipIT {
    private static final ServiceFlags FULL = ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS);
    private static final NetAddress GOOGLE = NetAddress.ipv4(8, 8, 8, 8);
    private static final NetAddress OTHER = NetAddress.ipv4(8, 8, 4, 4);

    private final List<P2PNetwork> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    private P2PNetwork start(ConnectionOptions options) throws Exception {
        P2PNetwork node = LoopbackNode.start(options.withAddrBroadcastInterval(Duration.ofMillis(100)),
                LoopbackNode.transport(), InstantSource.system());
        nodes.add(node);
        return node;
    }

    private static long ready(P2PNetwork node) {
        return node.query(m -> m.peerInfos()).stream().filter(PeerInfo::handshakeComplete).count();
    }

    private static boolean knows(P2PNetwork node, NetAddress address) {
        return node.query(m -> m.addrMan().findAddressEntry(address, 8333).isPresent());
    }

    private static Address now(NetAddress address) {
        return new Address(Instant.ofEpochSecond(Instant.now().getEpochSecond()), FULL, address, 8333);
    }

    @Test
    void anAddressLearnedByAReachesCThroughB() throws Exception {
        P2PNetwork c = start(LoopbackNode.listenOnly());
        P2PNetwork b = start(LoopbackNode.listenOnly().withConnect(List.of(LoopbackNode.address(c))));
        P2PNetwork a = start(LoopbackNode.listenOnly().withConnect(List.of(LoopbackNode.address(b))));
        Poll.await(() -> ready(a) == 1 && ready(b) == 2 && ready(c) == 1, "A-B-C connected");
        // B must have A's getaddr (which sets up relay towards A) before the address arrives
        Poll.await(() -> b.query(m -> m.peers().stream().allMatch(p -> p.addrRelayEnabled())),
                "B relays addresses with both neighbours");

        try (RawV1Peer raw = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(a))) {
            raw.handshake(0xabcdL);
            raw.send(new Addr(List.of(now(GOOGLE))));
            Poll.await(() -> knows(a, GOOGLE), "A stores the address");
            PeerInfo fromRaw = a.query(m -> m.peerInfos()).stream().filter(PeerInfo::inbound).findFirst()
                    .orElseThrow();
            assertThat(fromRaw.addrProcessed()).isEqualTo(1);
            Poll.await(() -> knows(c, GOOGLE), "C learns it through B");
        }
        assertThat(knows(b, GOOGLE)).isTrue();
        // -connect only: no automatic outbound connection anywhere, the address was never dialled
        for (P2PNetwork node : List.of(a, b, c)) {
            boolean dialled = node.query(m -> m.peers().stream().anyMatch(p -> p.address().equals(GOOGLE)));
            assertThat(dialled).isFalse();
        }
    }

    @Test
    void anInboundPeerIsRateLimitedAfterItsFirstAddress() throws Exception {
        P2PNetwork a = start(LoopbackNode.listenOnly());
        try (RawV1Peer raw = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(a))) {
            raw.handshake(1);
            raw.send(new Addr(List.of(now(GOOGLE), now(OTHER), now(NetAddress.ipv4(9, 9, 9, 9)))));
            raw.pingPong(77);                                 // the addr was processed before the ping
            PeerInfo info = a.query(m -> m.peerInfos()).get(0);
            assertThat(info.addrProcessed()).isEqualTo(1);
            assertThat(info.addrRateLimited()).isEqualTo(2);
            int size = a.query(m -> m.addrMan().size());
            assertThat(size).isEqualTo(1);
        }
    }

    @Test
    void anOversizedAddrDisconnectsALocalPeer() throws Exception {
        P2PNetwork a = start(LoopbackNode.listenOnly());
        try (RawV1Peer raw = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(a))) {
            raw.handshake(2);
            byte[] payload = new byte[3 + 1001 * 30];
            payload[0] = (byte) 0xfd;                         // compact size 1,001
            payload[1] = (byte) 0xe9;
            payload[2] = 0x03;
            raw.sendBytes(raw.frame("addr", payload));
            assertThat(raw.closedByNode()).isTrue();
        }
        // 127.0.0.1 is local: disconnected, not discouraged (Core's MaybeDiscourageAndDisconnect)
        boolean discouraged = a.query(m -> m.banMan().isDiscouraged(NetAddress.ipv4(127, 0, 0, 1)));
        assertThat(discouraged).isFalse();
    }

    @Test
    void addrv2EntriesOfUnknownNetworksAreSkippedAndTheRestAccepted() throws Exception {
        P2PNetwork a = start(LoopbackNode.listenOnly());
        try (RawV1Peer raw = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(a))) {
            raw.handshake(3);
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            p.write(2);                                       // two entries
            int time = (int) Instant.now().getEpochSecond();
            p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(time).array());
            p.write(9);                                       // services NETWORK | WITNESS
            p.write(7);                                       // network id 7: unknown to us (Yggdrasil)
            p.write(16);
            p.writeBytes(new byte[16]);
            p.writeBytes(new byte[] {0x20, (byte) 0x8d});     // port 8333, big-endian
            p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(time).array());
            p.write(9);
            p.write(1);                                       // IPv4
            p.write(4);
            p.writeBytes(new byte[] {8, 8, 4, 4});
            p.writeBytes(new byte[] {0x20, (byte) 0x8d});
            raw.sendBytes(raw.frame("addrv2", p.toByteArray()));
            raw.pingPong(78);
            assertThat(knows(a, OTHER)).isTrue();
            int size = a.query(m -> m.addrMan().size());
            assertThat(size).isEqualTo(1);
            assertThat(a.query(m -> m.peerInfos()).get(0).addrProcessed()).isEqualTo(1);
        }
    }
}
