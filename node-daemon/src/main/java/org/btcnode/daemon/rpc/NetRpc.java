package org.btcnode.daemon.rpc;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.BanEntry;
import org.btcnode.core.store.Subnet;
import org.btcnode.core.types.Amount;
import org.btcnode.daemon.config.HostPort;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.connman.ConnectionManager;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.NetGroup;
import org.btcnode.net.connman.Network;
import org.btcnode.net.connman.UploadTarget;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.PeerInfo;
import org.btcnode.net.transport.NettyTransport;

import static org.btcnode.daemon.rpc.RpcArg.Type.BOOL;
import static org.btcnode.daemon.rpc.RpcArg.Type.NUM;
import static org.btcnode.daemon.rpc.RpcArg.Type.STR;

/**
 * The network RPCs (Core's rpc/net.cpp) over the running {@link P2PNetwork}: every question is
 * asked on the node-logic thread with {@link P2PNetwork#query} and the answer turned into Core's
 * JSON there or on the worker. Stateless apart from what it is given.
 *
 * <p>Differs from Core: addresses given to addnode/getaddednodeinfo must be numeric (or
 * {@code localhost}) because btcnode does no DNS lookups for peers; added nodes are listed as
 * {@code ip:port}; localaddresses is empty (no -discover/-externalip yet).
 */
final class NetRpc {
    private static final String CATEGORY = "network";

    /** What getnetworkinfo reports about ourselves (fixed at start-up). */
    record LocalInfo(int clientVersion, Supplier<ConnectionOptions> connection, int defaultPort) {}

    private final Supplier<P2PNetwork> network;
    private final LocalInfo local;
    private final InstantSource clock;

    NetRpc(Supplier<P2PNetwork> network, LocalInfo local, InstantSource clock) {
        this.network = network;
        this.local = local;
        this.clock = clock;
    }

