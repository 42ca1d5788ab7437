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
import org.btcnode.net.health.HealthCondition;
import org.btcnode.net.health.HealthReport;
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
    static final String HEALTH_WARNING = "btcnode_health_warning";
    static final String OUTBOUND_GROUPS = "btcnode_health_outbound_network_groups";
    static final String OUTBOUND_SLOTS = "btcnode_health_outbound_slots";
    static final String OUTBOUND_LARGEST_GROUP = "btcnode_health_outbound_largest_group_peers";
    static final String OUTBOUND_LARGEST_SOURCE = "btcnode_health_outbound_largest_source_peers";
    static final String ADDRMAN_SOURCE_SHARE = "btcnode_health_addrman_source_share_ratio";
    static final String INBOUND_LARGEST_GROUP = "btcnode_health_inbound_largest_group_peers";
    static final String USER_AGENT_SHARE = "btcnode_health_user_agent_share_ratio";
    static final String TIP_AGE = "btcnode_health_tip_age_seconds";
    static final String CLOCK_OFFSET = "btcnode_health_clock_offset_seconds";
    static final String MESSAGE_RATE = "btcnode_health_messages_per_minute";
    static final String THROTTLED = "btcnode_health_throttled_messages";
    static final String ADDR_RATE_LIMITED = "btcnode_health_addr_rate_limited_addresses";
    static final String FLOOD_DISCONNECTS = "btcnode_health_flood_disconnects";

    private final Supplier<P2PNetwork> network;
    private final Supplier<ChainStatus> chain;
    private final String version;
    private final Instant startTime;

    /** What one node-logic query reads. */
    private record NetworkState(NetworkStatus status, int bannedSubnets, boolean active, HealthReport health) {}

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
                m.networkActive(), m.health().current()));
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
        health(state.health(), out);
        return new MetricSnapshots(out);
    }

    /**
     * The health monitor: a 0/1 gauge per condition, and the figures the conditions are judged
     * on, measured at this scrape (message rates: the last full minute).
     */
    private static void health(HealthReport report, List<MetricSnapshot> out) {
        List<GaugeDataPointSnapshot> warnings = new ArrayList<>();
        for (HealthCondition c : HealthCondition.values()) {
            warnings.add(point(report.active(c) ? 1 : 0, Labels.of("condition", c.label())));
        }
        out.add(gauge(HEALTH_WARNING, "1 while the health monitor's warning for this condition is active"
                + " (getnetworkinfo warnings), else 0", null, warnings.toArray(GaugeDataPointSnapshot[]::new)));
        HealthReport.Figures f = report.figures();
        out.add(gauge(OUTBOUND_GROUPS, "Distinct network groups among the automatic outbound peers", null,
                point(f.outboundGroups(), Labels.EMPTY)));
        out.add(gauge(OUTBOUND_SLOTS, "Automatic outbound slots (full-relay and block-relay-only)", null,
                point(f.outboundSlots(), Labels.EMPTY)));
        out.add(gauge(OUTBOUND_LARGEST_GROUP, "The most automatic outbound peers in one network group", null,
                point(f.largestOutboundGroup(), Labels.EMPTY)));
        out.add(gauge(OUTBOUND_LARGEST_SOURCE, "The most automatic outbound peers whose addresses came from one"
                + " source network group", null, point(f.largestOutboundSource(), Labels.EMPTY)));
        out.add(gauge(ADDRMAN_SOURCE_SHARE, "Share of the address book's new table told us by the largest (or the"
                + " three largest) source network groups, 0 to 1", Unit.RATIO,
                point(f.largestSourceShare(), Labels.of("sources", "largest")),
                point(f.topSourcesShare(), Labels.of("sources", "top3"))));
        out.add(gauge(INBOUND_LARGEST_GROUP, "The most inbound connections from one routable network group", null,
                point(f.largestInboundGroup(), Labels.EMPTY)));
        out.add(gauge(USER_AGENT_SHARE, "Share of the peers past the handshake announcing the commonest user agent",
                Unit.RATIO, point(f.largestUserAgentShare(), Labels.EMPTY)));
        out.add(gauge(TIP_AGE, "Time since the active tip last changed, as the monitor last saw it", Unit.SECONDS,
                point(f.sinceTipUpdate().toSeconds(), Labels.EMPTY)));
        out.add(gauge(CLOCK_OFFSET, "Peers' clocks minus ours: the median of the last outbound peers"
                + " (getnetworkinfo timeoffset), the lowest and highest among connected peers", Unit.SECONDS,
                point(f.clockMedian().toSeconds(), Labels.of("statistic", "median")),
                point(f.clockMin().toSeconds(), Labels.of("statistic", "min")),
                point(f.clockMax().toSeconds(), Labels.of("statistic", "max"))));
        List<GaugeDataPointSnapshot> rates = new ArrayList<>();
        f.messageRates().forEach((type, r) -> {
            rates.add(point(r.perMinute(), Labels.of("message_type", type, "series", "received")));
            rates.add(point(r.baselinePerMinute(), Labels.of("message_type", type, "series", "baseline")));
            rates.add(point(r.largestPeerPerMinute(), Labels.of("message_type", type, "series", "largest_peer")));
        });
        out.add(gauge(MESSAGE_RATE, "Messages received per minute in the last minute, by type (answers to our"
                + " requests excluded): from all peers, their moving baseline, and from the busiest peer", null,
                rates.toArray(GaugeDataPointSnapshot[]::new)));
        out.add(gauge(ADDR_RATE_LIMITED, "Addresses the connected peers sent over their addr token buckets"
                + " (the sum of getpeerinfo's addr_rate_limited)", null, point(f.addrRateLimited(), Labels.EMPTY)));
        out.add(CounterSnapshot.builder().name(THROTTLED).help("Messages dropped over a peer's per-message budget"
                + " since start").dataPoint(CounterDataPointSnapshot.builder().value(f.throttledMessages()).build())
                .build());
        out.add(CounterSnapshot.builder().name(FLOOD_DISCONNECTS).help("Peers disconnected for flooding since start")
                .dataPoint(CounterDataPointSnapshot.builder().value(f.floodDisconnects()).build()).build());
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
                BANNED_SUBNETS, HEADER_HEIGHT, BLOCK_HEIGHT, VERIFICATION_PROGRESS, HEALTH_WARNING, OUTBOUND_GROUPS,
                OUTBOUND_SLOTS, OUTBOUND_LARGEST_GROUP, OUTBOUND_LARGEST_SOURCE, ADDRMAN_SOURCE_SHARE, INBOUND_LARGEST_GROUP, USER_AGENT_SHARE,
                TIP_AGE, CLOCK_OFFSET, MESSAGE_RATE, ADDR_RATE_LIMITED, THROTTLED, FLOOD_DISCONNECTS);
    }
}
