package org.btcnode.daemon.metrics;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.btcnode.daemon.ChainStatus;
import org.btcnode.daemon.config.ConfigException;
import org.btcnode.daemon.config.HostPort;
import org.btcnode.daemon.config.MetricsOptions;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.OptionsParser;
import org.btcnode.daemon.rpc.RpcCallObserver;
import org.btcnode.daemon.rpc.RpcErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The endpoint without a node (no network yet): off by default, real HTTP and the text format
 * when on, the RPC counters, a port in use, closed at stop. MetricsScenarioTest scrapes a running
 * node with a peer.
 */
class MetricsServiceTest {
    private static final Instant START = Instant.parse("2026-01-02T03:04:05.250Z");

    @TempDir
    Path home;

    private NodeOptions options(String... extra) throws Exception {
        Path datadir = home.resolve("data");
        Files.createDirectories(datadir);
        List<String> args = new ArrayList<>(List.of("-regtest", "-datadir=" + datadir));
        args.addAll(List.of(extra));
        return OptionsParser.parse(args, home);
    }

    private static MetricsService service(MetricsOptions options) {
        return new MetricsService(options, () -> null, () -> {
            throw new AssertionError("no chain figures without a network");
        }, "v9.8.7", START);
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return s.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    static void assertClosed(InetSocketAddress address) {
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void offByDefaultOpensNoPortAndCountsNothing() throws Exception {
        NodeOptions options = options();
        assertThat(options.metrics()).isEqualTo(MetricsOptions.OFF);
        int defaultPort = MetricsOptions.defaultPort(options.chain());
        boolean freeBefore = canBind(defaultPort);
        MetricsService metrics = service(options.metrics());
        metrics.start();
        try {
            assertThat(metrics.boundAddress()).isEmpty();
            assertThat(metrics.rpcCallObserver()).isSameAs(RpcCallObserver.NONE);
            assumeThat(freeBefore).as("regtest's default metrics port is free on this machine").isTrue();
            assertThat(canBind(defaultPort)).as("nobody listens on " + defaultPort).isTrue();
        } finally {
            metrics.stop();
        }
    }

    @Test
    void servesTheTextFormatWithBuildInfoStartTimeAndRpcCountersBeforeTheNetworkRuns() throws Exception {
        int port = freeLoopbackPort();
        MetricsService metrics = service(options("-metricsbind=127.0.0.1:" + port).metrics());
        metrics.start();
        InetSocketAddress bound = metrics.boundAddress().orElseThrow();
        try {
            assertThat(bound).isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            assertThat(System.getProperty(MetricsService.NODELAY_PROPERTY)).as("TCP_NODELAY on scrape sockets")
                    .isEqualTo("true");
            RpcCallObserver calls = metrics.rpcCallObserver();
            calls.called("getblockcount", Optional.empty());
            calls.called("getblockcount", Optional.empty());
            calls.called("getblockhash", Optional.of(RpcErrorCode.RPC_INVALID_PARAMETER));
            calls.called(RpcCallObserver.UNKNOWN_METHOD, Optional.of(RpcErrorCode.RPC_METHOD_NOT_FOUND));

            PrometheusText text = PrometheusText.scrape(bound);
            assertThat(text.contentType()).startsWith("text/plain; version=0.0.4");
            assertThat(text.value("btcnode_build_info", "version", "v9.8.7")).isEqualTo(1.0);
            assertThat(text.value("btcnode_start_time_seconds")).isEqualTo(1767323045.25);
            assertThat(text.type("btcnode_rpc_requests_total")).contains("counter");
            assertThat(text.type("btcnode_start_time_seconds")).contains("gauge");
            assertThat(text.byLabel("btcnode_rpc_requests_total", "method"))
                    .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("getblockcount", 2.0, "getblockhash", 1.0,
                            "unknown", 1.0));
            assertThat(text.value("btcnode_rpc_errors_total", "method", "getblockhash", "code", "-8")).isEqualTo(1.0);
            assertThat(text.value("btcnode_rpc_errors_total", "method", "unknown", "code", "-32601")).isEqualTo(1.0);
            assertThat(text.samples("btcnode_rpc_errors_total")).hasSize(2);
            assertThat(text.samples("btcnode_peers")).as("no network: no network figures").isEmpty();
            assertThat(text.samples("btcnode_block_height")).isEmpty();
        } finally {
            metrics.stop();
        }
        assertThat(metrics.boundAddress()).isEmpty();
        assertClosed(bound);
    }

    @Test
    void aPortInUseStopsStartUpWithOneSentenceNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            MetricsService metrics = service(new MetricsOptions(Optional.of(
                    new HostPort("127.0.0.1", OptionalInt.of(taken.getLocalPort())))));
            assertThatThrownBy(metrics::start).isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.kind()).isEqualTo(ConfigException.Kind.BAD_VALUE);
                assertThat(e.getMessage()).startsWith("Unable to serve metrics on 127.0.0.1:" + taken.getLocalPort()
                        + " (").endsWith("); is another node using that port? Set -metricsbind=127.0.0.1:<port> to"
                        + " another port, or -nometricsbind.");
            });
            assertThat(metrics.boundAddress()).isEmpty();
            metrics.stop();
        }
    }

    @Test
    void localhostListensOnTheLoopbackAddress() throws Exception {
        int port = freeLoopbackPort();
        MetricsService metrics = service(options("-metricsbind=localhost:" + port).metrics());
        metrics.start();
        try {
            InetSocketAddress bound = metrics.boundAddress().orElseThrow();
            assertThat(bound.getAddress().isLoopbackAddress()).isTrue();
            assertThat(PrometheusText.scrape(bound).value("btcnode_build_info", "version", "v9.8.7")).isEqualTo(1.0);
        } finally {
            metrics.stop();
        }
    }
}