    void registerAll(RpcTable table) {
        table.register(new RpcMethod("getconnectioncount", CATEGORY,
                "Returns n (int) the number of connections to other nodes.", List.of(),
                p -> Json.number(ask(m -> m.peers().size()))));
        table.register(new RpcMethod("ping", CATEGORY,
                "Requests that a ping be sent to all other nodes, to measure ping time.\n"
                        + "Results are provided in getpeerinfo.", List.of(), p -> {
                    ask(m -> {
                        m.sendPings();
                        return null;
                    });
                    return Json.nullNode();
                }));
        table.register(new RpcMethod("getpeerinfo", CATEGORY,
                "Returns data about each connected network peer as a json array of objects.", List.of(),
                p -> peerInfo()));
        table.register(new RpcMethod("getnettotals", CATEGORY,
                "Returns information about network traffic, including bytes in, bytes out,\nand current system time.",
                List.of(), p -> netTotals()));
        table.register(new RpcMethod("getnetworkinfo", CATEGORY,
                "Returns an object containing various state info regarding P2P networking.", List.of(),
                p -> networkInfo()));
        table.register(new RpcMethod("getnodeaddresses", CATEGORY,
                "Return known addresses, after filtering for quality and recency.\n"
                        + "These can potentially be used to find new peers in the network.",
                List.of(RpcArg.optional("count", NUM, "The maximum number of addresses to return. Specify 0 to return all known addresses."),
                        RpcArg.optional("network", STR, "Return only addresses of the specified network (ipv4, ipv6, onion, i2p, cjdns).")),
                this::nodeAddresses));
        table.register(new RpcMethod("addnode", CATEGORY,
                "Attempts to add or remove a node from the addnode list.\nOr try a connection to a node once.",
                List.of(RpcArg.required("node", STR, "The IP address optionally followed by :port of the peer"),
                        RpcArg.required("command", STR, "'add' to add a node to the list, 'remove' to remove a node from the list, 'onetry' to try a connection to the node once"),
                        RpcArg.optional("v2transport", BOOL, "Attempt to connect using BIP324 v2 transport protocol (ignored for 'remove' command)")),
                this::addNode));
        table.register(new RpcMethod("getaddednodeinfo", CATEGORY,
                "Returns information about the given added node, or all added nodes\n(note that onetry addnodes are not listed here)",
                List.of(RpcArg.optional("node", STR, "If provided, return information about this specific node, otherwise all nodes are returned.")),
                this::addedNodeInfo));
        table.register(new RpcMethod("disconnectnode", CATEGORY,
                "Immediately disconnects from the specified peer node.\n\n"
                        + "Strictly one out of 'address' and 'nodeid' can be provided to identify the node.",
                List.of(RpcArg.optional("address", STR, "The IP address/port of the node"),
                        RpcArg.optional("nodeid", NUM, "The node ID (see getpeerinfo for node IDs)")),
                this::disconnectNode));
        table.register(new RpcMethod("setban", CATEGORY,
                "Attempts to add or remove an IP/Subnet from the banned list.",
                List.of(RpcArg.required("subnet", STR, "The IP/Subnet with an optional netmask (default is /32 = single IP)"),
                        RpcArg.required("command", STR, "'add' to add an IP/Subnet to the list, 'remove' to remove an IP/Subnet from the list"),
                        RpcArg.optional("bantime", NUM, "time in seconds how long (or until when if [absolute] is set) the IP is banned (0 or empty means -bantime, default 24h)"),
                        RpcArg.optional("absolute", BOOL, "If set, the bantime must be an absolute timestamp expressed in UNIX epoch time")),
                this::setBan));
        table.register(new RpcMethod("listbanned", CATEGORY, "List all manually banned IPs/Subnets.", List.of(),
                p -> listBanned()));
        table.register(new RpcMethod("clearbanned", CATEGORY, "Clear all banned IPs.", List.of(), p -> tell(m -> {
            m.banMan().clearBanned();
            m.banMan().clearDiscouraged();
        })));
        table.register(new RpcMethod("setnetworkactive", CATEGORY, "Disable/enable all p2p network activity.",
                List.of(RpcArg.required("state", BOOL, "true to enable networking, false to disable")),
                p -> {
                    boolean state = p.bool(0);
                    return Json.bool(ask(m -> {
                        m.setNetworkActive(state);
                        return m.networkActive();
                    }));
                }));
    }

    /** The network's answer; without a network (not started yet) Core's RPC_CLIENT_P2P_DISABLED. */
    private <T> T ask(Function<ConnectionManager, T> question) {
        return running().query(question);
    }

    /** Runs an action on the node-logic thread and waits for it; the RPC's result is null. */
    private JsonNode tell(Consumer<ConnectionManager> action) {
        ask(m -> {
            action.accept(m);
            return null;
        });
        return Json.nullNode();
    }

    private P2PNetwork running() {
        P2PNetwork net = network.get();
        if (net == null) {
            throw new RpcException(RpcErrorCode.RPC_CLIENT_P2P_DISABLED,
                    "Error: Peer-to-peer functionality missing or disabled");
        }
        return net;
    }

    /** getpeerinfo's snapshot plus what PeerInfo does not carry yet (the peer's feefilter, sat/kvB). */
    private record PeerSnapshot(List<PeerInfo> infos, Map<PeerId, Long> feeFilters) {}

    private JsonNode peerInfo() {
        PeerSnapshot snapshot = ask(m -> {
            Map<PeerId, Long> fees = new TreeMap<>();
            m.peers().forEach(peer -> fees.put(peer.id(), peer.feeFilterReceived()));
            return new PeerSnapshot(m.peerInfos(), fees);
        });
        ArrayNode out = Json.array();
        for (PeerInfo p : snapshot.infos()) {
            out.add(peerJson(p, snapshot.feeFilters().getOrDefault(p.id(), 0L)));
        }
        return out;
    }

