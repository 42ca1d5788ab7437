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
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.OptionsParser;
import org.btcnode.daemon.metrics.PrometheusText;
import org.btcnode.daemon.rpc.RpcTestClient;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.health.HealthCondition;
import org.btcnode.net.health.TimeOffsets;
import org.btcnode.net.transport.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.daemon.ScenarioSupport.freeLoopbackPort;
import static org.btcnode.daemon.ScenarioSupport.waitFor;

/**
 * The health monitor's warnings as an operator sees them, on a node wired as btcnoded wires it
 * (regtest, -connect=0, RPC and metrics on 127.0.0.1): five outbound connections to a peer whose
 * clock runs an hour ahead raise Core's clock warning in getnetworkinfo's and getblockchaininfo's
 * {@code warnings} and in {@code btcnode_health_warning{condition="clock_offset"}}; six more to a
 * peer in sync outvote them and every warning clears. Real sockets, real clocks, real offsets.
 */
class HealthWarningsScenarioTest {
    @TempDir
    Path home;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private Btcnoded.Services node;
    private RpcTestClient rpc;
    private InetSocketAddress metrics;

    @AfterEach
    void stopAll() throws Exception {
        if (node != null) {
            node.node().stop();
        }
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    /** A node-net peer on 127.0.0.1 whose clock reads the real time plus {@code offset}. */
    private P2PNetwork peer(Duration offset) throws Exception {
        InstantSource clock = InstantSource.offset(InstantSource.system(), offset);
        P2PNetwork p = P2PNetwork.start(new P2PNetwork.Setup(NetworkParameters.REGTEST,
                ConnectionOptions.defaults("0.1.0").withConnect(List.of()), TransportOptions.defaults().withIoThreads(1),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), new InMemoryBanStore(),
                AddrMan.load(new InMemoryAddressBookStore(), new Random(3), clock), null, clock,
                new MemoryHeaderStore(), new MemoryBlockStore(), Bootstrap.Options.disabled()));
        resources.add(p);
        return p;
    }

    private void start() throws Exception {
        Path datadir = home.resolve("node");
        Files.createDirectories(datadir.resolve("regtest"));
        NodeOptions options = OptionsParser.parse(List.of("-regtest", "-datadir=" + datadir, "-printtoconsole=0",
                "-nodebuglogfile", "-listen=0", "-connect=0", "-metricsbind=127.0.0.1:" + freeLoopbackPort()), home);
        node = Btcnoded.wire(options, Instant.now(), () -> { }, Duration.ZERO,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        node.node().start();
        metrics = node.metrics().boundAddress().orElseThrow();
        String[] cookie = Files.readString(options.chainDataDir().resolve(".cookie")).split(":", 2);
        rpc = new RpcTestClient(node.rpc().boundAddresses().get(0), cookie[0], cookie[1]);
    }

    /** One outbound connection (addnode onetry) to the peer, held until its version arrived, then dropped. */
    private void connectOnce(P2PNetwork peer) throws Exception {
        int port = peer.boundAddresses().get(0).getPort();
        rpc.result("addnode", "[\"127.0.0.1:" + port + "\", \"onetry\"]");
        waitFor(() -> {
            JsonNode peers = rpc.result("getpeerinfo", "[]");
            return peers.size() == 1 && peers.get(0).get("version").asInt() != 0;
        });
        long id = rpc.result("getpeerinfo", "[]").get(0).get("id").asLong();
        rpc.result("disconnectnode", "[\"\", " + id + "]");
        waitFor(() -> rpc.result("getpeerinfo", "[]").isEmpty());
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("Core >= 28: warnings is an array of strings").isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private double warningGauge(HealthCondition condition) throws Exception {
        return PrometheusText.scrape(metrics).value("btcnode_health_warning", "condition", condition.label());
    }

    @Test
    void clockWarningAppearsInGetnetworkinfoGetblockchaininfoAndMetricsThenClears() throws Exception {
        P2PNetwork ahead = peer(Duration.ofHours(1));
        P2PNetwork inSync = peer(Duration.ZERO);
        start();
        assertThat(strings(rpc.result("getnetworkinfo", "[]").get("warnings"))).isEmpty();
        assertThat(warningGauge(HealthCondition.CLOCK_OFFSET)).isZero();

        for (int i = 1; i <= TimeOffsets.MIN_SAMPLES; i++) {
            assertThat(strings(rpc.result("getnetworkinfo", "[]").get("warnings"))).as("after %d samples", i - 1)
                    .isEmpty();
            connectOnce(ahead);
        }
        JsonNode network = rpc.result("getnetworkinfo", "[]");
        assertThat(strings(network.get("warnings"))).containsExactly(TimeOffsets.WARNING);
        assertThat(network.get("timeoffset").asLong()).isBetween(3_590L, 3_600L);
        assertThat(strings(rpc.result("getblockchaininfo", "[]").get("warnings"))).containsExactly(TimeOffsets.WARNING);
        PrometheusText scrape = PrometheusText.scrape(metrics);
        assertThat(scrape.type("btcnode_health_warning")).contains("gauge");
        for (HealthCondition c : HealthCondition.values()) {
            assertThat(scrape.value("btcnode_health_warning", "condition", c.label())).as(c.label())
                    .isEqualTo(c == HealthCondition.CLOCK_OFFSET ? 1.0 : 0.0);
        }
        // the inputs are measured at the scrape: the median of the five samples, as timeoffset
        assertThat(scrape.value("btcnode_health_clock_offset_seconds", "statistic", "median"))
                .isEqualTo(network.get("timeoffset").asDouble());
        assertThat(scrape.value("btcnode_health_outbound_slots")).as("-connect=0: no automatic outbound").isZero();

        for (int i = 1; i <= TimeOffsets.MIN_SAMPLES + 1; i++) {
            connectOnce(inSync);
        }
        network = rpc.result("getnetworkinfo", "[]");
        assertThat(strings(network.get("warnings"))).isEmpty();
        assertThat(network.get("timeoffset").asLong()).isBetween(-5L, 5L);
        assertThat(strings(rpc.result("getblockchaininfo", "[]").get("warnings"))).isEmpty();
        assertThat(warningGauge(HealthCondition.CLOCK_OFFSET)).isZero();
    }
}
