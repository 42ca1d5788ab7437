package org.btcnode.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.PeerInfo;
import org.btcnode.net.peer.PeerLogic;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.LoopbackNode;
import org.btcnode.net.testing.MutableClock;
import org.btcnode.net.testing.Poll;
import org.btcnode.net.testing.RawV1Peer;
import org.btcnode.net.transport.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers against a whole running node ({@link P2PNetwork}) on 127.0.0.1, each played by a
 * raw socket ({@link RawV1Peer}) that frames its own bytes. Each case checks what Core does with
 * that input (closed, or the message dropped and the connection kept) and is followed by a fresh
 * connection that must still complete the handshake and get a pong.
 */
class HostilePeerIT {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] REGTEST_MAGIC = LoopbackNode.PARAMS.magic().toByteArray();
    /** A mainnet verack: magic f9beb4d9, "verack", length 0, checksum SHA256d("")[0..4]. */
    private static final byte[] MAINNET_VERACK = HEX.parseHex("f9beb4d9" + "76657261636b000000000000" + "00000000"
            + "5df6e0e2");

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Log lines are global to the test JVM and peer ids restart at 0 in every node: start clean. */
    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private P2PNetwork node() throws IOException {
        return node(LoopbackNode.listenOnly(), LoopbackNode.transport(), InstantSource.system());
    }

    private P2PNetwork node(ConnectionOptions connection, TransportOptions transport, InstantSource clock)
            throws IOException {
        P2PNetwork node = LoopbackNode.start(connection, transport, clock);
        resources.add(node);
        return node;
    }

    private RawV1Peer connect(P2PNetwork node) throws IOException {
        RawV1Peer peer = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(node));
        resources.add(peer);
        return peer;
    }

    /** The node's only inbound peer once it has taken the connection. */
    private static PeerInfo onlyPeer(P2PNetwork node) {
        Poll.await(() -> LoopbackNode.peerCount(node) == 1, "the node holds the connection");
        return node.query(m -> m.peerInfos()).get(0);
    }

    /** A new connection completes the handshake and gets a pong for its ping: the node is unharmed. */
    private void freshPeerStillHandshakes(P2PNetwork node) throws IOException {
        try (RawV1Peer fresh = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(node))) {
            Version theirs = fresh.handshake(0xf4e5L);
            assertThat(theirs.version().value()).isEqualTo(70016);
            assertThat(fresh.pingPong(0x5eedL).nonce()).isEqualTo(0x5eedL);
        }
    }

    /** The net log lines that end in this peer's id. */
    private static List<String> logLines(PeerId id) {
        String suffix = "peer=" + id;
        return CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text)
                .filter(t -> t.endsWith(suffix)).toList();
    }

    private static Ping ping(long nonce) {
        return new Ping(nonce);
    }

    // ---- closed at the header --------------------------------------------------------------------

    @Test
    void wrongMagicIsClosed() throws Exception {
        P2PNetwork node = node();
        RawV1Peer peer = connect(node);
        PeerId id = onlyPeer(node).id();
        peer.sendBytes(MAINNET_VERACK);
        assertThat(peer.closedByNode()).isTrue();
        Poll.await(() -> LoopbackNode.peerCount(node) == 0, "the peer is gone from the table");
        assertThat(logLines(id)).contains("header error: BAD_MAGIC: wrong MessageStart f9beb4d9; disconnecting peer=" + id);
        freshPeerStillHandshakes(node);
    }

    @Test
    void randomGarbageIsClosed() throws Exception {
        P2PNetwork node = node();
        RawV1Peer peer = connect(node);
        PeerId id = onlyPeer(node).id();
        byte[] garbage = new byte[256];
        new Random(4).nextBytes(garbage);
        garbage[0] = (byte) ~REGTEST_MAGIC[0];          // whatever the seed gives, not our magic
        peer.sendBytes(garbage);
        assertThat(peer.closedByNode()).isTrue();
        assertThat(logLines(id)).anyMatch(l -> l.startsWith("header error: BAD_MAGIC: wrong MessageStart"));
        freshPeerStillHandshakes(node);
    }

    @Test
    void aLengthOverFourMillionIsClosedAndExactlyFourMillionIsNot() throws Exception {
        P2PNetwork node = node();
        // 4,000,001 announced: closed on the header alone, no payload byte sent
        RawV1Peer over = connect(node);
        PeerId id = onlyPeer(node).id();
        byte[] header = Arrays.copyOf(over.frame("block", new byte[0]), 24);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 4_000_001);
        over.sendBytes(header);
        assertThat(over.closedByNode()).isTrue();
        assertThat(logLines(id)).contains("header error: OVERSIZED_MESSAGE: size too large (block, 4000001 bytes); disconnecting peer=" + id);

        // exactly the limit (an unknown command of 4,000,000 bytes): read, ignored, connection kept
        RawV1Peer atLimit = connect(node);
        atLimit.handshake(0xa1L);
        atLimit.sendBytes(atLimit.frame("junk", new byte[4_000_000]));
        assertThat(atLimit.pingPong(0xa2L).nonce()).isEqualTo(0xa2L);
        freshPeerStillHandshakes(node);
    }

    // ---- dropped, connection kept ----------------------------------------------------------------

    @Test
    void aBadChecksumDropsTheMessageAndKeepsTheConnection() throws Exception {
        P2PNetwork node = node();
        RawV1Peer peer = connect(node);
        peer.handshake(0xb1L);
        byte[] bad = peer.frame(ping(0xbad));
        bad[20] ^= 1;                                    // first checksum byte
        peer.sendBytes(bad);
        // the first pong is for the ping after the bad one: that one was dropped, not answered
        assertThat(peer.pingPong(0x600dL).nonce()).isEqualTo(0x600dL);
        PeerInfo info = onlyPeer(node);
        assertThat(info.bytesRecvPerMsg().get("ping")).as("only the good ping counted").isEqualTo(32L);
        assertThat(logLines(info.id())).anyMatch(l -> l.contains("wrong checksum (ping, 8 bytes)")
                && l.contains("message dropped"));
        freshPeerStillHandshakes(node);
    }

    @Test
    void aVersionOfFourBytesIsDroppedAsMalformedAndAGoodOneStillCounts() throws Exception {
        P2PNetwork node = node();
        RawV1Peer peer = connect(node);
        // net_processing.cpp: reading nServices throws, ProcessMessages logs the exception and drops
        // the message; the peer stays, still waiting for a version
        byte[] fourBytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(70016).array();
        peer.sendBytes(peer.frame("version", fourBytes));
        Version theirs = peer.handshake(0xc1L);
        assertThat(theirs.userAgent()).startsWith("/btcnode:");
        Poll.await(() -> LoopbackNode.ready(node) == 1, "the node completes the handshake");
        PeerInfo info = onlyPeer(node);
        assertThat(info.subVer()).as("the good version is the one that counts").isEqualTo(RawV1Peer.USER_AGENT);
        assertThat(logLines(info.id())).anyMatch(l -> l.startsWith("MALFORMED_PAYLOAD: bad version message (4 bytes)"));
        assertThat(peer.pingPong(0xc2L).nonce()).isEqualTo(0xc2L);
        freshPeerStillHandshakes(node);
    }

    @Test
    void aMessageBeforeVersionIsIgnoredAndTheConnectionKept() throws Exception {
        P2PNetwork node = node();
        RawV1Peer peer = connect(node);
        peer.send(ping(0xd1L));                         // net_processing.cpp: ignored before version
        peer.handshake(0xd2L);
        // had the early ping been answered, its pong would come first
        assertThat(peer.pingPong(0xd3L).nonce()).isEqualTo(0xd3L);
        PeerInfo info = onlyPeer(node);
        assertThat(logLines(info.id()))
                .anyMatch(l -> l.startsWith("non-version message before version handshake. Message \"ping\""));
        freshPeerStillHandshakes(node);
    }

    @Test
    void aSecondVersionIsIgnored() throws Exception {
        P2PNetwork node = node();
        RawV1Peer peer = connect(node);
        peer.handshake(0xe1L);
        peer.send(new Version(RawV1Peer.version(0xe2L).version(), RawV1Peer.version(0xe2L).services(),
                1_764_028_900L, Version.Endpoint.NONE, Version.Endpoint.NONE, 0xe2L, "/second:1/", 7, false));
        assertThat(peer.pingPong(0xe3L).nonce()).isEqualTo(0xe3L);
        PeerInfo info = onlyPeer(node);
        assertThat(info.subVer()).isEqualTo(RawV1Peer.USER_AGENT);
        assertThat(info.startingHeight()).isZero();
        assertThat(info.relayTxes()).isTrue();
        assertThat(logLines(info.id())).anyMatch(l -> l.startsWith("redundant version message from"));
        freshPeerStillHandshakes(node);
    }

    // ---- timeouts on the node's clock ------------------------------------------------------------

    @Test
    void aHeaderTrickledAByteASecondThenSilenceHitsThePeerTimeout() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
        P2PNetwork node = node(LoopbackNode.listenOnly(), LoopbackNode.transport(), clock);
        RawV1Peer peer = connect(node);
        PeerId id = onlyPeer(node).id();
        byte[] header = Arrays.copyOf(peer.frame(RawV1Peer.version(0x71L)), 24);
        // a byte a second on the node's clock: 10 bytes of the header, 10 seconds
        for (int i = 0; i < 10; i++) {
            peer.sendBytes(new byte[] {header[i]});
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(LoopbackNode.openInbound(node)).as("within -peertimeout the peer stays").isEqualTo(1);
        // then silence past -peertimeout (60 s): the once-a-second check closes it
        clock.advance(ConnectionOptions.DEFAULT_PEER_CONNECT_TIMEOUT.minusSeconds(10).plusSeconds(1));
        assertThat(peer.closedByNode()).isTrue();
        Poll.await(() -> LoopbackNode.peerCount(node) == 0, "the timed-out peer leaves the table");
        // Core: "socket no message in first 60 seconds": we never sent (an inbound node answers a
        // version), but the trickled bytes count as received, as Core's m_last_recv counts any bytes
        assertThat(logLines(id)).anyMatch(l -> l.startsWith("socket no message in first 60 seconds, never sent to peer"));
        assertThat(logLines(id)).noneMatch(l -> l.contains("never received from peer"));
        freshPeerStillHandshakes(node);
    }

    @Test
    void aPeerSilentAfterTheHandshakeIsDroppedAfterTwentyMinutes() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
        P2PNetwork node = node(LoopbackNode.listenOnly(), LoopbackNode.transport(), clock);
        RawV1Peer peer = connect(node);
        peer.handshake(0x81L);
        peer.await("ping");                              // sent at once after the handshake; never answered
        Poll.await(() -> LoopbackNode.ready(node) == 1, "the node completes the handshake");
        PeerId id = onlyPeer(node).id();
        // net.h TIMEOUT_INTERVAL: nothing sent or received for 20 minutes (net.cpp InactivityCheck
        // looks at the send side first, as here: the node sent its last message, the ping, at the start)
        clock.advance(PeerLogic.TIMEOUT_INTERVAL.plusSeconds(1));
        assertThat(peer.closedByNode()).isTrue();
        Poll.await(() -> LoopbackNode.peerCount(node) == 0, "the silent peer leaves the table");
        // Which side's check fires depends on whether a message the node sends in the same tick (an
        // addr or getheaders on the jumped clock) is accounted before the check: either is Core's
        // 20-minute rule.
        assertThat(logLines(id)).anyMatch(l -> l.startsWith("socket sending timeout: 1201s")
                || l.startsWith("socket receive timeout: 1201s"));
        freshPeerStillHandshakes(node);
    }

    // ---- send buffer -----------------------------------------------------------------------------

    @Test
    void aPeerThatNeverReadsItsPongsIsDisconnectedAtTheSendBufferLimit() throws Exception {
        // -maxsendbuffer of 16 KB; a receive budget of 64 KB keeps the pings the node has read but not
        // yet answered few (they are still answered after the close, until the disconnect reaches
        // node logic), so the test does not wait for megabytes of them
        long maxSend = 16 * 1024;
        P2PNetwork node = node(LoopbackNode.listenOnly(), LoopbackNode.transport().withMaxSendBufferBytes(maxSend)
                .withMaxReceiveBufferBytes(64 * 1024), InstantSource.system());
        // a small receive window, so that the pongs back up in the node rather than in our kernel
        RawV1Peer peer = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(node),
                s -> setReceiveBuffer(s, 4096));
        resources.add(peer);
        peer.handshake(0x91L);
        PeerId id = onlyPeer(node).id();

        // pipelined pings, never reading a pong: a real peer pattern (BIP 31 pings answered 1:1)
        byte[] batch = new byte[1000 * 32];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(peer.frame(ping(i + 1)), 0, batch, i * 32, 32);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong pingsSent = new AtomicLong();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = peer.socket().getOutputStream();
                for (int round = 0; round < 2_000 && !stop.get(); round++) {     // at most 2,000,000 pings
                    out.write(batch);
                    pingsSent.addAndGet(1000);
                }
            } catch (IOException closedByNode) {
                // the node closed the connection: what this test waits for
            }
        }, "ping-flooder");
        writer.start();
        try {
            // the kernel takes the first megabytes of pongs (Linux grows the node's send buffer up to
            // tcp_wmem's maximum, 4 MiB) before anything queues in the node, at tens of thousands of
            // pongs a second on a loaded two-core machine: a longer bound than the others
            Poll.await(Duration.ofSeconds(60), () -> LoopbackNode.peerCount(node) == 0,
                    "the node disconnects the peer that never reads");
        } finally {
            stop.set(true);
            peer.close();
            writer.join(Poll.DEFAULT.toMillis());
        }
        assertThat(writer.isAlive()).isFalse();
        // the node's own queue went over the limit by at most two pongs (the check leaves out the
        // largest queued message): 32 bytes each plus Netty's per-entry bookkeeping, which its
        // pending count includes (96 bytes by default)
        String full = logLines(id).stream().filter(l -> l.startsWith("send buffer full (")).findFirst()
                .orElseThrow(() -> new AssertionError("no send-buffer line for peer=" + id));
        long queued = Long.parseLong(full.substring("send buffer full (".length(), full.indexOf(" bytes queued")));
        assertThat(queued).isGreaterThan(maxSend).isLessThanOrEqualTo(maxSend + 2 * (32 + 96));
        System.out.printf("never-reading peer: %,d pings written before the node closed it%n", pingsSent.get());
        freshPeerStillHandshakes(node);
    }

    private static void setReceiveBuffer(Socket s, int bytes) {
        try {
            s.setReceiveBufferSize(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- many connections ------------------------------------------------------------------------

    @Test
    void aThousandConnectionsOpenedAndClosedLeaveNoDescriptorOrPeerBehind() throws Exception {
        P2PNetwork node = node();
        InetSocketAddress address = LoopbackNode.address(node);
        freshPeerStillHandshakes(node);                 // warm up: the node's pipeline classes are loaded
        Poll.await(() -> LoopbackNode.peerCount(node) == 0, "the warm-up peer is gone");
        long fdsBefore = openFileDescriptors();
        int connections = 1_000;
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            try (Socket s = new Socket()) {
                s.connect(address, (int) RawV1Peer.READ_TIMEOUT.toMillis());
            }
        }
        Poll.await(() -> LoopbackNode.peerCount(node) == 0, "every closed connection leaves the peer table");
        long elapsed = System.nanoTime() - start;
        Poll.await(() -> openFileDescriptors() <= fdsBefore + 2, "file descriptors back to where they were");
        System.out.printf("%,d connections opened and closed, all gone from the node, in %d ms; fds %d -> %d%n",
                connections, elapsed / 1_000_000, fdsBefore, openFileDescriptors());
        freshPeerStillHandshakes(node);
        noBufferLeakReported();
    }

    /** Open descriptors of this process (the node runs in it). */
    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Netty's leak detector (paranoid in failsafe's argLine) reports a buffer collected without
     * being released when a later allocation looks: collect, allocate, then look for its ERROR lines.
     */
    private static void noBufferLeakReported() {
        System.gc();
        for (int i = 0; i < 100; i++) {
            ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(64);
            b.release();
        }
        Optional<String> leak = CapturedLogs.lines("io.netty.util.ResourceLeakDetector").stream()
                .map(CapturedLogs.Line::text).filter(t -> t.contains("LEAK")).findFirst();
        assertThat(leak).isEmpty();
    }

    @Test
    void theInboundLimitHoldsWhenMorePeersArriveThanItAllows() throws Exception {
        // -maxconnections=16: 8 full-relay + 2 block-relay + 1 feeler reserved, 5 inbound (net.cpp m_max_inbound)
        ConnectionOptions options = LoopbackNode.listenOnly().withMaxConnections(16);
        int maxInbound = options.maxInbound();
        assertThat(maxInbound).isEqualTo(5);
        P2PNetwork node = node(options, LoopbackNode.transport(), InstantSource.system());
        int extra = 5;
        List<RawV1Peer> peers = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < maxInbound + extra; i++) {
            RawV1Peer peer = connect(node);
            peers.add(peer);
            peer.send(RawV1Peer.version(0x1000L + i));
            // the node answers with its version once it took the connection (evicting another if it
            // had to), or closes this one when every inbound peer is protected from eviction
            boolean accepted = answered(peer);
            refused += accepted ? 0 : 1;
            assertThat(LoopbackNode.openInbound(node)).as("open inbound peers after arrival %d", i)
                    .isLessThanOrEqualTo(maxInbound);
        }
        Poll.await(() -> LoopbackNode.peerCount(node) == maxInbound, "the table settles at the inbound limit");
        // of our sockets, exactly maxInbound are still served; the others were refused or evicted
        int alive = 0;
        for (RawV1Peer peer : peers) {
            alive += stillServed(peer) ? 1 : 0;
        }
        assertThat(alive).isEqualTo(maxInbound);
        System.out.printf("inbound limit %d: %d arrivals refused, %d evicted%n", maxInbound, refused,
                maxInbound + extra - maxInbound - refused);
        for (RawV1Peer peer : peers) {
            peer.close();
        }
        Poll.await(() -> LoopbackNode.peerCount(node) == 0, "all inbound peers gone");
        freshPeerStillHandshakes(node);
    }

    @Test
    void aFullNodeEvictsAnUnprotectedInboundPeerForANewcomer() throws Exception {
        // default -maxconnections=125: 114 inbound slots. Every peer here is 127.0.0.1: one network
        // group, no ping answered (a raw peer ignores the node's pings), no transactions or blocks,
        // so eviction.cpp's fixed protections leave 94 candidates, the ratio protections (local
        // network, then uptime) half of those, and one of the rest goes (SelectNodeToEvict)
        P2PNetwork node = node();
        int maxInbound = LoopbackNode.listenOnly().maxInbound();
        assertThat(maxInbound).isEqualTo(114);
        List<RawV1Peer> peers = new ArrayList<>();
        for (int i = 0; i < maxInbound; i++) {
            RawV1Peer peer = connect(node);
            peers.add(peer);
            peer.handshake(0x2000L + i);
        }
        Poll.await(() -> LoopbackNode.ready(node) == maxInbound, "every slot holds a ready peer");

        RawV1Peer newcomer = connect(node);
        newcomer.handshake(0x3000L);
        assertThat(newcomer.pingPong(0x3001L).nonce()).isEqualTo(0x3001L);
        assertThat(LoopbackNode.openInbound(node)).isEqualTo(maxInbound);
        Poll.await(() -> LoopbackNode.peerCount(node) == maxInbound, "the evicted peer leaves the table");
        assertThat(CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text)
                .filter(t -> t.startsWith("selected for eviction (inbound slots full)")).count()).isEqualTo(1);
        // exactly one of the earlier peers was closed
        int closed = 0;
        for (RawV1Peer peer : peers) {
            closed += stillServedAfterHandshake(peer) ? 0 : 1;
        }
        assertThat(closed).isEqualTo(1);
    }

    /** Pings a peer that finished its handshake: true if a pong comes back, false if the node had closed it. */
    private static boolean stillServedAfterHandshake(RawV1Peer peer) throws IOException {
        try {
            peer.send(ping(0x78L));
        } catch (IOException closed) {
            return false;
        }
        return readsUntil(peer, "pong");
    }

    /** Reads until the node's version (true) or the end of the connection (false). */
    private static boolean answered(RawV1Peer peer) throws IOException {
        return readsUntil(peer, "version");
    }

    /** Finishes the handshake and pings: true if a pong comes back, false if the node had closed us. */
    private static boolean stillServed(RawV1Peer peer) throws IOException {
        try {
            peer.send(new Verack());
            peer.send(ping(0x77L));
        } catch (IOException closed) {
            return false;
        }
        return readsUntil(peer, "pong");
    }

    /** Reads frames until one with {@code command} (true) or the end of the connection (false). */
    private static boolean readsUntil(RawV1Peer peer, String command) throws IOException {
        for (int i = 0; i < 100; i++) {
            Optional<RawV1Peer.Frame> f = peer.read();
            if (f.isEmpty()) {
                return false;
            }
            if (f.get().command().equals(command)) {
                return true;
            }
        }
        throw new AssertionError("no " + command + " among 100 frames");
    }
}