    /** rpc/net.cpp getpeerinfo: every field Core prints, from the peer manager's snapshot. */
    static ObjectNode peerJson(PeerInfo p, long feeFilterReceived) {
        ObjectNode o = Json.object();
        o.put("id", p.id().value());
        o.put("addr", NettyTransport.hostPort(p.addr()));
        if (p.addrBind() != null) {
            o.put("addrbind", NettyTransport.hostPort(p.addrBind()));
        }
        o.put("network", networkName(p.addr()));
        o.put("services", HexFormat.of().toHexDigits(p.services().bits()));
        o.set("servicesnames", Json.array(p.services().names()));
        o.put("relaytxes", p.relayTxes());
        o.put("last_inv_sequence", 0);            // no mempool yet: nothing announced
        o.put("inv_to_send", 0);
        o.put("lastsend", p.lastSend().getEpochSecond());
        o.put("lastrecv", p.lastRecv().getEpochSecond());
        o.put("last_transaction", 0);
        o.put("last_block", 0);
        o.put("bytessent", p.bytesSent());
        o.put("bytesrecv", p.bytesRecv());
        o.put("conntime", p.connTime().getEpochSecond());
        o.put("timeoffset", p.timeOffset().toSeconds());
        p.pingTime().filter(d -> !d.isZero()).ifPresent(d -> o.set("pingtime", Json.real(seconds(d))));
        p.minPing().ifPresent(d -> o.set("minping", Json.real(seconds(d))));
        p.pingWait().filter(d -> !d.isZero() && !d.isNegative()).ifPresent(d -> o.set("pingwait", Json.real(seconds(d))));
        o.put("version", p.version());
        o.put("subver", p.subVer());
        o.put("inbound", p.inbound());
        o.put("bip152_hb_to", false);             // no compact blocks yet
        o.put("bip152_hb_from", false);
        o.put("presynced_headers", p.sync().presyncedHeaders());
        o.put("synced_headers", p.sync().syncedHeaders());
        o.put("synced_blocks", p.sync().syncedBlocks());
        ArrayNode inflight = Json.array();
        p.sync().inflight().forEach(inflight::add);
        o.set("inflight", inflight);
        o.put("addr_relay_enabled", p.addrRelayEnabled());
        o.put("addr_processed", p.addrProcessed());
        o.put("addr_rate_limited", p.addrRateLimited());
        o.set("permissions", Json.array(p.permissions()));
        o.set("minfeefilter", Json.amount(Amount.ofSats(feeFilterReceived)));
        o.set("bytessent_per_msg", perMessage(p.bytesSentPerMsg()));
        o.set("bytesrecv_per_msg", perMessage(p.bytesRecvPerMsg()));
        o.put("connection_type", p.connectionType());
        o.put("transport_protocol_type", p.transport().rpcName());
        o.put("session_id", p.sessionId());
        return o;
    }

    /** Core lists only message types with bytes, sorted by name (std::map). */
    private static ObjectNode perMessage(Map<String, Long> bytes) {
        ObjectNode o = Json.object();
        new TreeMap<>(bytes).forEach((k, v) -> {
            if (v > 0) {
                o.put(k, v);
            }
        });
        return o;
    }

    /** Ticks<SecondsDouble>: seconds with the fraction. */
    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** netbase.cpp GetNetworkName of CNetAddr::GetNetClass: loopback and private ranges are not_publicly_routable. */
    static String networkName(InetSocketAddress address) {
        Optional<NetAddress> a = address == null || address.getAddress() == null ? Optional.empty()
                : Subnet.fromInetAddress(address.getAddress());
        if (a.isEmpty() || !NetGroup.isRoutable(a.get())) {
            return "not_publicly_routable";
        }
        return NetGroup.network(a.get()).name().toLowerCase(Locale.ROOT);
    }

