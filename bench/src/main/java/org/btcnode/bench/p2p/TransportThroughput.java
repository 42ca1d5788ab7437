package org.btcnode.bench.p2p;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.btcnode.core.message.Message;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.UnknownMessage;
import org.btcnode.core.message.Version;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.logic.ExecutorNodeLoop;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.transport.NettyTransport;
import org.btcnode.net.transport.TransportOptions;
import org.btcnode.net.transport.Violation;

/**
 * BIP 324 against v1 through node-net's whole transport (Netty, framing or encryption, message
 * codec, node-logic loop), two transports in one JVM over 127.0.0.1 (docs/benchmarks.md):
 * <ul>
 *   <li>bulk: one connection carries {@code --mb} MiB in messages of {@code --size} bytes, at most
 *       8 MiB sent and not yet processed by the receiver; MiB/s from the first send to the last
 *       message processed;</li>
 *   <li>handshakes: {@code --handshakes} sequential connections, each until its first two messages
 *       (a version, then 8 bytes) have been processed on the other side (for v2: keys, ECDH, garbage,
 *       version packet).</li>
 * </ul>
 * v1 and v2 alternate, {@code --rounds} times each. Loopback only; every wait is bounded.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.btcnode.bench.p2p.TransportThroughput --mb=512 --size=1048576</pre>
 */
public final class TransportThroughput {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long MAX_QUEUED = 8L << 20;

    /** Records what arrives; the sending side's connections by id. */
    private static final class Events implements PeerEvents {
        final Map<PeerId, PeerConnection> connections = new ConcurrentHashMap<>();
        final AtomicLong receivedBytes = new AtomicLong();
        final AtomicLong receivedMessages = new AtomicLong();
        volatile CompletableFuture<PeerConnection> nextConnection = new CompletableFuture<>();

        @Override
        public void onConnected(PeerConnection connection) {
            connections.put(connection.id(), connection);
            nextConnection.complete(connection);
        }

        @Override
        public void onMessage(PeerId peer, Message message, int wireBytes) {
            if (message instanceof UnknownMessage u) {
                receivedBytes.addAndGet(u.payload().size());
            }
            receivedMessages.incrementAndGet();
        }

        @Override
        public void onViolation(PeerId peer, Violation violation, String detail) {
            System.err.println("violation on " + peer + ": " + violation + " " + detail);
        }

        @Override
        public void onSent(PeerId peer, String command, int wireBytes) {
        }

        @Override
        public void onDisconnected(PeerId peer) {
            connections.remove(peer);
        }

