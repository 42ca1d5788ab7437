package org.btcnode.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.Inv;
import org.btcnode.core.message.Inventory;
import org.btcnode.core.message.InventoryType;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.BanMan;
import org.btcnode.net.connman.ConnectionManager;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.health.HealthReport;
import org.btcnode.net.health.NetworkHealth;
import org.btcnode.net.logic.ManualNodeLoop;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.TransportProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The network health monitor at full size: a connection manager (node-logic side, no sockets) with
 * 125 peers past the handshake (8 full-relay, 2 block-relay-only, 1 manual, 114 inbound, each in
 * its own /16, ten user agents) and an address book of 60,000 addresses from about 3,000 sources.
 * {@code evaluate}: the once-a-minute evaluation (window of message counts closed, every figure
 * measured, every condition decided); {@code current}: what a metrics scrape asks;
 * {@code admitOverBudget}: the cost of one message from a flooding peer once it is throttled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NetworkHealthBenchmark {
    private static final Instant NOW = Instant.ofEpochSecond(1_764_028_800L);
    private static final int ADDRESSES = 60_000;
    private static final ServiceFlags FULL = ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS);

    private NetworkHealth health;
    private Peer manual;
    private Message inv;

    /** A connection that sends nowhere: node logic's view of a peer without a socket. */
    private record NoSocket(PeerId id, ConnectionType connectionType, InetSocketAddress remoteAddress)
            implements PeerConnection {
        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 8333);
        }

        @Override
        public TransportProtocol transport() {
            return TransportProtocol.V1;
        }

        @Override
        public void send(Message message) {
        }

        @Override
        public long pendingSendBytes() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static InetSocketAddress socket(int a, int b) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, 1, 1}), 8333);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Address randomIpv4(SplittableRandom rng) {
        return new Address(NOW, FULL, NetAddress.ipv4(rng.nextInt(1, 224), rng.nextInt(256), rng.nextInt(256),
                rng.nextInt(1, 255)), 8333);
    }

    @Setup(Level.Trial)
    public void fill() {
        ManualNodeLoop loop = new ManualNodeLoop(NOW);
        AddrMan addrMan = AddrMan.load(new InMemoryAddressBookStore(), new SplittableRandom(7), loop.clock());
        SplittableRandom rng = new SplittableRandom(123);
        for (int i = 0; addrMan.size() < ADDRESSES && i < 1_000_000; i++) {
            NetAddress source = randomIpv4(rng).address();
            for (int j = 0; j < 20; j++) {
                addrMan.add(List.of(randomIpv4(rng)), source, Duration.ZERO, NOW);
            }
        }
        if (addrMan.size() < ADDRESSES) {
            throw new IllegalStateException("could fill only " + addrMan.size() + " addresses");
        }
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0");
        long[] next = {0};
        ConnectionManager manager = new ConnectionManager(options, loop, (address, type, v2) -> PeerId.of(next[0]++),
                addrMan, new BanMan(new InMemoryBanStore(), loop.clock(), options.banTime()), new SplittableRandom(3),
                () -> 0, null);
        manager.start();                                 // timers only run when the manual loop advances: never here
        for (int n = 0; n < 125; n++) {
            ConnectionType type = n < 8 ? ConnectionType.OUTBOUND_FULL_RELAY : n < 10 ? ConnectionType.BLOCK_RELAY
                    : n == 10 ? ConnectionType.MANUAL : ConnectionType.INBOUND;
            NoSocket c = new NoSocket(PeerId.of(next[0]++), type, socket(20 + n, n));
            manager.onConnected(c);
            manager.onMessage(c.id(), new Version(ProtocolVersion.PROTOCOL_VERSION, FULL, NOW.getEpochSecond() + n % 7,
                    Version.Endpoint.NONE, Version.Endpoint.NONE, 0x1000 + n, "/Satoshi:2" + (n % 10) + ".0.0/",
                    870_000, true), 126);
            manager.onMessage(c.id(), new Verack(), 24);
            if (type == ConnectionType.MANUAL) {
                manual = manager.peer(c.id()).orElseThrow();
            }
        }
        loop.runPending();
        health = manager.health();
        HealthReport report = health.evaluate();
        if (report.figures().versionPeers() != 125 || report.figures().addrmanNew() == 0
                || !report.warnings().isEmpty()) {
            throw new IllegalStateException("unexpected table: " + report);
        }
        inv = new Inv(List.of(new Inventory(InventoryType.MSG_BLOCK, Hash256.ZERO)));
        for (int i = 0; i < 2_000; i++) {                // spend the manual peer's inv budget (the clock stands still)
            health.admit(manual, inv);
        }
    }

    /** The once-a-minute evaluation. */
    @Benchmark
    public HealthReport evaluate() {
        return health.evaluate();
    }

    /** A metrics scrape's measurement. */
    @Benchmark
    public HealthReport current() {
        return health.current();
    }

    /** One inv from a peer already over its budget: counted and dropped. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean admitOverBudget() {
        return health.admit(manual, inv);
    }
}
