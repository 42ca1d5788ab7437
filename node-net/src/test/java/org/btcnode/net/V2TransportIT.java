package org.btcnode.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.btcnode.core.message.Message;
import org.btcnode.core.message.Messages;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.Verack;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.message.Version;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.peer.PeerInfo;
import org.btcnode.net.peer.TransportProtocol;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.ChainStores;
import org.btcnode.net.testing.LoopbackNode;
import org.btcnode.net.testing.NodeHarness;
import org.btcnode.net.testing.Poll;
import org.btcnode.net.testing.RawV1Peer;
import org.btcnode.net.testing.V2TestPeer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BIP 324 over loopback sockets: two nodes on v2 (handshake, pings, a 2,000-block sync), v1
 * fallback in both directions, and hostile raw v2 peers against a running node.
 */
class V2TransportIT {
    private static final ConnectionOptions V2 = LoopbackNode.listenOnly().withV2Transport(true);
    private static final ConnectionOptions V1_ONLY = LoopbackNode.listenOnly().withV2Transport(false);

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    private static P2PNetwork start(ConnectionOptions options) throws IOException {
        return LoopbackNode.start(options, LoopbackNode.transport(), InstantSource.system());
    }

    private static List<PeerInfo> ready(P2PNetwork node) {
        return node.query(m -> m.peerInfos()).stream().filter(PeerInfo::handshakeComplete).toList();
    }

    @Test
    void twoNodesSyncTwoThousandBlocksAndPingOverV2() throws Exception {
        int blocks = 2_000;
        List<Block> chain = ChainStores.recentChain(blocks, Instant.now(), 11);
        MemoryHeaderStore headersA = new MemoryHeaderStore();
        MemoryBlockStore blocksA = new MemoryBlockStore();
        ChainStores.preload(headersA, blocksA, chain);
        Hash256 tip = chain.get(blocks - 1).hash();
        MemoryBlockStore blocksB = new MemoryBlockStore();
        try (P2PNetwork a = LoopbackNode.start(V2, LoopbackNode.transport(), InstantSource.system(), headersA,
                blocksA);
                P2PNetwork b = LoopbackNode.start(V2.withConnect(List.of(LoopbackNode.address(a))),
                        LoopbackNode.transport(), InstantSource.system(), new MemoryHeaderStore(), blocksB)) {
            Poll.await(Duration.ofSeconds(60), () -> b.queryChain(c -> c.activeTip().hash()).equals(tip),
                    "B syncs A's chain over v2");
            for (Block block : chain) {
                assertThat(blocksB.get(block.hash())).isPresent();
            }
            PeerInfo outbound = ready(b).get(0);
            PeerInfo inbound = ready(a).get(0);
            assertThat(outbound.transport()).isEqualTo(TransportProtocol.V2);
            assertThat(inbound.transport()).isEqualTo(TransportProtocol.V2);
            assertThat(outbound.sessionId()).matches("[0-9a-f]{64}").isEqualTo(inbound.sessionId());
            assertThat(outbound.services().has(ServiceFlags.NODE_P2P_V2)).isTrue();
            // the block messages were counted at their v2 size: payload + 1 short id + 20
            assertThat(outbound.bytesRecvPerMsg()).containsKey("block");

            b.query(m -> {
                m.sendPings();
                return null;
            });
            Poll.await(() -> ready(b).get(0).pingTime().isPresent(), "a ping round trip over v2");
        }
    }

    @Test
    void aV2NodeRetriesOverV1WhenTheOtherNodeSpeaksOnlyV1() throws Exception {
        try (P2PNetwork a = start(V1_ONLY);
                P2PNetwork b = start(V2.withConnect(List.of(LoopbackNode.address(a))))) {
            Poll.await(() -> ready(b).size() == 1 && ready(a).size() == 1, "the v1 retry completes the handshake");
            assertThat(ready(b).get(0).transport()).isEqualTo(TransportProtocol.V1);
            assertThat(ready(a).get(0).transport()).isEqualTo(TransportProtocol.V1);
            assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                    .anyMatch(l -> l.startsWith("retrying with v1 transport protocol for peer="));
        }
    }