    private JsonNode netTotals() {
        P2PNetwork.NetTotals totals = running().netTotals();
        ObjectNode o = Json.object();
        o.put("totalbytesrecv", totals.totalBytesRecv());
        o.put("totalbytessent", totals.totalBytesSent());
        o.put("timemillis", clock.instant().toEpochMilli());
        UploadTarget.Status status = ask(ConnectionManager::uploadTargetStatus);
        ObjectNode target = Json.object();
        target.put("timeframe", status.timeframe());
        target.put("target", status.target());
        target.put("target_reached", status.targetReached());
        target.put("serve_historical_blocks", status.serveHistoricalBlocks());
        target.put("bytes_left_in_cycle", status.bytesLeftInCycle());
        target.put("time_left_in_cycle", status.timeLeftInCycle());
        o.set("uploadtarget", target);
        return o;
    }

    /** What getnetworkinfo needs from the node-logic thread, read in one query. */
    private record NetState(boolean active, int in, int out, long medianOffsetSeconds, List<String> warnings) {}

    private JsonNode networkInfo() {
        NetState state = ask(m -> {
            int in = 0;
            for (Peer p : m.peers()) {
                in += p.inbound() ? 1 : 0;
            }
            // Core >= 28: timeoffset is the median of the last outbound peers' offsets (TimeOffsets),
            // warnings are the node's active warnings (here the network health monitor's)
            return new NetState(m.networkActive(), in, m.peers().size() - in,
                    m.health().clockOffsetMedian().toSeconds(), m.health().report().networkWarnings());
        });
        ConnectionOptions c = local.connection().get();
        ObjectNode o = Json.object();
        o.put("version", local.clientVersion());
        o.put("subversion", c.userAgent());
        o.put("protocolversion", ProtocolVersion.PROTOCOL_VERSION.value());
        o.put("localservices", HexFormat.of().toHexDigits(c.localServices().bits()));
        o.set("localservicesnames", Json.array(c.localServices().names()));
        o.put("localrelay", !c.blocksOnly());
        o.put("timeoffset", state.medianOffsetSeconds());
        o.put("networkactive", state.active());
        o.put("connections", state.in() + state.out());
        o.put("connections_in", state.in());
        o.put("connections_out", state.out());
        ArrayNode networks = Json.array();
        for (Network n : Network.values()) {
            // only IPv4 and IPv6 are reachable: no proxy, Tor, I2P or CJDNS yet
            boolean reachable = n == Network.IPV4 || n == Network.IPV6;
            ObjectNode net = Json.object();
            net.put("name", n.name().toLowerCase(Locale.ROOT));
            net.put("limited", !reachable);
            net.put("reachable", reachable);
            net.put("proxy", "");
            net.put("proxy_randomize_credentials", false);
            networks.add(net);
        }
        o.set("networks", networks);
        o.set("relayfee", Json.amount(BlockchainRpc.DEFAULT_MIN_RELAY_TX_FEE));
        o.set("incrementalfee", Json.amount(BlockchainRpc.DEFAULT_INCREMENTAL_RELAY_FEE));
        o.set("localaddresses", Json.array());
        o.set("warnings", Json.array(state.warnings()));
        return o;
    }

