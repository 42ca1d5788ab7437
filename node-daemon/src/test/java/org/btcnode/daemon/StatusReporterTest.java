package org.btcnode.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.btcnode.core.log.LogCategory;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.OptionsParser;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.logic.ManualNodeLoop;
import org.btcnode.net.peer.TransportProtocol;
import org.btcnode.net.transport.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status line: its text from given figures, its schedule on a manual clock (no sleeps), and the
 * production wiring against a real network with one peer on loopback.
 */
class StatusReporterTest {
    @TempDir
    Path home;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Logger btc;

    @BeforeEach
    void captureTheBtcLogger() {
        btc = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(LogCategory.LIFECYCLE_LOGGER_NAME);
        btc.setLevel(Level.INFO);
        lines.start();
        btc.addAppender(lines);
    }

    @AfterEach
    void release() {
        btc.detachAppender(lines);
    }

    private List<String> logged() {
        // the btc.* categories reach this appender too (additivity): only the default category's lines
        return lines.list.stream().filter(e -> e.getLoggerName().equals(LogCategory.LIFECYCLE_LOGGER_NAME)).map(e -> (e.getLevel() == Level.INFO ? "" : e.getLevel() + " ")
                + e.getFormattedMessage()).toList();
    }

    private static NetworkStatus.Link link(ConnectionType type, TransportProtocol transport) {
        return new NetworkStatus.Link(type, transport);
    }

    @Test
    void theLineCountsPeersByTypeAndTransportAndCarriesTheChainFigures() {
        List<NetworkStatus.Link> peers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            peers.add(link(ConnectionType.OUTBOUND_FULL_RELAY, i < 3 ? TransportProtocol.V2 : TransportProtocol.V1));
        }
        peers.add(link(ConnectionType.BLOCK_RELAY, TransportProtocol.V1));
        peers.add(link(ConnectionType.BLOCK_RELAY, TransportProtocol.V2));
        peers.add(link(ConnectionType.FEELER, TransportProtocol.V1));
        peers.add(link(ConnectionType.INBOUND, TransportProtocol.V1));
        peers.add(link(ConnectionType.INBOUND, TransportProtocol.DETECTING));
        NetworkStatus network = NetworkStatus.of(peers, 12345, 678);