    @Test
    void aV1OnlyNodeIsServedOverV1ByAV2Node() throws Exception {
        try (P2PNetwork a = start(V2);
                P2PNetwork b = start(V1_ONLY.withConnect(List.of(LoopbackNode.address(a))))) {
            Poll.await(() -> ready(b).size() == 1 && ready(a).size() == 1, "v1 handshake with a v2 node");
            assertThat(ready(a).get(0).transport()).isEqualTo(TransportProtocol.V1);
            assertThat(ready(b).get(0).transport()).isEqualTo(TransportProtocol.V1);
            assertThat(ready(b).get(0).services().has(ServiceFlags.NODE_P2P_V2)).isTrue();
        }
    }

    // ------------------------------------------------------------------ raw v2 peers

    /** A v2 peer over a blocking socket: {@link V2TestPeer}'s bytes, the node's replies decrypted. */
    private static final class RawV2 implements AutoCloseable {
        final Socket socket = new Socket();
        final V2TestPeer peer;
        final List<V2TestPeer.Packet> packets = new ArrayList<>();

        RawV2(P2PNetwork node, int garbage, long seed) throws IOException {
            peer = new V2TestPeer(LoopbackNode.PARAMS.magic(), true, garbage, seed);
            socket.connect(LoopbackNode.address(node), 5_000);
            socket.setSoTimeout((int) RawV1Peer.READ_TIMEOUT.toMillis());
        }

        void send(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        /** Reads until {@code count} non-decoy packets arrived (the version packet included); false at EOF. */
        boolean readPackets(int count) throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            while (packets.stream().filter(p -> !p.decoy()).count() < count) {
                int n = in.read(buf);
                if (n < 0) {
                    return false;
                }
                packets.addAll(peer.receive(Arrays.copyOf(buf, n)));
            }
            return true;
        }

        /** Whether the node closed the connection (EOF or reset) within the read timeout. */
        boolean closedByNode() throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            try {
                while (true) {
                    if (in.read(buf) < 0) {
                        return true;
                    }
                }
            } catch (SocketException reset) {
                return true;
            }
        }

        List<String> types() {
            return packets.stream().filter(p -> !p.decoy() && p.contents().length > 0).map(V2TestPeer.Packet::type)
                    .toList();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] packet(V2TestPeer peer, Message m) {
        return peer.message(Messages.command(m), Messages.encode(m));
    }

    @Test
    void aRawV2PeerHandshakesThenABadTagGetsItDisconnectedAndTheNodeStaysUp() throws Exception {
        try (P2PNetwork node = start(V2); RawV2 raw = new RawV2(node, 500, 1)) {
            raw.send(raw.peer.keyAndGarbage());
            assertThat(raw.readPackets(1)).isTrue();                    // the node's version packet
            Version version = NodeHarness.version(ServiceFlags.of(ServiceFlags.NODE_NETWORK,
                    ServiceFlags.NODE_WITNESS), 70016, 42);
            raw.send(V2TestPeer.concat(raw.peer.terminatorAndVersion(1), packet(raw.peer, version),
                    raw.peer.decoy(30), packet(raw.peer, new Verack())));
            assertThat(raw.readPackets(5)).isTrue();                    // our version packet, then 4 messages
            assertThat(raw.types()).startsWith("version", "wtxidrelay", "sendaddrv2", "verack");
            Poll.await(() -> ready(node).size() == 1, "the raw v2 peer is ready");
            assertThat(ready(node).get(0).sessionId()).isEqualTo(HexFormat.of()
                    .formatHex(raw.peer.sessionId()));

            byte[] ping = raw.peer.message("ping", new byte[8]);
            ping[ping.length - 1] ^= 1;
            raw.send(ping);
            assertThat(raw.closedByNode()).isTrue();
            assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                    .anyMatch(l -> l.startsWith("V2 transport error: packet decryption failure (9 bytes)"));

            try (RawV1Peer v1 = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(node))) {
                v1.send(version);
                assertThat(v1.read()).hasValueSatisfying(f -> assertThat(f.command()).isEqualTo("version"));
            }
        }
    }

    @Test
    void garbageWithoutATerminatorGetsARawPeerDisconnected() throws Exception {
        try (P2PNetwork node = start(V2); RawV2 raw = new RawV2(node, 0, 2)) {
            byte[] garbage = new byte[4095 + 16];
            new Random(3).nextBytes(garbage);
            raw.send(V2TestPeer.concat(raw.peer.pubkey(), garbage, new byte[1000]));
            assertThat(raw.closedByNode()).isTrue();
            Poll.await(() -> LoopbackNode.peerCount(node) == 0, "the peer is gone");
        }
    }
}
