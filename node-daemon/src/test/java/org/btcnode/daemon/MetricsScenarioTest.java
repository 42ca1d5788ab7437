package org.btcnode.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
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
import org.btcnode.net.transport.TransportOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.daemon.ScenarioSupport.freeLoopbackPort;
import static org.btcnode.daemon.ScenarioSupport.waitFor;

/**
 * The metrics endpoint of a running node, wired as btcnoded wires it ({@link Btcnoded#wire}):
 * regtest, {@code -metricsbind=127.0.0.1:<free port>}, {@code -connect} to a node-net peer on
 * loopback. Each figure is scraped over real HTTP, parsed as the text format and compared with
 * what the RPCs say (getpeerinfo, getnettotals, getblockchaininfo, listbanned) or node logic
 * holds; at stop the port is closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScenarioTest {
    private static final String REGTEST_ADDRESS = "bcrt1qq6hag67dl53wl99vzg42z8eyzfz2xlkvwk6f7m";

    @TempDir
    static Path home;

    private P2PNetwork peer;
    private Btcnoded.Services node;
    private RpcTestClient rpc;
    private InetSocketAddress metrics;

    @BeforeAll
    void startNodeWithAPeer() throws Exception {
        peer = peerKnowing(20);
        Path datadir = home.resolve("node");
        Files.createDirectories(datadir.resolve("regtest"));
        int port = freeLoopbackPort();
        NodeOptions options = OptionsParser.parse(List.of("-regtest", "-datadir=" + datadir, "-printtoconsole=0",
                "-nodebuglogfile", "-listen=0", "-connect=127.0.0.1:" + peer.boundAddresses().get(0).getPort(),
                "-metricsbind=127.0.0.1:" + port), home);
        node = Btcnoded.wire(options, Instant.now(), () -> { }, Duration.ZERO,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        node.node().start();
        metrics = node.metrics().boundAddress().orElseThrow();
        assertThat(metrics.getPort()).isEqualTo(port);
        String[] cookie = Files.readString(options.chainDataDir().resolve(".cookie")).split(":", 2);
        rpc = new RpcTestClient(node.rpc().boundAddresses().get(0), cookie[0], cookie[1]);
        waitFor(() -> rpc.result("getpeerinfo", "[]").size() == 1
                && rpc.result("getpeerinfo", "[]").get(0).get("version").asInt() != 0);
    }

    @AfterAll
    void stopAll() {
        if (node != null) {
            node.node().stop();
            assertThatPortIsClosed();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private void assertThatPortIsClosed() {
        assertThat(node.metrics().boundAddress()).isEmpty();
        try (java.net.Socket s = new java.net.Socket(metrics.getAddress(), metrics.getPort())) {
            throw new AssertionError("the metrics port is still open after stop: " + s);
        } catch (java.net.ConnectException expected) {
            // closed at shutdown, as it should be
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A node-net peer on 127.0.0.1 whose address book holds {@code count} routable addresses for getaddr. */
    private static P2PNetwork peerKnowing(int count) throws Exception {
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        AddrMan book = AddrMan.load(new InMemoryAddressBookStore(), new Random(11), InstantSource.system());
        ServiceFlags full = ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS);
        List<Address> known = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            known.add(new Address(now, full, NetAddress.ipv4(44, i, 1, 2), 8333));
        }
        book.add(known, NetAddress.ipv4(9, 9, 9, 9), Duration.ZERO, now);
        return P2PNetwork.start(new P2PNetwork.Setup(NetworkParameters.REGTEST,
                ConnectionOptions.defaults("0.1.0").withConnect(List.of()), TransportOptions.defaults().withIoThreads(1),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), new InMemoryBanStore(), book, null,
                InstantSource.system(), new MemoryHeaderStore(), new MemoryBlockStore(), Bootstrap.Options.disabled()));
    }

    private PrometheusText scrape() throws Exception {
        return PrometheusText.scrape(metrics);
    }

    /** What one RPC round saw, between two scrapes that agree on every byte counter (no traffic in between). */
    private record Quiet(PrometheusText scrape, JsonNode peers, JsonNode totals) {}

    private Quiet quiet() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            PrometheusText before = scrape();
            JsonNode peers = rpc.result("getpeerinfo", "[]");
            JsonNode totals = rpc.result("getnettotals", "[]");
            PrometheusText after = scrape();
            if (bytes(before).equals(bytes(after))) {
                return new Quiet(after, peers, totals);
            }
        }
        throw new AssertionError("the byte counters never stood still across an RPC round");
    }

    private static Map<String, Map<String, Double>> bytes(PrometheusText t) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        out.put("sent", t.byLabel("btcnode_p2p_sent_bytes_total", "message_type"));
        out.put("received", t.byLabel("btcnode_p2p_received_bytes_total", "message_type"));
        return out;
    }

    private static Map<String, Double> asMap(JsonNode perMessage) {
        Map<String, Double> out = new HashMap<>();
        perMessage.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }

    @Test
    void peersAndBytesPerMessageTypeAreWhatGetpeerinfoAndGetnettotalsSay() throws Exception {
        Quiet q = quiet();
        PrometheusText t = q.scrape();
        JsonNode p = q.peers().get(0);
        assertThat(t.type("btcnode_peers")).contains("gauge");
        assertThat(t.type("btcnode_p2p_sent_bytes_total")).contains("counter");
        assertThat(t.sum("btcnode_peers")).isEqualTo(q.peers().size()).isEqualTo(1);
        assertThat(t.value("btcnode_peers", "direction", "outbound", "connection_type", p.get("connection_type").asText(),
                "transport", p.get("transport_protocol_type").asText())).isEqualTo(1.0);
        assertThat(t.value("btcnode_peers", "direction", "inbound", "connection_type", "inbound", "transport", "v1"))
                .as("every (type, transport) pair is served, zero included").isZero();
        // the only peer since start: its per-message counts are the node's totals
        assertThat(t.byLabel("btcnode_p2p_sent_bytes_total", "message_type"))
                .containsExactlyInAnyOrderEntriesOf(asMap(p.get("bytessent_per_msg")));
        assertThat(t.byLabel("btcnode_p2p_received_bytes_total", "message_type"))
                .containsExactlyInAnyOrderEntriesOf(asMap(p.get("bytesrecv_per_msg")));
        assertThat(t.sum("btcnode_p2p_sent_bytes_total")).isEqualTo(q.totals().get("totalbytessent").asDouble());
        assertThat(t.sum("btcnode_p2p_received_bytes_total")).isEqualTo(q.totals().get("totalbytesrecv").asDouble());
        assertThat(t.value("btcnode_network_active")).isEqualTo(1.0);
        assertThat(t.value("btcnode_build_info", "version", Btcnoded.version())).isEqualTo(1.0);
    }

    @Test
    void heightsAreWhatGetblockchaininfoSays() throws Exception {
        rpc.result("generatetoaddress", "[2, \"" + REGTEST_ADDRESS + "\"]");
        PrometheusText t = scrape();
        JsonNode info = rpc.result("getblockchaininfo", "[]");
        assertThat(info.get("blocks").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(t.value("btcnode_block_height")).isEqualTo(info.get("blocks").asDouble());
        assertThat(t.value("btcnode_header_height")).isEqualTo(info.get("headers").asDouble());
        assertThat(t.value("btcnode_verification_progress_ratio")).isEqualTo(info.get("verificationprogress").asDouble());
    }

    @Test
    void addressBookAndBansAreWhatNodeLogicAndListbannedHold() throws Exception {
        // the peer answers our getaddr with (a share of) its 20 addresses
        waitFor(() -> scrape().sum("btcnode_addrman_addresses") > 0);
        NetworkStatus held = NetworkStatus.query(node.network().network());
        PrometheusText t = scrape();
        assertThat(t.value("btcnode_addrman_addresses", "table", "new")).isEqualTo(held.addrmanNew());
        assertThat(t.value("btcnode_addrman_addresses", "table", "tried")).isEqualTo(held.addrmanTried());

        rpc.result("setban", "[\"192.0.2.7\", \"add\", 3600]");
        rpc.result("setban", "[\"198.51.100.0/24\", \"add\"]");
        assertThat(scrape().value("btcnode_banned_subnets")).isEqualTo(rpc.result("listbanned", "[]").size())
                .isEqualTo(2);
        rpc.result("clearbanned", "[]");
        assertThat(scrape().value("btcnode_banned_subnets")).isZero();
    }

    @Test
    void rpcCallsAreCountedByMethodAndErrorsByCode() throws Exception {
        PrometheusText before = scrape();
        for (int i = 0; i < 3; i++) {
            rpc.result("getblockcount", "[]");
        }
        rpc.call("nosuchmethod", "[]");
        rpc.call("getblockhash", "[\"0\"]");          // wrong type: -3
        rpc.call("getblockhash", "[100000]");         // out of range: -8
        PrometheusText after = scrape();
        assertThat(delta(before, after, "btcnode_rpc_requests_total", "method", "getblockcount")).isEqualTo(3);
        assertThat(delta(before, after, "btcnode_rpc_requests_total", "method", "unknown")).isEqualTo(1);
        assertThat(delta(before, after, "btcnode_rpc_requests_total", "method", "getblockhash")).isEqualTo(2);
        assertThat(delta(before, after, "btcnode_rpc_errors_total", "method", "unknown", "code", "-32601")).isEqualTo(1);
        assertThat(delta(before, after, "btcnode_rpc_errors_total", "method", "getblockhash", "code", "-3")).isEqualTo(1);
        assertThat(delta(before, after, "btcnode_rpc_errors_total", "method", "getblockhash", "code", "-8")).isEqualTo(1);
        assertThat(after.find("btcnode_rpc_errors_total", "method", "getblockcount", "code", "-1")).isEmpty();
        assertThat(after.samples("btcnode_rpc_requests_total")).noneMatch(s -> s.labels().get("method")
                .equals("nosuchmethod"));
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.find(name, labels).orElse(0.0);
    }
}