        assertThat(StatusReporter.line(Optional.of(network), new ChainStatus(840_123, 839_990, 0.9987654321)))
                .isEqualTo("Network status: 13 peers (8 outbound-full-relay, 2 block-relay-only, 0 manual, 1 feeler,"
                        + " 0 addr-fetch, 2 inbound; v1 8, v2 4, detecting 1), addrman 12345 new / 678 tried,"
                        + " headers 840123, blocks 839990, progress 0.998765");
        assertThat(StatusReporter.line(Optional.of(NetworkStatus.of(List.of(
                link(ConnectionType.MANUAL, TransportProtocol.V1)), 0, 0)), ChainStatus.GENESIS))
                .isEqualTo("Network status: 1 peer (0 outbound-full-relay, 0 block-relay-only, 1 manual, 0 feeler,"
                        + " 0 addr-fetch, 0 inbound; v1 1, v2 0), addrman 0 new / 0 tried, headers 0, blocks 0,"
                        + " progress 0.000000");
        assertThat(StatusReporter.line(Optional.empty(), ChainStatus.GENESIS))
                .isEqualTo("Network status: network not running, headers 0, blocks 0, progress 0.000000");
        // a connection type added to node-net must show up in the line, not vanish from the counts
        assertThat(NetworkStatus.TYPE_ORDER).containsExactlyInAnyOrder(ConnectionType.values());
    }

    @Test
    void firstLineAfterOneMinuteThenEveryFiveUntilStopped() {
        ManualNodeLoop clock = new ManualNodeLoop(Instant.parse("2026-11-25T10:00:00Z"));
        AtomicReference<ChainStatus> chain = new AtomicReference<>(ChainStatus.GENESIS);
        StatusReporter reporter = new StatusReporter(() -> Optional.of(NetworkStatus.of(List.of(), 3, 1)),
                chain::get, clock::schedule);
        reporter.start();

        clock.advance(Duration.ofSeconds(59));
        assertThat(logged()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(logged()).hasSize(1);
        assertThat(logged().get(0)).startsWith("Network status: 0 peers (").endsWith("headers 0, blocks 0, progress 0.000000");

        chain.set(new ChainStatus(120, 100, 0.5));                 // what the chain service will plug in
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(logged()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(logged()).hasSize(2);
        assertThat(logged().get(1)).endsWith("addrman 3 new / 1 tried, headers 120, blocks 100, progress 0.500000");
        clock.advance(Duration.ofMinutes(10));
        assertThat(logged()).hasSize(4);

        reporter.stop();
        clock.advance(Duration.ofHours(1));
        assertThat(logged()).hasSize(4);
        assertThat(clock.liveTimers()).isZero();
    }

    @Test
    void aFailedQueryIsAWarningAndTheNextReportStillComes() {
        ManualNodeLoop clock = new ManualNodeLoop(Instant.parse("2026-11-25T10:00:00Z"));
        List<RuntimeException> failures = new ArrayList<>(List.of(
                new IllegalStateException("node logic did not answer within PT30S")));
        StatusReporter reporter = new StatusReporter(() -> {
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return Optional.of(NetworkStatus.of(List.of(), 0, 0));
        }, () -> ChainStatus.GENESIS, clock::schedule);
        reporter.start();
        clock.advance(StatusReporter.FIRST_REPORT_DELAY);
        clock.advance(StatusReporter.REPORT_INTERVAL);
        reporter.stop();
        assertThat(logged()).hasSize(2);
        assertThat(logged().get(0)).isEqualTo("WARN Network status unavailable: node logic did not answer within PT30S");
        assertThat(logged().get(1)).startsWith("Network status: 0 peers");
    }

    @Test
    void theDaemonsReporterCountsARealPeerOnLoopback() throws Exception {
        AddrMan peerBook = AddrMan.load(new InMemoryAddressBookStore(), new Random(7), InstantSource.system());
        try (P2PNetwork peer = P2PNetwork.start(new P2PNetwork.Setup(NetworkParameters.REGTEST,
                ConnectionOptions.defaults("0.1.0").withConnect(List.of()).withV2Transport(true),
                TransportOptions.defaults().withIoThreads(1),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), new InMemoryBanStore(), peerBook,
                null, InstantSource.system(), new MemoryHeaderStore(), new MemoryBlockStore(), Bootstrap.Options.disabled()))) {
            Path datadir = Files.createDirectories(home.resolve("data/regtest")).getParent();
            NodeOptions options = OptionsParser.parse(List.of("-regtest", "-datadir=" + datadir, "-printtoconsole=0",
                    "-listen=0", "-connect=127.0.0.1:" + peer.boundAddresses().get(0).getPort()), home);
            DatabaseService database = new DatabaseService(options.chainDataDir(), NetworkParameters.REGTEST.magic());
            NetworkService net = new NetworkService(options, "0.1.0", database);
            StatusReporter reporter = new StatusReporter(net, () -> ChainStatus.GENESIS);
            Node node = new Node(List.of(database, net, reporter));
            node.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!(NetworkStatus.query(peer).byType().get(ConnectionType.INBOUND) == 1
                        && NetworkStatus.query(peer).byTransport().get(TransportProtocol.V2) == 1
                        && NetworkStatus.query(net.network()).byTransport().get(TransportProtocol.V2) == 1)) {
                    assertThat(System.nanoTime()).as("both ends see the v2 connection").isLessThan(deadline);
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
                reporter.report();                                   // what the timer runs
            } finally {
                node.stop();
            }
            String transport = "v1 0, v2 1";                         // -v2transport=1 on both ends
            assertThat(logged()).containsExactly("Network status: 1 peer (0 outbound-full-relay, 0 block-relay-only,"
                    + " 1 manual, 0 feeler, 0 addr-fetch, 0 inbound; " + transport + "), addrman 0 new / 0 tried,"
                    + " headers 0, blocks 0, progress 0.000000");
        }
    }
}
