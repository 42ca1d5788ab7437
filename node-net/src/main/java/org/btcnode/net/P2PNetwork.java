package org.btcnode.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BanStore;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.connman.BanMan;
import org.btcnode.net.connman.ConnectionManager;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.logic.ExecutorNodeLoop;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.PeerConnector;
import org.btcnode.net.transport.NettyTransport;
import org.btcnode.net.sync.ChainSync;
import org.btcnode.net.transport.TransportOptions;
import org.slf4j.Logger;

/**
 * The P2P side of one node, assembled: the node-logic loop, the Netty transport, the connection
 * manager with its peer logic and ban manager, chain sync with the header and block stores. node-daemon starts one; integration tests start
 * several on loopback. Thread-safe: {@link #query} hands work to the node-logic thread and waits.
 */
public final class P2PNetwork implements AutoCloseable {
    private static final Logger log = LogCategory.NET.logger();
    /** How long a caller waits for the node-logic thread to answer a query or to stop. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorNodeLoop loop;
    private final NettyTransport transport;
    private final ConnectionManager manager;
    private final ChainSync chain;
    private final Bootstrap bootstrap;
    private final NetworkGate gate;
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private boolean closed;

    /**
     * Everything a node needs from outside node-net; {@code addresses} is the loaded address book
     * (node-logic thread from then on: the network flushes it every second and at close);
     * {@code headerStore} and {@code blockStore} hold the chain (node-logic thread from then on).
     */
    public record Setup(NetworkParameters params, ConnectionOptions connection, TransportOptions transport,
            List<InetSocketAddress> bind, BanStore banStore, AddrMan addresses, Path anchorsFile,
            InstantSource clock, HeaderStore headerStore, BlockStore blockStore, Bootstrap.Options bootstrap) {
        public Setup {
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(bootstrap, "bootstrap");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(transport, "transport");
            bind = List.copyOf(bind);
            Objects.requireNonNull(banStore, "banStore");
            Objects.requireNonNull(addresses, "addresses");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(headerStore, "headerStore");
            Objects.requireNonNull(blockStore, "blockStore");
        }
    }

    private P2PNetwork(Setup setup) {
        loop = new ExecutorNodeLoop(setup.clock());
        BanMan banMan = new BanMan(setup.banStore(), setup.clock(), setup.connection().banTime());
        // The transport reports to the manager and the manager dials through the transport:
        // the connector forwards to the transport, which exists before the first dial.
        TransportHolder holder = new TransportHolder();
        chain = ChainSync.start(setup.params(), setup.headerStore(), setup.blockStore(), setup.clock(),
                new SecureRandom());
        manager = new ConnectionManager(setup.connection(), loop, holder, setup.addresses(), banMan,
                new SecureRandom(), setup.anchorsFile(), chain);
        gate = new NetworkGate(manager);
        // one switch for both sides of BIP 324: the services we advertise and what the transport speaks
        boolean v2 = setup.connection().localServices().has(ServiceFlags.NODE_P2P_V2);
        transport = new NettyTransport(setup.params(), setup.transport().withV2Transport(v2), loop, gate);
        holder.transport = transport;
        ConnectionOptions connection = setup.connection();
        bootstrap = new Bootstrap(setup.params(), setup.bootstrap(), connection.seedNodes(),
                !connection.addNode().isEmpty(), connection.automaticOutbound(), loop, manager, new SecureRandom());
    }

    /**
     * Binds the listening sockets (when {@code -listen}), then starts the connection manager.
     * A bind failure closes what was opened and throws with Core's text.
     */
    public static P2PNetwork start(Setup setup) throws IOException {
        P2PNetwork network = new P2PNetwork(setup);
        try {
            if (setup.connection().listen()) {
                for (InetSocketAddress address : setup.bind()) {
                    network.bound.add(network.transport.listen(address));
                }
            }
            network.query(m -> {
                m.start();
                network.bootstrap.start();
                return null;
            });
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** The addresses we listen on, with the real ports (port 0 in a bind becomes the chosen one). */
    public List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** Runs {@code question} on the node-logic thread and returns its answer (RPC, tests). */
    public <T> T query(Function<ConnectionManager, T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                answer.complete(question.apply(manager));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for node logic", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("node logic did not answer within " + QUERY_TIMEOUT, e);
        }
    }

    /**
     * Runs {@code question} against chain sync on the node-logic thread and returns its answer
     * (RPC: {@link ChainSync#snapshot()}, {@link ChainSync#headerInfo}, {@link ChainSync#hashAtHeight},
     * {@link ChainSync#chainTips()}; tests).
     */
    public <T> T queryChain(Function<ChainSync, T> question) {
        return query(m -> question.apply(chain));
    }

    /**
     * getnettotals (and the metrics endpoint): every byte sent and received since start, over all
     * connections, in total and per message type; any thread, never waits for node logic.
     */
    public NetTotals netTotals() {
        return NetTotals.of(gate.bytesRecvPerType(), gate.bytesSentPerType());
    }

    /**
     * Bytes received and sent since the network started (Core's GetTotalBytesRecv/Sent), and per
     * message type, keyed as getpeerinfo's {@code bytesrecv_per_msg} (unknown commands under
     * {@code *other*}); each total is the sum of its map. Immutable.
     */
    public record NetTotals(long totalBytesRecv, long totalBytesSent, Map<String, Long> bytesRecvPerMsgType,
                            Map<String, Long> bytesSentPerMsgType) {
        public NetTotals {
            bytesRecvPerMsgType = Collections.unmodifiableMap(new TreeMap<>(bytesRecvPerMsgType));
            bytesSentPerMsgType = Collections.unmodifiableMap(new TreeMap<>(bytesSentPerMsgType));
        }

        static NetTotals of(Map<String, Long> recvPerType, Map<String, Long> sentPerType) {
            return new NetTotals(NetworkGate.total(recvPerType), NetworkGate.total(sentPerType), recvPerType,
                    sentPerType);
        }
    }

    /** Opens one manual connection, as the {@code addnode <node> onetry} RPC; false if already connected. */
    public boolean openOneTry(InetSocketAddress address) {
        return query(m -> m.openOneTry(address));
    }

    /** Stops the manager (anchors written, peers disconnected), then the transport and the loop. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            query(m -> {
                bootstrap.stop();
                m.stop();
                return null;
            });
        } catch (IllegalStateException e) {
            log.warn("network stop did not complete cleanly: {}", e.getMessage());
        }
        transport.close();
        try {
            loop.shutdown(QUERY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Dials through the transport created after the manager. */
    private static final class TransportHolder implements PeerConnector {
        private volatile NettyTransport transport;

        @Override
        public PeerId connect(InetSocketAddress address, ConnectionType type, boolean v2) {
            return transport.connect(address, type, v2);
        }
    }
}
