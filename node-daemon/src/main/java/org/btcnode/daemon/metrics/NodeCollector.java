package org.btcnode.daemon.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.btcnode.daemon.ChainStatus;
import org.btcnode.daemon.NetworkStatus;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.peer.PeerLogic;

/**
 * The node's figures, computed when a scrape asks (never pushed from node logic): one
 * {@link P2PNetwork#query} for the peer table, the address book, the bans and whether the network
 * is active; {@link P2PNetwork#netTotals()} for the bytes per message type (getnettotals' and
 * getpeerinfo's counters); the status line's {@link ChainStatus} for the heights. Before the
 * network runs only the build and start-time figures are served. Called on the endpoint's
 * thread; keeps no state between scrapes.
 */
final class NodeCollector implements MultiCollector {
    /** An info metric: served as {@code btcnode_build_info}. */
    static final String BUILD_INFO = "btcnode_build";
    static final String START_TIME = "btcnode_start_time_seconds";
    static final String NETWORK_ACTIVE = "btcnode_network_active";
    static final String PEERS = "btcnode_peers";
    static final String RECEIVED_BYTES = "btcnode_p2p_received_bytes";
    static final String SENT_BYTES = "btcnode_p2p_sent_bytes";
    static final String ADDRMAN_ADDRESSES = "btcnode_addrman_addresses";
    static final String BANNED_SUBNETS = "btcnode_banned_subnets";
    static final String HEADER_HEIGHT = "btcnode_header_height";
    static final String BLOCK_HEIGHT = "btcnode_block_height";
    static final String VERIFICATION_PROGRESS = "btcnode_verification_progress_ratio";

    private final Supplier<P2PNetwork> network;
    private final Supplier<ChainStatus> chain;
    private final String version;
    private final Instant startTime;

    /** What one node-logic query reads. */
    private record NetworkState(NetworkStatus status, int bannedSubnets, boolean active) {}

    /**
     * @param network the running network, or null before it started and after it stopped
     * @param chain   the chain figures of the status line
     */
    NodeCollector(Supplier<P2PNetwork> network, Supplier<ChainStatus> chain, String version, Instant startTime) {
        this.network = Objects.requireNonNull(network, "network");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.version = Objects.requireNonNull(version, "version");
        this.startTime = Objects.requireNonNull(startTime, "startTime");
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(InfoSnapshot.builder().name(BUILD_INFO).help("Always 1; the version label says which btcnode runs")
                .dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("version", version)).build()).build());
        out.add(gauge(START_TIME, "When the node started, in seconds since the Unix epoch", Unit.SECONDS,
                point(startTime.toEpochMilli() / 1000.0, Labels.EMPTY)));
        P2PNetwork p2p = network.get();
        if (p2p == null) {
            return new MetricSnapshots(out);
        }
        NetworkState state = p2p.query(m -> new NetworkState(NetworkStatus.of(m), m.banMan().banned().size(),
                m.networkActive()));
        P2PNetwork.NetTotals totals = p2p.netTotals();
        ChainStatus heights = chain.get();

        out.add(gauge(NETWORK_ACTIVE, "1 while P2P networking is enabled (setnetworkactive), else 0", null,
                point(state.active() ? 1 : 0, Labels.EMPTY)));
        List<GaugeDataPointSnapshot> peers = new ArrayList<>();
        state.status().byLink().forEach((link, n) -> peers.add(point(n, Labels.of(
                "direction", link.type() == ConnectionType.INBOUND ? "inbound" : "outbound",
                "connection_type", PeerLogic.typeName(link.type()),
                "transport", link.transport().rpcName()))));
        out.add(gauge(PEERS, "Peers in the connection table (getpeerinfo), by direction, connection_type and"
                + " transport_protocol_type", null, peers.toArray(GaugeDataPointSnapshot[]::new)));
        out.add(counter(RECEIVED_BYTES, "Bytes received since start over all connections, by message type"
                + " (getpeerinfo's bytesrecv_per_msg keys; their sum is getnettotals' totalbytesrecv)",
                totals.bytesRecvPerMsgType()));
        out.add(counter(SENT_BYTES, "Bytes sent since start over all connections, by message type"
                + " (getpeerinfo's bytessent_per_msg keys; their sum is getnettotals' totalbytessent)",
                totals.bytesSentPerMsgType()));
        out.add(gauge(ADDRMAN_ADDRESSES, "Addresses in the address book, by table (new, tried)", null,
                point(state.status().addrmanNew(), Labels.of("table", "new")),
                point(state.status().addrmanTried(), Labels.of("table", "tried"))));
        out.add(gauge(BANNED_SUBNETS, "Active bans (listbanned entries)", null,
                point(state.bannedSubnets(), Labels.EMPTY)));
        out.add(gauge(HEADER_HEIGHT, "Height of the best known header (getblockchaininfo headers)", null,
                point(heights.headers(), Labels.EMPTY)));
        out.add(gauge(BLOCK_HEIGHT, "Height of the active chain's tip (getblockchaininfo blocks)", null,
                point(heights.blocks(), Labels.EMPTY)));
        out.add(gauge(VERIFICATION_PROGRESS, "getblockchaininfo verificationprogress, 0 to 1", Unit.RATIO,
                point(heights.verificationProgress(), Labels.EMPTY)));
        return new MetricSnapshots(out);
    }

    private static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    private static GaugeSnapshot gauge(String name, String help, Unit unit, GaugeDataPointSnapshot... points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            b.unit(unit);
        }
        for (GaugeDataPointSnapshot p : points) {
            b.dataPoint(p);
        }
        return b.build();
    }

    /** A byte counter with one series per message type that has bytes. */
    private static CounterSnapshot counter(String name, String help, Map<String, Long> perMessageType) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help).unit(Unit.BYTES);
        perMessageType.forEach((type, bytes) -> b.dataPoint(CounterDataPointSnapshot.builder().value(bytes)
                .labels(Labels.of("message_type", type)).build()));
        return b.build();
    }

    /** The names served, so that the registry refuses another collector that would serve them too. */
    @Override
    public List<String> getPrometheusNames() {
        return List.of(BUILD_INFO, START_TIME, NETWORK_ACTIVE, PEERS, RECEIVED_BYTES, SENT_BYTES, ADDRMAN_ADDRESSES,
                BANNED_SUBNETS, HEADER_HEIGHT, BLOCK_HEIGHT, VERIFICATION_PROGRESS);
    }
}