        @Override
        public void onConnectFailed(PeerId peer, String reason) {
            nextConnection.completeExceptionally(new IllegalStateException("connect failed: " + reason));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = PeerLoad.parse(args);
        int mb = Integer.parseInt(opts.getOrDefault("mb", "512"));
        int size = Integer.parseInt(opts.getOrDefault("size", "1048576"));
        int handshakes = Integer.parseInt(opts.getOrDefault("handshakes", "300"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        System.out.printf("JDK %s, %d CPUs; bulk %d MiB in %d-byte messages, %d handshakes, %d rounds%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), mb, size, handshakes, rounds);

        TransportOptions options = TransportOptions.defaults().withIoThreads(2).withV2Transport(true)
                .withMaxSendBufferBytes(64L << 20).withMaxReceiveBufferBytes(64L << 20);
        NetworkParameters params = NetworkParameters.REGTEST;
        Events serverEvents = new Events();
        Events clientEvents = new Events();
        try (ExecutorNodeLoop serverLoop = new ExecutorNodeLoop(InstantSource.system());
                ExecutorNodeLoop clientLoop = new ExecutorNodeLoop(InstantSource.system());
                NettyTransport server = new NettyTransport(params, options, serverLoop, serverEvents);
                NettyTransport client = new NettyTransport(params, options, clientLoop, clientEvents)) {
            InetSocketAddress address = server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            byte[] payload = new byte[size];
            new Random(1).nextBytes(payload);
            Message message = new UnknownMessage("bulk", Bytes.of(payload));
            // warm-up: JIT both paths
            bulk(client, clientEvents, serverEvents, address, message, Math.max(64, mb / 4), false);
            bulk(client, clientEvents, serverEvents, address, message, Math.max(64, mb / 4), true);
            handshakes(client, clientEvents, serverEvents, address, Math.max(50, handshakes / 4), false);
            handshakes(client, clientEvents, serverEvents, address, Math.max(50, handshakes / 4), true);
            for (int r = 1; r <= rounds; r++) {
                for (boolean v2 : new boolean[] {false, true}) {
                    double mibs = bulk(client, clientEvents, serverEvents, address, message, mb, v2);
                    double hs = handshakes(client, clientEvents, serverEvents, address, handshakes, v2);
                    System.out.printf(Locale.ROOT, "round %d %s: bulk %.0f MiB/s, handshakes %.0f/s%n", r,
                            v2 ? "v2" : "v1", mibs, hs);
                }
            }
        }
    }

    /**
     * A connection whose first message is a version, as every peer's is: the receiving side tells a
     * v1 peer by its first 16 bytes, magic and "version" (Core's V2Transport does the same).
     */
    private static PeerConnection open(NettyTransport client, Events clientEvents, InetSocketAddress address,
            boolean v2) throws Exception {
        clientEvents.nextConnection = new CompletableFuture<>();
        client.connect(address, ConnectionType.MANUAL, v2);
        PeerConnection c = clientEvents.nextConnection.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        c.send(new Version(ProtocolVersion.PROTOCOL_VERSION, ServiceFlags.NODE_NONE, 0, Version.Endpoint.NONE,
                Version.Endpoint.NONE, 1, "/btcnode-bench:0.1.0/", 0, false));
        return c;
    }

    /** MiB/s of one connection carrying {@code mb} MiB in {@code message}s. */
    private static double bulk(NettyTransport client, Events clientEvents, Events serverEvents,
            InetSocketAddress address, Message message, int mb, boolean v2) throws Exception {
        PeerConnection c = open(client, clientEvents, address, v2);
        int size = ((UnknownMessage) message).payload().size();
        long total = (long) mb << 20;
        int count = (int) Math.max(1, total / size);
        long before = serverEvents.receivedBytes.get();
        long start = System.nanoTime();
        long deadline = start + WAIT.toNanos();
        for (int i = 0; i < count; i++) {
            // sends hop to the event loop: bound what is in flight end to end, not the socket queue
            while (before + (long) i * size - serverEvents.receivedBytes.get() > MAX_QUEUED) {
                LockSupport.parkNanos(50_000);
                check(deadline, "receiver fell behind for good");
            }
            c.send(message);
        }
        long expected = before + (long) count * size;
        while (serverEvents.receivedBytes.get() < expected) {
            LockSupport.parkNanos(50_000);
            check(deadline, "bulk data did not arrive");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        c.close();
        return (double) count * size / (1 << 20) / seconds;
    }

    /** Connections per second, each until its first two messages are processed on the other side. */
    private static double handshakes(NettyTransport client, Events clientEvents, Events serverEvents,
            InetSocketAddress address, int count, boolean v2) throws Exception {
        Message hello = new UnknownMessage("hello", Bytes.of(new byte[8]));
        long start = System.nanoTime();
        long deadline = start + WAIT.toNanos();
        for (int i = 0; i < count; i++) {
            long before = serverEvents.receivedMessages.get();
            PeerConnection c = open(client, clientEvents, address, v2);
            c.send(hello);
            while (serverEvents.receivedMessages.get() < before + 2) {     // version and hello
                LockSupport.parkNanos(10_000);
                check(deadline, "handshake did not finish");
            }
            c.close();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what + " within " + WAIT);
        }
    }

    private TransportThroughput() {
    }
}
