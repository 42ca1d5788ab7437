package org.btcnode.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.Messages;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.UnknownMessage;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.logic.ExecutorNodeLoop;
import org.btcnode.net.logic.NodeLoop;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two transports on 127.0.0.1 (one listening on port 0), each reporting to its own real
 * {@link ExecutorNodeLoop}; the test's {@link RecordingEvents} stand in for node logic with a
 * scripted version/verack/ping/pong exchange (the real handshake is node logic's, not the
 * transport's). Raw {@link Socket}s play hostile peers. Every wait is bounded; nothing sleeps.
 */
class NettyTransportIT {

    private static final HexFormat HEX = HexFormat.of();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final NetworkParameters PARAMS = NetworkParameters.REGTEST;
    private static final long PING_NONCE = 0x0102030405060708L;

    private final List<AutoCloseable> resources = new ArrayList<>();
    /** Every buffer the transports allocate: all released once they are closed. */
    private final TrackingAllocator alloc = new TrackingAllocator(true);

    @AfterEach
    void closeAllAndCheckBuffers() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        assertThat(alloc.unreleased()).as("buffers not released").isZero();
    }

    /** The listening side: answers version with version + verack, ping with pong. */
    private static RecordingEvents listenerScript() {
        return new RecordingEvents().onMessage((c, m) -> {
            if (m instanceof Version) {
                c.send(version(2));
                c.send(new Verack());
            } else if (m instanceof Ping ping) {
                c.send(new Pong(ping.nonce()));
            }
        });
    }

    /** The connecting side: sends version on connect, verack for their version, a ping after their verack. */
    private static RecordingEvents dialerScript() {
        return new RecordingEvents().onConnected(c -> c.send(version(1))).onMessage((c, m) -> {
            if (m instanceof Version) {
                c.send(new Verack());
            } else if (m instanceof Verack) {
                c.send(new Ping(PING_NONCE));
            }
        });
    }

    private static Version version(long nonce) {
        return new Version(ProtocolVersion.PROTOCOL_VERSION,
                ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS), 1_700_000_000L,
                Version.Endpoint.NONE, Version.Endpoint.NONE, nonce, "/btcnode-test:0.1/", 0, true);
    }

    private NettyTransport transport(TransportOptions options, RecordingEvents events) {
        ExecutorNodeLoop loop = ExecutorNodeLoop.systemClock();
        resources.add(loop);
        NettyTransport t = new NettyTransport(PARAMS, options, loop, events, alloc);
        resources.add(t);
        return t;
    }

    private static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress(LOOPBACK, 0);
    }

    /** Dials {@code server} from {@code dialer}, runs the scripted exchange, returns the listener's peer id. */
    private static PeerId handshakeAndPing(NettyTransport dialer, RecordingEvents dialerEvents,
            InetSocketAddress server, RecordingEvents serverEvents) throws InterruptedException {
        PeerId out = dialer.connect(server, ConnectionType.OUTBOUND_FULL_RELAY, false);
        assertThat(dialerEvents.await("connected", out).value()).isEqualTo(ConnectionType.OUTBOUND_FULL_RELAY);
        RecordingEvents.Event inbound = serverEvents.await(e -> e.kind().equals("connected")
                && serverEvents.connection(e.peer()).remoteAddress().getPort()
                        == dialerEvents.connection(out).localAddress().getPort(), "the inbound side");
        PeerId in = inbound.peer();
        assertThat(inbound.value()).isEqualTo(ConnectionType.INBOUND);

        RecordingEvents.Event theirVersion = serverEvents.awaitMessage(in, "version");
        assertThat(theirVersion.value()).isEqualTo(version(1));
        assertThat(theirVersion.wireBytes()).isEqualTo(24 + Messages.encode(version(1)).length);
        assertThat(((Version) dialerEvents.awaitMessage(out, "version").value()).nonce()).isEqualTo(2);
        dialerEvents.awaitMessage(out, "verack");
        serverEvents.awaitMessage(in, "verack");
        assertThat(serverEvents.awaitMessage(in, "ping").value()).isEqualTo(new Ping(PING_NONCE));
        RecordingEvents.Event pong = dialerEvents.awaitMessage(out, "pong");
        assertThat(pong.value()).isEqualTo(new Pong(PING_NONCE));
        assertThat(pong.wireBytes()).isEqualTo(32);
        return in;
    }

    @ParameterizedTest(name = "native transport {0}")
    @ValueSource(booleans = {true, false})
    void twoTransportsHandshakePingAndDisconnectOnce(boolean nativeTransport) throws Exception {
        TransportOptions options = TransportOptions.defaults().withNativeTransport(nativeTransport).withIoThreads(1);
        RecordingEvents serverEvents = listenerScript();
        RecordingEvents dialerEvents = dialerScript();
        NettyTransport server = transport(options, serverEvents);
        NettyTransport dialer = transport(options, dialerEvents);
        assertThat(server.usesEpoll()).isEqualTo(nativeTransport && Epoll.isAvailable());
        InetSocketAddress bound = server.listen(anyLoopbackPort());
        assertThat(bound.getAddress()).isEqualTo(LOOPBACK);
        assertThat(bound.getPort()).isPositive();

        PeerId in = handshakeAndPing(dialer, dialerEvents, bound, serverEvents);
        PeerId out = dialerEvents.first("connected").orElseThrow().peer();
        PeerConnection outbound = dialerEvents.connection(out);
        assertThat(outbound.inbound()).isFalse();
        assertThat(outbound.remoteAddress()).isEqualTo(bound);
        assertThat(serverEvents.connection(in).inbound()).isTrue();
        assertThat(serverEvents.connection(in).localAddress()).isEqualTo(bound);

        // bytes-sent statistics: what one side sent is what the other received
        RecordingEvents.Event sentVersion = dialerEvents.all().stream()
                .filter(e -> e.kind().equals("sent") && e.value().equals("version")).findFirst().orElseThrow();
        assertThat(sentVersion.wireBytes()).isEqualTo(24 + Messages.encode(version(1)).length);

        outbound.close();
        outbound.close();
        dialerEvents.await("disconnected", out);
        serverEvents.await("disconnected", in);
        outbound.send(new Ping(1));   // a no-op once closed
        server.close();
        dialer.close();
        assertThat(dialerEvents.count("disconnected", out)).isEqualTo(1);
        assertThat(serverEvents.count("disconnected", in)).isEqualTo(1);
        assertThat(dialerEvents.count("connected", out)).isEqualTo(1);
        assertThat(alloc.allocatedCount()).as("the transports used the counting allocator").isPositive();
        assertThat(alloc.unreleased()).as("buffers not released").isZero();
    }

    @ParameterizedTest(name = "native transport {0}")
    @ValueSource(booleans = {true, false})
    void connectingToAClosedPortFails(boolean nativeTransport) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        RecordingEvents events = new RecordingEvents();
        NettyTransport t = transport(
                TransportOptions.defaults().withIoThreads(1).withNativeTransport(nativeTransport), events);
        PeerId id = t.connect(new InetSocketAddress(LOOPBACK, port), ConnectionType.MANUAL, false);
        RecordingEvents.Event failed = events.await("connect-failed", id);
        assertThat((String) failed.value()).containsIgnoringCase("refused").doesNotContain("127.0.0.1");
        assertThat(events.count("connected", id)).isZero();
    }

    @Test
    void anUnresolvedAddressFailsWithoutALookup() throws Exception {
        RecordingEvents events = new RecordingEvents();
        NettyTransport t = transport(TransportOptions.defaults().withIoThreads(1), events);
        PeerId id = t.connect(InetSocketAddress.createUnresolved("seed.invalid", 18444), ConnectionType.MANUAL, false);
        assertThat(events.await("connect-failed", id).value()).isEqualTo("address not resolved");
    }

    @Test
    void inboundAndOutboundIdsComeFromOneCounter() throws Exception {
        RecordingEvents serverEvents = listenerScript();
        RecordingEvents dialerEvents = dialerScript();
        NettyTransport server = transport(TransportOptions.defaults().withIoThreads(1), serverEvents);
        NettyTransport dialer = transport(TransportOptions.defaults().withIoThreads(1), dialerEvents);
        InetSocketAddress bound = server.listen(anyLoopbackPort());
        PeerId first = handshakeAndPing(dialer, dialerEvents, bound, serverEvents);
        // the server dials out once (to a closed port): that id is taken from the same counter
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = s.getLocalPort();
        }
        PeerId outbound = server.connect(new InetSocketAddress(LOOPBACK, closedPort), ConnectionType.FEELER, false);
        serverEvents.await("connect-failed", outbound);
        PeerId second = handshakeAndPing(dialer, dialerEvents, bound, serverEvents);
        assertThat(List.of(first.value(), outbound.value(), second.value())).containsExactly(0L, 1L, 2L);
    }

    // ---- hostile peers ------------------------------------------------------------------------

    /** A regtest header: magic, command, length, checksum (the checksum is never reached). */
    private static byte[] header(byte[] magic, String command, long length) {
        byte[] h = new byte[24];
        System.arraycopy(magic, 0, h, 0, 4);
        byte[] c = command.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(c, 0, h, 4, c.length);
        for (int i = 0; i < 4; i++) {
            h[16 + i] = (byte) (length >>> (8 * i));
        }
        return h;
    }

    private static final byte[] REGTEST_MAGIC = PARAMS.magic().toByteArray();

    static List<Object[]> hostileStreams() {
        byte[] garbage = new byte[64];
        new Random(4).nextBytes(garbage);
        garbage[0] = (byte) ~REGTEST_MAGIC[0];
        return List.of(
                new Object[] {"random garbage", garbage, Violation.BAD_MAGIC},
                // a mainnet verack on a regtest node
                new Object[] {"wrong magic", HEX.parseHex("f9beb4d9" + "76657261636b000000000000" + "00000000"
                        + "5df6e0e2"), Violation.BAD_MAGIC},
                // a block of 4,000,001 bytes announced: closed before a payload byte is sent
                new Object[] {"length over the limit", header(REGTEST_MAGIC, "block", 4_000_001),
                        Violation.OVERSIZED_MESSAGE});
    }

    @Test
    void hostileStreamsAreCutOffAndAFreshConnectionStillWorks() throws Exception {
        RecordingEvents serverEvents = listenerScript();
        RecordingEvents dialerEvents = dialerScript();
        NettyTransport server = transport(TransportOptions.defaults().withIoThreads(1), serverEvents);
        NettyTransport dialer = transport(TransportOptions.defaults().withIoThreads(1), dialerEvents);
        InetSocketAddress bound = server.listen(anyLoopbackPort());
        for (Object[] c : hostileStreams()) {
            String what = (String) c[0];
            try (Socket s = new Socket()) {
                s.connect(bound, 5_000);
                PeerId peer = serverEvents.await("connected", null).peer();
                OutputStream out = s.getOutputStream();
                out.write((byte[]) c[1]);
                out.flush();
                assertThat(closedByPeer(s)).as(what).isTrue();
                assertThat(serverEvents.await("violation", peer).value()).as(what).isEqualTo(c[2]);
                serverEvents.await("disconnected", peer);
            }
            handshakeAndPing(dialer, dialerEvents, bound, serverEvents);
        }
    }

    /** Reads until the other side closes; bounded by a socket timeout and a read count. */
    private static boolean closedByPeer(Socket s) throws IOException {
        s.setSoTimeout((int) Duration.ofSeconds(RecordingEvents.WAIT_SECONDS).toMillis());
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        for (int i = 0; i < 1000; i++) {
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketException reset) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aPeerThatNeverReadsIsClosedWithABoundedQueue() throws Exception {
        long maxSend = 64 * 1024;
        RecordingEvents serverEvents = listenerScript();
        RecordingEvents dialerEvents = dialerScript();
        NettyTransport server = transport(
                TransportOptions.defaults().withMaxSendBufferBytes(maxSend).withIoThreads(1), serverEvents);
        NettyTransport dialer = transport(TransportOptions.defaults().withIoThreads(1), dialerEvents);
        InetSocketAddress bound = server.listen(anyLoopbackPort());
        Message big = new UnknownMessage("junk", Bytes.of(new byte[32 * 1024]));
        int frame = 24 + 32 * 1024;
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(bound, 5_000);
            PeerId peer = serverEvents.await("connected", null).peer();
            PeerConnection c = serverEvents.connection(peer);
            long maxPending = 0;
            int sent = 0;
            // the kernel's socket buffers take a few MB first; 2,000 frames (64 MB) is far beyond them
            while (sent < 2_000 && serverEvents.count("violation", peer) == 0) {
                c.send(big);
                sent++;
                maxPending = Math.max(maxPending, c.pendingSendBytes());
            }
            assertThat(serverEvents.await("violation", peer).value()).isEqualTo(Violation.SEND_BUFFER_FULL);
            serverEvents.await("disconnected", peer);
            // the limit check leaves out the largest queued message (a block may be bigger than the
            // limit), so the queue is bounded by the limit plus two messages and Netty's per-entry
            // bookkeeping (96 bytes each by default)
            assertThat(maxPending).as("queue bounded by the limit plus two messages")
                    .isLessThanOrEqualTo(maxSend + 2L * (frame + 96));
            assertThat(c.pendingSendBytes()).isZero();
        }
        handshakeAndPing(dialer, dialerEvents, bound, serverEvents);
    }

    @Test
    void aThousandConnectionsOpenedAndClosedLeaveNoSocketBehind() throws Exception {
        RecordingEvents serverEvents = listenerScript();
        RecordingEvents dialerEvents = dialerScript();
        NettyTransport server = transport(TransportOptions.defaults().withIoThreads(1), serverEvents);
        NettyTransport dialer = transport(TransportOptions.defaults().withIoThreads(1), dialerEvents);
        InetSocketAddress bound = server.listen(anyLoopbackPort());
        long fdsBefore = openFileDescriptors();
        int connections = 1_000;
        for (int i = 0; i < connections; i++) {
            try (Socket s = new Socket()) {
                s.connect(bound, 5_000);
            }
        }
        for (int i = 0; i < connections; i++) {
            serverEvents.await("disconnected", null);
        }
        assertThat(serverEvents.all().stream().filter(e -> e.kind().equals("connected")).count())
                .isEqualTo(connections);
        assertThat(serverEvents.all().stream().filter(e -> e.kind().equals("disconnected")).count())
                .isEqualTo(connections);
        // every server-side socket was closed before its onDisconnected was posted
        assertThat(openFileDescriptors()).as("file descriptors").isLessThanOrEqualTo(fdsBefore + 2);
        handshakeAndPing(dialer, dialerEvents, bound, serverEvents);
    }

    private static long openFileDescriptors() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : 0;
    }

    // ---- receive budget on a real socket -------------------------------------------------------

    /**
     * Node logic for the flood test: a node loop that counts the tasks posted to it and not yet run
     * (each one a 32-byte ping here), and events whose first message waits until the flooding peer
     * has handed its whole flood to the kernel and the backlog is over the budget (both happen
     * whether or not the transport pauses), so the transport must pause and later resume.
     */
    private static final class BusyNode implements NodeLoop, PeerEvents {
        final ExecutorNodeLoop executor = ExecutorNodeLoop.systemClock();
        final AtomicLong queued = new AtomicLong();
        final AtomicLong maxQueued = new AtomicLong();
        final AtomicInteger messages = new AtomicInteger();
        final CountDownLatch flooded = new CountDownLatch(1);
        final CountDownLatch overBudget = new CountDownLatch(1);
        final CountDownLatch all;
        final long budgetMessages;

        BusyNode(long budgetMessages, int expected) {
            this.budgetMessages = budgetMessages;
            this.all = new CountDownLatch(expected);
        }

        @Override
        public void execute(Runnable task) {
            long now = queued.incrementAndGet();
            maxQueued.accumulateAndGet(now, Math::max);
            if (now > budgetMessages + 1) {     // + 1: the onConnected task
                overBudget.countDown();
            }
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    queued.decrementAndGet();
                }
            });
        }

        @Override
        public InstantSource clock() {
            return executor.clock();
        }

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            return executor.schedule(delay, task);
        }

        @Override
        public Timer scheduleAtFixedRate(Duration period, Runnable task) {
            return executor.scheduleAtFixedRate(period, task);
        }

        @Override
        public boolean inLoop() {
            return executor.inLoop();
        }

        @Override
        public void onMessage(PeerId peer, Message message, int wireBytes) {
            if (messages.getAndIncrement() == 0) {
                try {
                    assertThat(flooded.await(RecordingEvents.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                    assertThat(overBudget.await(RecordingEvents.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            all.countDown();
        }

        @Override
        public void onConnected(PeerConnection connection) {
        }

        @Override
        public void onViolation(PeerId peer, Violation violation, String detail) {
        }

        @Override
        public void onSent(PeerId peer, String command, int wireBytes) {
        }

        @Override
        public void onDisconnected(PeerId peer) {
        }

        @Override
        public void onConnectFailed(PeerId peer, String reason) {
        }
    }

    @ParameterizedTest(name = "native transport {0}")
    @ValueSource(booleans = {true, false})
    void aFloodingPeerIsPausedAtTheBudgetAndEveryMessageStillArrives(boolean nativeTransport) throws Exception {
        int pingBytes = 32;
        long budget = 100 * pingBytes;
        int pings = 8_192;                // 262,144 bytes: fits in the kernel's socket buffers (see below)
        BusyNode node = new BusyNode(budget / pingBytes, pings);
        resources.add(node.executor);
        NettyTransport server = new NettyTransport(PARAMS, TransportOptions.defaults().withMaxReceiveBufferBytes(budget)
                .withNativeTransport(nativeTransport).withIoThreads(1), node, node, alloc);
        resources.add(server);
        InetSocketAddress bound = server.listen(anyLoopbackPort());
        // regtest ping, nonce bytes 0123456789abcdef (checksum as in V1FrameCodecTest)
        byte[] ping = HEX.parseHex("fabfb5da" + "70696e670000000000000000" + "08000000" + "137ad663" + "0123456789abcdef");
        byte[] flood = new byte[ping.length * pings];
        for (int i = 0; i < pings; i++) {
            System.arraycopy(ping, 0, flood, i * ping.length, ping.length);
        }
        try (Socket s = new Socket()) {
            // a fixed send buffer (Linux doubles it, up to net.core.wmem_max): with the server's
            // receive buffer it holds the flood even while the server reads nothing
            s.setSendBufferSize(1 << 20);
            s.connect(bound, 5_000);
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(flood);
                    node.flooded.countDown();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "flooding-peer");
            writer.start();
            assertThat(node.all.await(RecordingEvents.WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("every message arrives: reading resumed after each pause").isTrue();
            writer.join(Duration.ofSeconds(RecordingEvents.WAIT_SECONDS).toMillis());
            assertThat(writer.isAlive()).isFalse();
        }
        assertThat(node.messages.get()).isEqualTo(pings);
        // the backlog went over the budget, so the transport paused (at least once) and resumed: every
        // message still arrived. It never held more than the budget plus what one read from the socket
        // had already buffered (64 KB). This test cannot tell a pause from a socket that happens to
        // deliver slowly; PeerHandlerTest proves the pause decision itself.
        assertThat(node.maxQueued.get() * pingBytes).isLessThanOrEqualTo(budget + 65_536 + pingBytes);
    }
}