    private JsonNode nodeAddresses(RpcParams p) {
        int count = p.isNull(0) ? 1 : p.int32(0);
        if (count < 0) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Address count out of range");
        }
        Optional<Network> only = Optional.empty();
        if (!p.isNull(1)) {
            String name = p.string(1);
            only = Optional.of(parseNetwork(name).orElseThrow(() -> new RpcException(
                    RpcErrorCode.RPC_INVALID_PARAMETER, "Network not recognized: " + name)));
        }
        Optional<Network> filter = only;
        Instant now = clock.instant();
        List<Address> addresses = ask(m -> m.addrMan().getAddr(count, 0, filter, true, now));
        ArrayNode out = Json.array();
        for (Address a : addresses) {
            ObjectNode o = Json.object();
            o.put("time", a.time().getEpochSecond());
            o.put("services", a.services().bits());
            o.put("address", a.address().toString());
            o.put("port", a.port());
            o.put("network", NetGroup.network(a.address()).name().toLowerCase(Locale.ROOT));
            out.add(o);
        }
        return out;
    }

    private static Optional<Network> parseNetwork(String name) {
        for (Network n : Network.values()) {
            if (n.name().equalsIgnoreCase(name)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private JsonNode addNode(RpcParams p) {
        String command = p.string(1);
        if (!command.equals("onetry") && !command.equals("add") && !command.equals("remove")) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "addnode: unknown command '" + command
                    + "'; use add, remove or onetry");
        }
        boolean localV2 = local.connection().get().localServices().has(ServiceFlags.NODE_P2P_V2);
        // rpc/net.cpp addnode: v2transport defaults to whether we support v2
        boolean v2 = p.bool(2, localV2);
        if (v2 && !localV2) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                    "Error: v2transport requested but not enabled (see -v2transport)");
        }
        InetSocketAddress node = parseNode(p.string(0));
        switch (command) {
            case "onetry" -> ask(m -> m.openOneTry(node, v2));
            case "add" -> {
                if (!ask(m -> m.addNode(node, v2))) {
                    throw new RpcException(RpcErrorCode.RPC_CLIENT_NODE_ALREADY_ADDED, "Error: Node already added");
                }
            }
            default -> {
                if (!ask(m -> m.removeAddedNode(node))) {
                    throw new RpcException(RpcErrorCode.RPC_CLIENT_NODE_NOT_ADDED,
                            "Error: Node could not be removed. It has not been added previously.");
                }
            }
        }
        return Json.nullNode();
    }

    /** A numeric {@code ip}, {@code ip:port} or {@code [ipv6]:port} (or localhost), default port of the chain. */
    private InetSocketAddress parseNode(String text) {
        Optional<HostPort> hp = HostPort.split(text);
        if (hp.isEmpty()) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Error: invalid node address '" + text + "'");
        }
        int port = hp.get().portOr(local.defaultPort());
        String host = hp.get().host();
        try {
            if (host.equalsIgnoreCase("localhost")) {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            }
            Optional<NetAddress> ip = Subnet.parseLiteral(host);
            if (ip.isEmpty()) {
                throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Error: '" + host
                        + "' is not a numeric address; btcnode does not look up peer names");
            }
            return new InetSocketAddress(InetAddress.getByAddress(ip.get().bytes().toByteArray()), port);
        } catch (UnknownHostException e) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Error: invalid node address '" + text + "'");
        }
    }

    /** One added node and the connection to it, if any. */
    private record Added(InetSocketAddress node, Optional<Boolean> connectedInbound) {}

    private JsonNode addedNodeInfo(RpcParams p) {
        List<Added> added = ask(m -> {
            List<Added> out = new ArrayList<>();
            for (InetSocketAddress node : m.addedNodes()) {
                Optional<Boolean> inbound = m.peers().stream()
                        .filter(peer -> peer.state().isOpen() && node.equals(peer.remoteAddress()))
                        .map(Peer::inbound).findFirst();
                out.add(new Added(node, inbound));
            }
            return out;
        });
        if (!p.isNull(0)) {
            String wanted = p.string(0);
            Optional<InetSocketAddress> key = Optional.empty();
            try {
                key = Optional.of(parseNode(wanted));
            } catch (RpcException e) {
                // not an address we could have added: not found below
            }
            Optional<InetSocketAddress> k = key;
            added = added.stream().filter(a -> k.isPresent() && a.node().equals(k.get())).limit(1).toList();
            if (added.isEmpty()) {
                throw new RpcException(RpcErrorCode.RPC_CLIENT_NODE_NOT_ADDED, "Error: Node has not been added.");
            }
        }
        ArrayNode out = Json.array();
        for (Added a : added) {
            ObjectNode o = Json.object();
            o.put("addednode", NettyTransport.hostPort(a.node()));
            o.put("connected", a.connectedInbound().isPresent());
            ArrayNode addresses = Json.array();
            a.connectedInbound().ifPresent(inbound -> {
                ObjectNode address = Json.object();
                address.put("address", NettyTransport.hostPort(a.node()));
                address.put("connected", inbound ? "inbound" : "outbound");
                addresses.add(address);
            });
            o.set("addresses", addresses);
            out.add(o);
        }
        return out;
    }

    private JsonNode disconnectNode(RpcParams p) {
        Optional<String> address = p.optionalString(0);
        Optional<Long> nodeId = p.isNull(1) ? Optional.empty() : Optional.of(p.int64(1));
        boolean success;
        if (address.isPresent() && nodeId.isEmpty()) {
            String wanted = address.get();
            success = ask(m -> m.peers().stream()
                    .filter(peer -> peer.state().isOpen() && NettyTransport.hostPort(peer.remoteAddress()).equals(wanted))
                    .findFirst().map(peer -> m.disconnectNode(peer.id())).orElse(false));
        } else if (nodeId.isPresent() && (address.isEmpty() || address.get().isEmpty())) {
            long id = nodeId.get();
            success = id >= 0 && ask(m -> m.disconnectNode(PeerId.of(id)));
        } else {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMS, "Only one of address and nodeid should be provided.");
        }
        if (!success) {
            throw new RpcException(RpcErrorCode.RPC_CLIENT_NODE_NOT_CONNECTED, "Node not found in connected nodes");
        }
        return Json.nullNode();
    }

    private JsonNode setBan(RpcParams p) {
        String command = p.string(1);
        if (!command.equals("add") && !command.equals("remove")) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "setban: unknown command '" + command
                    + "'; use add or remove");
        }
        String text = p.string(0);
        boolean isSubnet = text.indexOf('/') >= 0;
        Subnet subnet = (isSubnet ? Subnet.parse(text) : Subnet.parseLiteral(text).map(Subnet::single))
                .orElseThrow(() -> new RpcException(RpcErrorCode.RPC_CLIENT_INVALID_IP_OR_SUBNET, "Error: Invalid IP/Subnet"));
        if (command.equals("remove")) {
            if (!ask(m -> m.banMan().unban(subnet))) {
                throw new RpcException(RpcErrorCode.RPC_CLIENT_INVALID_IP_OR_SUBNET,
                        "Error: Unban failed. Requested address/subnet was not previously manually banned.");
            }
            return Json.nullNode();
        }
        long banTime = p.isNull(2) ? 0 : p.int64(2);
        boolean absolute = p.bool(3, false);
        if (absolute && banTime < clock.instant().getEpochSecond()) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Error: Absolute timestamp is in the past");
        }
        boolean banned = ask(m -> {
            boolean already = isSubnet ? m.banMan().banned().containsKey(subnet) : m.banMan().isBanned(subnet.network());
            if (!already) {
                m.banMan().ban(subnet, Duration.ofSeconds(banTime), absolute);
                m.disconnectNode(subnet);
            }
            return !already;
        });
        if (!banned) {
            throw new RpcException(RpcErrorCode.RPC_CLIENT_NODE_ALREADY_ADDED, "Error: IP/Subnet already banned");
        }
        return Json.nullNode();
    }

    private JsonNode listBanned() {
        Map<Subnet, BanEntry> bans = ask(m -> m.banMan().banned());
        long now = clock.instant().getEpochSecond();
        ArrayNode out = Json.array();
        bans.forEach((subnet, entry) -> {
            ObjectNode o = Json.object();
            o.put("address", subnet.toString());
            o.put("ban_created", entry.created().getEpochSecond());
            o.put("banned_until", entry.banUntil().getEpochSecond());
            o.put("ban_duration", entry.banUntil().getEpochSecond() - entry.created().getEpochSecond());
            o.put("time_remaining", entry.banUntil().getEpochSecond() - now);
            out.add(o);
        });
        return out;
    }
}
