package org.btcnode.net.connman;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.MessageType;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressSource;
import org.btcnode.core.store.StoreException;
import org.btcnode.core.store.Subnet;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.health.NetworkHealth;
import org.btcnode.net.logic.NodeLoop;
import org.btcnode.net.peer.AddrRelay;
import org.btcnode.net.peer.ChainHandler;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerConnector;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.PeerInfo;
import org.btcnode.net.peer.PeerLogic;
import org.btcnode.net.peer.PeerState;
import org.btcnode.net.peer.PeerStats;
import org.btcnode.net.transport.Violation;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * The connection manager (Core's net.cpp {@code CConnman}): the peer table, which connections to
 * open (ThreadOpenConnections: 8 outbound full-relay, 2 block-relay-only, anchors first, a feeler
 * at exponentially distributed intervals averaging two minutes, one per network group;
 * ThreadOpenAddedConnections: -addnode outside those slots; -connect alone when given), which to
 * accept (AcceptConnection: bans refused, discouraged peers only into free slots, eviction when
 * full) and the once-a-second timeout check. It receives the transport's {@link PeerEvents} and
 * hands messages to {@link PeerLogic}. Node-logic thread only: every method must be called there.
 *
 * <p>The address book ({@link AddrMan}) gives the outbound addresses and feelers (tried
 * collisions first) and learns from gossip ({@link AddrRelay}); it is flushed once a second and
 * at stop.
 *
 * <p>Bootstrap ({@link Bootstrap}: DNS seeds, fixed seeds, -seednode) runs beside it and asks it
 * for counts and ADDR_FETCH connections through {@link Bootstrap.Host}.
 *
 * <p>{@link StaleTipCheck} adds one full-relay connection when the tip may be stale and evicts
 * the extra full-relay peer that announced blocks least recently (Core's
 * CheckForStaleTipAndEvictPeers).
 *
 * <p>Not yet as Core: no extra block-relay peer rotation, no 0–1 s random delay before a
 * feeler, only IPv4 and IPv6 are reachable (no proxy, Tor, I2P or CJDNS), addresses in
 * {@code -addnode}/{@code -connect} are resolved by the transport.
 */
public final class ConnectionManager implements PeerEvents, PeerLogic.Host, AddrRelay.Host, Bootstrap.Host {
    /** net.h: MAX_OUTBOUND_FULL_RELAY_CONNECTIONS. */
    public static final int MAX_OUTBOUND_FULL_RELAY_CONNECTIONS = 8;
    /** net.h: MAX_BLOCK_RELAY_ONLY_CONNECTIONS. */
    public static final int MAX_BLOCK_RELAY_ONLY_CONNECTIONS = 2;
    /** net.h: MAX_FEELER_CONNECTIONS. */
    public static final int MAX_FEELER_CONNECTIONS = 1;
    /** net.h: MAX_ADDNODE_CONNECTIONS, -addnode peers connected at once. */
    public static final int MAX_ADDNODE_CONNECTIONS = 8;
    /** net.h: FEELER_INTERVAL, the mean time between feeler connections. */
    public static final Duration FEELER_INTERVAL = Duration.ofMinutes(2);
    /** net.cpp ThreadOpenConnections: the loop wakes every 500 ms. */
    static final Duration OPEN_CONNECTIONS_INTERVAL = Duration.ofMillis(500);
    /** net.cpp ThreadOpenAddedConnections: retry after 60 s if a connection was attempted... */
    static final Duration ADDNODE_RETRY_AFTER_ATTEMPT = Duration.ofSeconds(60);
    /** ...otherwise after 2 s. */
    static final Duration ADDNODE_RETRY_IDLE = Duration.ofSeconds(2);
    /** net.cpp ThreadOpenConnections(connect): each -connect address is retried after at most 5 s. */
    static final Duration CONNECT_RETRY = Duration.ofSeconds(5);
    /** How often timeouts (handshake, ping, inactivity) are checked. */
    static final Duration TIMEOUT_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** net.cpp: addresses tried within this are skipped during the first 30 tries. */
    static final Duration RECENT_TRY = Duration.ofMinutes(10);
    /** Health defence: with low outbound diversity, the first 50 tries skip groups we are connected to. */
    static final int PREFER_UNCONNECTED_TRIES = 50;

    private static final Logger log = LogCategory.NET.logger();

    private final ConnectionOptions options;
    private final NodeLoop loop;
    private final PeerConnector connector;
    private final AddressSource addresses;
    private final AddrMan addrMan;
    private final BanMan banMan;
    private final RandomGenerator random;
    private final NetGroup netGroup;
    private final PeerLogic peerLogic;
    private final NetworkHealth health;
    private NodeLoop.Timer healthTimer = () -> { };
    private final Path anchorsFile;
    private final StaleTipCheck staleTipCheck = new StaleTipCheck(MAX_OUTBOUND_FULL_RELAY_CONNECTIONS);
    private final UploadTarget uploadTarget;

    private final Map<PeerId, Peer> peers = new LinkedHashMap<>();
    private final Map<PeerId, Pending> pending = new LinkedHashMap<>();
    /** -addnode and -connect destinations (as configured) to their pending or open connection. */
    private final Map<InetSocketAddress, PeerId> manualConnections = new HashMap<>();
    /** -addnode destinations plus those added by the addnode RPC (Core's m_added_node_params). */
    private final List<InetSocketAddress> addedNodes = new ArrayList<>();
    private final List<NodeLoop.Timer> timers = new ArrayList<>();
    private List<Address> anchors = new ArrayList<>();
    private Instant nextFeeler;
    private NodeLoop.Timer addNodeTimer = () -> { };
    private boolean running;

    /** An outbound connection asked of the transport, not yet connected. */
    private record Pending(InetSocketAddress target, ConnectionType type, Optional<NetAddress> address,
            Optional<InetSocketAddress> manualKey, boolean v2, boolean countFailure) {
        Pending(InetSocketAddress target, ConnectionType type, Optional<NetAddress> address,
                Optional<InetSocketAddress> manualKey, boolean v2) {
            this(target, type, address, manualKey, v2, true);
        }
    }

    /** Open outbound v2 connections and how they were asked for, to retry over v1 if the peer turns out v1-only. */
    private final Map<PeerId, Pending> v2Attempts = new HashMap<>();
    /**
     * Added nodes to dial over v1: those added with v2transport=false (Core's
     * AddedNodeParams.m_use_v2transport); cleared when the node is removed. Every other manual
     * attempt uses v2 whenever we support it, as Core decides per attempt.
     */
    private final Set<InetSocketAddress> addedNodesV1 = new HashSet<>();

    /**
     * A manager whose outbound connections come from the address book it gossips into (the node).
     *
     * @param addrMan     the address book: outbound selection, feelers, gossip; flushed every second and at stop
     * @param anchorsFile {@code <datadir>/anchors.dat}, or null to keep no anchors
     * @param startHeight our best height for version messages
     */
    public ConnectionManager(ConnectionOptions options, NodeLoop loop, PeerConnector connector, AddrMan addrMan,
            BanMan banMan, RandomGenerator random, IntSupplier startHeight, Path anchorsFile) {
        this(options, loop, connector, addrMan, addrMan, banMan, random, startHeight, anchorsFile);
    }

    /**
     * A manager that dials from {@code outbound} (e.g. a fixed list in tests) while gossip, feeler
     * collisions and every connection outcome (Good, Attempt, Connected) also go to {@code addrMan}.
     */
    public ConnectionManager(ConnectionOptions options, NodeLoop loop, PeerConnector connector, AddrMan addrMan,
            AddressSource outbound, BanMan banMan, RandomGenerator random, IntSupplier startHeight,
            Path anchorsFile) {
        this(options, loop, connector, addrMan, outbound, banMan, random, startHeight, anchorsFile, ChainHandler.NONE);
    }

    /**
     * A manager with chain sync: peer logic hands {@code chain} the chain messages; the start
     * height of our version messages is {@code chain}'s active height.
     */
    public ConnectionManager(ConnectionOptions options, NodeLoop loop, PeerConnector connector, AddrMan addrMan,
            BanMan banMan, RandomGenerator random, Path anchorsFile, ChainHandler chain) {
        this(options, loop, connector, addrMan, addrMan, banMan, random, chain::activeHeight, anchorsFile, chain);
    }

    /** A manager with chain sync that dials from {@code outbound} (tests: a fixed list of addresses). */
    public ConnectionManager(ConnectionOptions options, NodeLoop loop, PeerConnector connector, AddrMan addrMan,
            AddressSource outbound, BanMan banMan, RandomGenerator random, Path anchorsFile, ChainHandler chain) {
        this(options, loop, connector, addrMan, outbound, banMan, random, chain::activeHeight, anchorsFile, chain);
    }

    private ConnectionManager(ConnectionOptions options, NodeLoop loop, PeerConnector connector, AddrMan addrMan,
            AddressSource outbound, BanMan banMan, RandomGenerator random, IntSupplier startHeight,
            Path anchorsFile, ChainHandler chain) {
        this.options = Objects.requireNonNull(options, "options");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.addrMan = Objects.requireNonNull(addrMan, "addrMan");
        this.addresses = Objects.requireNonNull(outbound, "outbound");
        this.banMan = Objects.requireNonNull(banMan, "banMan");
        this.random = Objects.requireNonNull(random, "random");
        this.netGroup = new NetGroup(random.nextLong(), random.nextLong());
        AddrRelay addrRelay = new AddrRelay(addrMan, options, loop.clock(), random, this,
                options.addrBroadcastInterval());
        this.peerLogic = new PeerLogic(options, loop.clock(), random, startHeight, this, addrRelay, chain);
        this.health = new NetworkHealth(options, loop.clock(), addrMan, peers(), peerLogic);
        this.anchorsFile = anchorsFile;
        this.addedNodes.addAll(options.addNode());
        this.uploadTarget = new UploadTarget(options.maxUploadTargetBytes());
    }

    /** Reads the anchors and starts opening connections and checking timeouts (CConnman::Start). */
    public void start() {
        checkThread();
        if (running) {
            throw new IllegalStateException("already started");
        }
        running = true;
        Instant now = now();
        if (options.automaticOutbound() && anchorsFile != null) {
            anchors = new ArrayList<>(Anchors.readAndDelete(anchorsFile, now));
            log.info("{} block-relay-only anchors will be tried for connections.", anchors.size());
        }
        nextFeeler = now.plus(exponential(FEELER_INTERVAL));
        startTimers();
    }

    /** Opening connections and the periodic checks (at start, and when the network is switched on). */
    private void startTimers() {
        if (options.automaticOutbound()) {
            timers.add(loop.scheduleAtFixedRate(OPEN_CONNECTIONS_INTERVAL, this::openConnections));
        }
        if (!options.connect().isEmpty()) {
            openConnectPeers();
            timers.add(loop.scheduleAtFixedRate(CONNECT_RETRY, this::openConnectPeers));
        }
        openAddedConnections();                 // runs even with none: the addnode RPC may add some
        timers.add(loop.scheduleAtFixedRate(TIMEOUT_CHECK_INTERVAL, this::checkTimeouts));
        timers.add(loop.scheduleAtFixedRate(StaleTipCheck.EXTRA_PEER_CHECK_INTERVAL, () -> staleTipCheck.run(now(),
                peers.values(), peerLogic, networkActive && options.automaticOutbound())));
        healthTimer = loop.scheduleAtFixedRate(NetworkHealth.EVALUATION_INTERVAL, health::evaluate);
    }

    /**
     * Stops opening connections, writes the block-relay-only peers to anchors.dat (only on a clean
     * shutdown, as Core's StopNodes) and closes every connection.
     */
    public void stop() {
        checkThread();
        if (!running) {
            return;
        }
        running = false;
        timers.forEach(NodeLoop.Timer::cancel);
        timers.clear();
        addNodeTimer.cancel();
        healthTimer.cancel();
        if (options.automaticOutbound() && anchorsFile != null) {
            List<Address> current = new ArrayList<>();
            Instant time = Instant.ofEpochSecond(now().getEpochSecond());
            for (Peer p : peers.values()) {
                if (p.connectionType() == ConnectionType.BLOCK_RELAY && p.state().isOpen()) {
                    current.add(new Address(time, p.services(), p.address(), p.remoteAddress().getPort()));
                }
            }
            Anchors.write(anchorsFile, current);
        }
        for (Peer p : new ArrayList<>(peers.values())) {
            peerLogic.disconnect(p, "shutting down");
        }
        flushAddressBook();
    }

    /** Writes the address book's pending changes (once a second and at stop); a failed write is logged. */
    void flushAddressBook() {
        if (!addrMan.hasPendingChanges()) {
            return;
        }
        try {
            addrMan.flush();
        } catch (StoreException e) {
            log.error("Could not write the address book: {}", e.getMessage());
        }
    }

    /** The address book (node-logic thread only). */
    public AddrMan addrMan() {
        return addrMan;
    }

    // ---------------------------------------------------------------- queries (getpeerinfo later)

    /**
     * The peers in the table (open or closing, not yet reported closed), in connection order;
     * node-logic thread only.
     */
    public Collection<Peer> peers() {
        return Collections.unmodifiableCollection(peers.values());
    }

    /** getpeerinfo: an immutable snapshot of every peer, for other threads (node-logic thread only). */
    public List<PeerInfo> peerInfos() {
        checkThread();
        Instant now = now();
        return peers.values().stream().map(p -> PeerInfo.of(p, now, peerLogic.chain().stats(p))).toList();
    }

    /**
     * Disconnects every peer in the subnet (Core's DisconnectNode(subnet), which setban calls
     * after banning); returns whether there was one.
     */
    public boolean disconnectNode(Subnet subnet) {
        checkThread();
        boolean any = false;
        for (Peer p : new ArrayList<>(peers.values())) {
            if (subnet.contains(p.address()) && p.state().isOpen()) {
                peerLogic.disconnect(p, "banned");
                any = true;
            }
        }
        return any;
    }

    public Optional<Peer> peer(PeerId id) {
        return Optional.ofNullable(peers.get(id));
    }

    public BanMan banMan() {
        return banMan;
    }

    public PeerLogic peerLogic() {
        return peerLogic;
    }

    /** The network health monitor (node-logic thread only; its reports may go anywhere). */
    public NetworkHealth health() {
        return health;
    }

    /** Connections of this type, open or being opened. */
    public int count(ConnectionType type) {
        int n = 0;
        for (Peer p : peers.values()) {
            n += p.connectionType() == type ? 1 : 0;
        }
        for (Pending p : pending.values()) {
            n += p.type() == type ? 1 : 0;
        }
        return n;
    }

    /**
     * addnode "add" (CConnman::AddNode): keep this destination connected as a manual peer; false
     * if it is already in the list (Core's "Error: Node already added").
     */
    public boolean addNode(InetSocketAddress destination) {
        return addNode(destination, true);
    }

    /** addnode "add" with its v2transport argument: false dials this destination over v1 only. */
    public boolean addNode(InetSocketAddress destination, boolean v2) {
        checkThread();
        if (addedNodes.contains(destination)) {
            return false;
        }
        addedNodes.add(destination);
        if (!v2) {
            addedNodesV1.add(destination);
        }
        return true;
    }

    /** Whether we offer BIP 324 (NODE_P2P_V2 in our services, -v2transport). */
    private boolean localV2() {
        return options.localServices().has(ServiceFlags.NODE_P2P_V2);
    }

    /**
     * addnode "remove" (CConnman::RemoveAddedNode): stop reconnecting to it (an open connection
     * stays); false if it was not added (Core's "Error: Node could not be removed. It has not
     * been added previously.").
     */
    public boolean removeAddedNode(InetSocketAddress destination) {
        checkThread();
        addedNodesV1.remove(destination);
        return addedNodes.remove(destination);
    }

    /** The added nodes, -addnode first (getaddednodeinfo). */
    public List<InetSocketAddress> addedNodes() {
        return List.copyOf(addedNodes);
    }

    /**
     * addnode "onetry": one manual connection attempt, outside the -addnode limit, not retried;
     * false if that destination is already connected or being connected.
     */
    public boolean openOneTry(InetSocketAddress destination) {
        return openOneTry(destination, true);
    }

    /** addnode "onetry" with its v2transport argument: false dials over v1. */
    public boolean openOneTry(InetSocketAddress destination, boolean v2) {
        checkThread();
        return running && openManualConnection(destination, v2);
    }

    /** The ping RPC (PeerManager::SendPings): every peer pings at its next chance, ping in flight or not. */
    public void sendPings() {
        checkThread();
        for (Peer p : new ArrayList<>(peers.values())) {
            peerLogic.queuePing(p);
        }
    }

    /** Disconnects a peer by id (the disconnectnode RPC); false if there is no such peer. */
    public boolean disconnectNode(PeerId id) {
        Peer p = peers.get(id);
        if (p == null) {
            return false;
        }
        peerLogic.disconnect(p, "disconnectnode");
        return true;
    }

    // ---------------------------------------------------------------- PeerEvents

    @Override
    public void onConnected(PeerConnection connection) {
        checkThread();
        if (!running) {
            connection.close();
            return;
        }
        if (connection.inbound()) {
            acceptConnection(connection);
            return;
        }
        Pending p = pending.remove(connection.id());
        NetAddress address = toNetAddress(connection.remoteAddress());
        NetPermissions permissions = NetPermissions.NONE;
        for (WhitelistEntry w : options.whitelist()) {
            if (w.outbound() && w.subnet().contains(address)) {
                permissions = permissions.with(w.permissions());
            }
        }
        permissions = permissions.resolveImplicit(options.whitelistRelay(), options.whitelistForceRelay());
        Peer peer = new Peer(connection, address, netGroup.keyed(address), permissions, false, now());
        peers.put(peer.id(), peer);
        log.debug("Added connection{} peer={}", options.logIps() ? " to " + connection.remoteAddress() : "",
                peer.id());
        if (p != null && p.manualKey().isPresent()) {
            manualConnections.put(p.manualKey().get(), peer.id());
        }
        if (p != null && p.v2()) {
            v2Attempts.put(peer.id(), p);
        }
        peerLogic.initializeNode(peer);
    }

    @Override
    public void onMessage(PeerId id, Message message, int wireBytes) {
        checkThread();
        Peer peer = peers.get(id);
        if (peer == null) {
            return;
        }
        recordReceived(peer, message, wireBytes);
        if (health.admit(peer, message)) {
            peerLogic.processMessage(peer, message);
        }
    }

    @Override
    public void onViolation(PeerId id, Violation violation, String detail) {
        checkThread();
        Peer peer = peers.get(id);
        if (peer == null) {
            return;
        }
        peer.stats().recordActivity(now());
        peerLogic.violation(peer, violation, detail);
    }

    @Override
    public void onSent(PeerId id, String command, int wireBytes) {
        checkThread();
        Peer peer = peers.get(id);
        if (peer == null) {
            return;
        }
        String key = MessageType.fromCommand(command).isPresent() ? command : PeerStats.MESSAGE_TYPE_OTHER;
        peer.stats().recordSent(key, wireBytes, now());
        uploadTarget.recordBytesSent(wireBytes, now());
        if (command.equals("block")) {
            peerLogic.sendQueueProgress(peer);      // the next queued block, if the queue allows
        }
    }

    @Override
    public void onDisconnected(PeerId id) {
        checkThread();
        Pending p = pending.remove(id);
        if (p != null) {
            onAttemptFailed(id, p, "closed before connecting");
            return;
        }
        manualConnections.values().removeIf(id::equals);
        health.peerDisconnected(id);
        Pending v2Attempt = v2Attempts.remove(id);
        Peer peer = peers.remove(id);
        if (peer == null) {
            return;
        }
        if (v2Attempt != null && peer.connection().shouldReconnectV1()) {
            reconnectV1(id, v2Attempt);
        }
        PeerState before = peer.state();
        if (before.isOpen()) {
            log.debug("socket closed, disconnecting peer={}", id);
        }
        peer.markClosed();
        peerLogic.peerDisconnected(peer);
        // net_processing.cpp FinalizeNode: not for block-relay-only peers, whose addresses we
        // keep to ourselves
        if (!peer.inbound() && before == PeerState.READY && peer.connectionType() != ConnectionType.BLOCK_RELAY) {
            addrMan.connected(peer.address(), peer.remoteAddress().getPort(), now());
            if (addresses != addrMan) {
                addresses.connected(peer.address(), peer.remoteAddress().getPort(), now());
            }
        }
    }

    /**
     * net.cpp DisconnectNodes and PerformReconnections: an outbound v2 attempt the peer closed
     * without a byte in reply is tried once more, at once, over v1, with the same type.
     */
    private void reconnectV1(PeerId id, Pending attempt) {
        // net.cpp DisconnectNodes: only while the network is active (not after setnetworkactive false)
        if (!running || !networkActive) {
            return;
        }
        log.debug("retrying with v1 transport protocol for peer={}", id);
        PeerId retry = connector.connect(attempt.target(), attempt.type(), false);
        // net.cpp PerformReconnections: fCountFailure=false, a failed retry is no address-book attempt
        pending.put(retry, new Pending(attempt.target(), attempt.type(), attempt.address(), attempt.manualKey(),
                false, false));
        attempt.manualKey().ifPresent(key -> manualConnections.put(key, retry));
    }

    @Override
    public void onSendDrained(PeerId id) {
        checkThread();
        Peer peer = peers.get(id);
        if (peer != null) {
            peerLogic.sendQueueProgress(peer);
        }
    }

    @Override
    public void onConnectFailed(PeerId id, String reason) {
        checkThread();
        Pending p = pending.remove(id);
        if (p != null) {
            onAttemptFailed(id, p, reason);
        }
    }

    private void onAttemptFailed(PeerId id, Pending p, String reason) {
        manualConnections.values().removeIf(id::equals);
        log.debug("connection to {} failed: {}, peer={}", options.logIps() ? p.target() : "[hidden]",
                reason, id);
        if (p.countFailure() && p.address().isPresent() && p.manualKey().isEmpty()
                && p.type() != ConnectionType.ADDR_FETCH) {
            // net.cpp ConnectNode: a failed connection counts as an attempt (Core: addrman.Attempt)
            int established = count(ConnectionType.OUTBOUND_FULL_RELAY) + count(ConnectionType.BLOCK_RELAY);
            addrMan.attempt(p.address().get(), p.target().getPort(), established >= 2, now());
            if (addresses != addrMan) {
                addresses.attempt(p.address().get(), p.target().getPort(), established >= 2, now());
            }
        }
    }

    // ---------------------------------------------------------------- PeerLogic.Host

    @Override
    public boolean isOwnNonce(long nonce) {
        for (Peer p : peers.values()) {
            if (!p.inbound() && (p.state() == PeerState.AWAIT_VERSION || p.state() == PeerState.AWAIT_VERACK)
                    && p.localNonce() == nonce) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void versionAccepted(Peer peer) {
        health.onOutboundVersion(peer);
        int port = peer.remoteAddress().getPort();
        addrMan.setServices(peer.address(), port, peer.services());   // Core: SetServices, then Good
        addrMan.good(peer.address(), port, now());
        if (addresses != addrMan) {
            addresses.good(peer.address(), port, now());
        }
    }

    @Override
    public boolean outboundTargetReached(boolean historicalBlockServingLimit) {
        return uploadTarget.targetReached(historicalBlockServingLimit, now());
    }

    /** getnettotals' uploadtarget (node-logic thread only). */
    public UploadTarget.Status uploadTargetStatus() {
        checkThread();
        return uploadTarget.status(now());
    }

    @Override
    public boolean isBannedOrDiscouraged(NetAddress address) {
        return banMan.isBanned(address) || banMan.isDiscouraged(address);
    }

    @Override
    public void discourage(Peer peer) {
        banMan.discourage(peer.address());
        log.debug("discouraged {}, peer={}", options.logIps() ? peer.address() : "[hidden]", peer.id());
        for (Peer other : new ArrayList<>(peers.values())) {
            if (other != peer && other.address().equals(peer.address())) {
                peerLogic.disconnect(other, "address discouraged");    // Core: DisconnectNode(addr)
            }
        }
    }

    // ---------------------------------------------------------------- Bootstrap.Host

    @Override
    public int addressBookSize() {
        return addrMan.size();
    }

    @Override
    public int fullOutboundConnections() {
        int n = 0;
        for (Peer p : peers.values()) {
            n += p.connectionType() == ConnectionType.OUTBOUND_FULL_RELAY && p.state() == PeerState.READY ? 1 : 0;
        }
        return n;
    }

    @Override
    public Set<NetworkId> emptyReachableNetworks() {
        Set<NetworkId> out = EnumSet.noneOf(NetworkId.class);
        if (addrMan.size(Network.IPV4, true) + addrMan.size(Network.IPV4, false) == 0) {
            out.add(NetworkId.IPV4);
        }
        if (addrMan.size(Network.IPV6, true) + addrMan.size(Network.IPV6, false) == 0) {
            out.add(NetworkId.IPV6);
        }
        return out;
    }

    @Override
    public void addSeedAddresses(List<Address> seeds, NetAddress source) {
        checkThread();
        addrMan.add(seeds, source, Duration.ZERO, now());
    }

    @Override
    public boolean openAddrFetch(InetSocketAddress target) {
        checkThread();
        if (!running || target.isUnresolved()) {
            return false;
        }
        if (automaticOutboundCount() >= options.maxAutomaticOutbound()) {
            log.debug("no outbound slot for addr-fetch connection {}", options.logIps() ? target : "[hidden]");
            return false;
        }
        NetAddress address = toNetAddress(target);
        if (alreadyConnectedTo(address) || isOwnAddress(address, target.getPort())) {
            return false;
        }
        boolean v2 = localV2();     // net.cpp ProcessAddrFetch: v2 whenever we support it
        PeerId id = connector.connect(target, ConnectionType.ADDR_FETCH, v2);
        pending.put(id, new Pending(target, ConnectionType.ADDR_FETCH, Optional.of(address), Optional.empty(), v2));
        log.debug("trying addr-fetch connection {}, peer={}", options.logIps() ? target : "[hidden]", id);
        return true;
    }

    // ---------------------------------------------------------------- inbound

    /** net.cpp CreateNodeFromAcceptedSocket: permissions, bans, discouragement, slots, eviction. */
    private void acceptConnection(PeerConnection connection) {
        NetAddress address = toNetAddress(connection.remoteAddress());
        NetPermissions permissions = inboundPermissions(connection.localAddress(), address);
        boolean noBan = permissions.has(NetPermissionFlag.NOBAN);
        int inbound = 0;
        for (Peer p : peers.values()) {
            inbound += p.inbound() ? 1 : 0;
        }
        int maxInbound = options.maxInbound();
        String from = options.logIps() ? "connection from " + connection.remoteAddress() : "connection";
        if (!noBan && banMan.isBanned(address)) {
            log.debug("{} dropped (banned), peer={}", from, connection.id());
            connection.close();
            return;
        }
        // Only accept connections from discouraged peers if our inbound slots aren't (almost) full.
        boolean discouraged = banMan.isDiscouraged(address);
        if (!noBan && inbound + 1 >= maxInbound && discouraged) {
            log.debug("{} dropped (discouraged), peer={}", from, connection.id());
            connection.close();
            return;
        }
        if (inbound >= maxInbound && !attemptToEvictConnection()) {
            log.debug("failed to find an eviction candidate - connection dropped (full), peer={}", connection.id());
            connection.close();
            return;
        }
        Peer peer = new Peer(connection, address, netGroup.keyed(address), permissions, discouraged, now());
        peers.put(peer.id(), peer);
        log.debug("{} accepted, peer={}", from, peer.id());
        peerLogic.initializeNode(peer);
    }

    /** -whitebind on the local address it came in on, then -whitelist (net.cpp AddWhitelistPermissionFlags). */
    private NetPermissions inboundPermissions(InetSocketAddress local, NetAddress remote) {
        NetPermissions permissions = NetPermissions.NONE;
        for (WhitebindEntry w : options.whitebind()) {
            InetAddress bind = w.bind().getAddress();
            if (local != null && w.bind().getPort() == local.getPort()
                    && (bind.isAnyLocalAddress() || bind.equals(local.getAddress()))) {
                permissions = permissions.with(w.permissions());
            }
        }
        for (WhitelistEntry w : options.whitelist()) {
            if (w.inbound() && w.subnet().contains(remote)) {
                permissions = permissions.with(w.permissions());
            }
        }
        return permissions.resolveImplicit(options.whitelistRelay(), options.whitelistForceRelay());
    }

    /** net.cpp AttemptToEvictConnection: Core's SelectNodeToEvict over every peer not already leaving. */
    private boolean attemptToEvictConnection() {
        List<EvictionCandidate> candidates = new ArrayList<>();
        for (Peer p : peers.values()) {
            if (!p.state().isOpen()) {
                continue;
            }
            candidates.add(new EvictionCandidate(p.id(), p.stats().connected(), p.minPingTime(), p.lastBlockTime(),
                    p.lastTxTime(), p.services().has(PeerLogic.DESIRABLE_SERVICES), p.relayTxs(),
                    false, p.keyedNetGroup(), p.preferEvict(), NetGroup.isLocal(p.address()),
                    NetGroup.network(p.address()), p.hasPermission(NetPermissionFlag.NOBAN), p.connectionType()));
        }
        Optional<PeerId> chosen = Eviction.selectNodeToEvict(candidates);
        if (chosen.isEmpty()) {
            return false;
        }
        Peer evicted = peers.get(chosen.get());
        log.debug("selected for eviction (inbound slots full), peer={}", evicted.id());
        peerLogic.disconnect(evicted, "evicted to make room for a new inbound connection");
        return true;
    }

    // ---------------------------------------------------------------- outbound

    /** One round of net.cpp ThreadOpenConnections: at most one new automatic connection. */
    void openConnections() {
        if (!running) {
            return;
        }
        if (automaticOutboundCount() >= options.maxAutomaticOutbound()) {
            return;                                      // net.cpp: no semOutbound grant
        }
        Instant now = now();
        int fullRelay = count(ConnectionType.OUTBOUND_FULL_RELAY);
        int blockRelay = count(ConnectionType.BLOCK_RELAY);
        Set<Bytes> outboundGroups = outboundNetGroups();

        ConnectionType type;
        boolean anchor = false;
        if (!anchors.isEmpty() && blockRelay < MAX_BLOCK_RELAY_ONLY_CONNECTIONS) {
            type = ConnectionType.BLOCK_RELAY;
            anchor = true;
        } else if (fullRelay < MAX_OUTBOUND_FULL_RELAY_CONNECTIONS) {
            type = ConnectionType.OUTBOUND_FULL_RELAY;
        } else if (blockRelay < MAX_BLOCK_RELAY_ONLY_CONNECTIONS) {
            type = ConnectionType.BLOCK_RELAY;
        } else if (staleTipCheck.tryNewOutboundPeer()) {
            type = ConnectionType.OUTBOUND_FULL_RELAY;   // net.cpp: GetTryNewOutboundPeer, one beyond the slots
        } else if (now.isAfter(nextFeeler) && count(ConnectionType.FEELER) < MAX_FEELER_CONNECTIONS) {
            nextFeeler = now.plus(exponential(FEELER_INTERVAL));
            type = ConnectionType.FEELER;
        } else {
            return;
        }

        if (anchor) {
            Address a = anchors.remove(anchors.size() - 1);
            if (!NetGroup.isValid(a.address()) || isOwnAddress(a.address(), a.port()) || !isReachable(a.address())
                    || !a.services().has(PeerLogic.DESIRABLE_SERVICES)
                    || outboundGroups.contains(NetGroup.group(a.address()))) {
                return;
            }
            log.debug("Trying to make an anchor connection to {}",
                    options.logIps() ? a.address() + ":" + a.port() : "[hidden]");
            openNetworkConnection(a.address(), a.port(), a.services(), type);
            return;
        }

        boolean feeler = type == ConnectionType.FEELER;
        // health defence: while outbound diversity is low, prefer groups we have no connection to
        Set<Bytes> connectedGroups = health.preferUnconnectedGroups() ? connectedNetGroups() : Set.of();
        addrMan.resolveCollisions(now);                  // Core: before every round
        for (int tries = 0; tries < 100; tries++) {
            Optional<AddressSource.Candidate> selected = Optional.empty();
            if (feeler) {
                // test-before-evict first: a feeler to the tried entry a new one would replace
                selected = addrMan.selectTriedCollision();
                if (selected.isPresent() && alreadyConnectedTo(selected.get().address().address())) {
                    Address c = selected.get().address();
                    addrMan.good(c.address(), c.port(), now);
                    selected = Optional.empty();
                }
            }
            if (selected.isEmpty()) {
                selected = addresses.select(feeler);
            }
            if (selected.isEmpty()) {
                break;
            }
            Address a = selected.get().address();
            // outbound connections other than feelers go to distinct network groups
            Bytes group = NetGroup.group(a.address());
            if (!feeler && outboundGroups.contains(group)) {
                continue;
            }
            if (tries < PREFER_UNCONNECTED_TRIES && connectedGroups.contains(group)) {
                continue;
            }
            if (!NetGroup.isValid(a.address()) || isOwnAddress(a.address(), a.port())) {
                break;
            }
            if (!isReachable(a.address())) {
                continue;
            }
            // only consider very recently tried addresses after 30 failed attempts
            if (Duration.between(selected.get().lastTry(), now).compareTo(RECENT_TRY) < 0 && tries < 30) {
                continue;
            }
            if (!feeler && !a.services().has(PeerLogic.DESIRABLE_SERVICES)) {
                continue;
            }
            // do not connect to bad ports, unless 50 invalid addresses have been selected already
            if (tries < 50 && isBadPort(a.port())) {
                continue;
            }
            if (alreadyConnectedTo(a.address())) {
                continue;
            }
            if (feeler) {
                log.debug("Making feeler connection to {}",
                        options.logIps() ? a.address() + ":" + a.port() : "[hidden]");
            }
            openNetworkConnection(a.address(), a.port(), a.services(), type);
            return;
        }
    }

    /** Network groups of our automatic outbound connections, open or pending (not manual, not inbound). */
    private Set<Bytes> outboundNetGroups() {
        Set<Bytes> groups = new HashSet<>();
        for (Peer p : peers.values()) {
            if (countsForNetGroupDiversity(p.connectionType())) {
                groups.add(NetGroup.group(p.address()));
            }
        }
        for (Pending p : pending.values()) {
            if (countsForNetGroupDiversity(p.type()) && p.address().isPresent()) {
                groups.add(NetGroup.group(p.address().get()));
            }
        }
        return groups;
    }

    /** Network groups of every connection, either direction, open or pending. */
    private Set<Bytes> connectedNetGroups() {
        Set<Bytes> groups = new HashSet<>();
        peers.values().forEach(p -> groups.add(NetGroup.group(p.address())));
        pending.values().forEach(p -> p.address().ifPresent(a -> groups.add(NetGroup.group(a))));
        return groups;
    }

    /** net.cpp ThreadOpenConnections: full-relay, block-relay and addr-fetch peers sit in distinct groups. */
    private static boolean countsForNetGroupDiversity(ConnectionType type) {
        return switch (type) {
            case OUTBOUND_FULL_RELAY, BLOCK_RELAY, ADDR_FETCH -> true;
            case FEELER, INBOUND, MANUAL -> false;
        };
    }

    /** Connections holding one of Core's semOutbound grants (every automatic outbound type), open or pending. */
    private int automaticOutboundCount() {
        return count(ConnectionType.OUTBOUND_FULL_RELAY) + count(ConnectionType.BLOCK_RELAY)
                + count(ConnectionType.FEELER) + count(ConnectionType.ADDR_FETCH);
    }

    /**
     * net.cpp OpenNetworkConnection for an address from the source: never ourselves, a banned or
     * discouraged address, or a duplicate.
     */
    private void openNetworkConnection(NetAddress address, int port, ServiceFlags services, ConnectionType type) {
        if (isOwnAddress(address, port) || banMan.isBanned(address) || banMan.isDiscouraged(address)
                || alreadyConnectedTo(address)) {
            return;
        }
        InetSocketAddress target = toSocketAddress(address, port);
        // net.cpp ThreadOpenConnections: v2 when the address book says the peer offers it and we do
        boolean v2 = localV2() && services.has(ServiceFlags.NODE_P2P_V2);
        PeerId id = connector.connect(target, type, v2);
        pending.put(id, new Pending(target, type, Optional.of(address), Optional.empty(), v2));
        log.debug("trying {} connection {}, peer={}", PeerLogic.typeName(type),
                options.logIps() ? target : "[hidden]", id);
    }

    /** Core's AlreadyConnectedToAddress: any connection, either direction, pending or open, to this IP. */
    private boolean alreadyConnectedTo(NetAddress address) {
        for (Peer p : peers.values()) {
            if (p.address().equals(address)) {
                return true;
            }
        }
        for (Pending p : pending.values()) {
            if (p.address().isPresent() && p.address().get().equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** Core's IsLocal(CService): one of the addresses we listen on or advertise. */
    private boolean isOwnAddress(NetAddress address, int port) {
        for (InetSocketAddress local : options.localAddresses()) {
            if (local.getPort() == port && !local.isUnresolved()
                    && Subnet.fromInetAddress(local.getAddress()).map(address::equals).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * netbase.cpp IsBadPort: ports of other well-known services (doc/p2p-bad-ports.md), which
     * automatic connections avoid so that the network cannot be used to knock on them.
     */
    static boolean isBadPort(int port) {
        return BAD_PORTS.contains(port);
    }

    private static final Set<Integer> BAD_PORTS = Set.of(1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42,
            43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139,
            143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601,
            636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3306, 3389, 3659, 4045, 5060, 5061, 5432, 5900, 6000,
            6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080, 27017);

    /** Only IPv4 and IPv6 are reachable until proxies exist (Core's g_reachable_nets). */
    private static boolean isReachable(NetAddress address) {
        return address.network() == NetworkId.IPV4 || address.network() == NetworkId.IPV6;
    }

    /** net.cpp ThreadOpenConnections(connect): keep each -connect address connected, as a manual peer. */
    void openConnectPeers() {
        if (!running) {
            return;
        }
        for (InetSocketAddress target : options.connect()) {
            openManualConnection(target, true);
        }
    }

    /**
     * net.cpp ThreadOpenAddedConnections: connect the -addnode peers not connected, at most
     * {@link #MAX_ADDNODE_CONNECTIONS} at once; again after 60 s if something was tried, else 2 s.
     */
    void openAddedConnections() {
        if (!running) {
            return;
        }
        int open = 0;
        for (InetSocketAddress target : addedNodes) {
            open += manualConnections.containsKey(target) ? 1 : 0;
        }
        boolean tried = false;
        for (InetSocketAddress target : addedNodes) {
            if (open >= MAX_ADDNODE_CONNECTIONS) {
                break;
            }
            if (openManualConnection(target, !addedNodesV1.contains(target))) {
                tried = true;
                open++;
            }
        }
        addNodeTimer = loop.schedule(tried ? ADDNODE_RETRY_AFTER_ATTEMPT : ADDNODE_RETRY_IDLE,
                this::openAddedConnections);
    }

    /** Dials a manual peer unless it is connected (by destination or address); true if dialled. */
    private boolean openManualConnection(InetSocketAddress target, boolean wantV2) {
        if (manualConnections.containsKey(target)) {
            return false;
        }
        if (!target.isUnresolved()) {
            for (Peer p : peers.values()) {
                if (target.equals(p.remoteAddress())) {
                    return false;
                }
            }
        }
        // net.cpp: -connect, -addnode and the addnode RPC use v2 whenever we support it
        boolean v2 = localV2() && wantV2;
        PeerId id = connector.connect(target, ConnectionType.MANUAL, v2);
        Optional<NetAddress> address = target.isUnresolved() ? Optional.empty()
                : Subnet.fromInetAddress(target.getAddress());
        pending.put(id, new Pending(target, ConnectionType.MANUAL, address, Optional.of(target), v2));
        manualConnections.put(target, id);
        log.debug("trying manual connection {}, peer={}", options.logIps() ? target : "[hidden]", id);
        return true;
    }

    // ---------------------------------------------------------------- timeouts

    private void checkTimeouts() {
        for (Peer p : new ArrayList<>(peers.values())) {
            peerLogic.checkTimeouts(p);
        }
        flushAddressBook();
    }

    // ---------------------------------------------------------------- helpers

    private void recordReceived(Peer peer, Message message, int wireBytes) {
        String key = message.type() == MessageType.UNKNOWN ? PeerStats.MESSAGE_TYPE_OTHER : message.type().command();
        peer.stats().recordReceived(key, wireBytes, now());
    }

    /** Node state belongs to the node-logic thread (DESIGN.md "Threads"); anything else is a wiring bug. */
    private void checkThread() {
        if (!loop.inLoop()) {
            throw new IllegalStateException("ConnectionManager called outside the node-logic thread: "
                    + Thread.currentThread().getName());
        }
    }

    private Instant now() {
        return loop.clock().instant();
    }

    /** A delay drawn from the exponential distribution with this mean (Core's rand_exp_duration). */
    private Duration exponential(Duration mean) {
        return Duration.ofNanos((long) (mean.toNanos() * random.nextExponential()));
    }

    static NetAddress toNetAddress(InetSocketAddress address) {
        if (address == null || address.isUnresolved()) {
            return NetAddress.IPV6_ANY;
        }
        return Subnet.fromInetAddress(address.getAddress()).orElse(NetAddress.IPV6_ANY);
    }

    static InetSocketAddress toSocketAddress(NetAddress address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address.bytes().toByteArray()), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }

    // ---------------------------------------------------------------- setnetworkactive (RPC)

    /** Core's fNetworkActive: false while the setnetworkactive RPC has switched P2P off. */
    private boolean networkActive = true;

    /** Whether P2P networking is on (getnetworkinfo's networkactive); node-logic thread only. */
    public boolean networkActive() {
        return networkActive;
    }

    /**
     * CConnman::SetNetworkActive: off disconnects every peer and stops opening connections (new
     * inbound connections are dropped by the network's gate, {@code P2PNetwork}); on starts opening
     * again at once. Logs "SetNetworkActive: …" as Core.
     */
    public void setNetworkActive(boolean active) {
        checkThread();
        log.info("SetNetworkActive: {}", active);
        if (active == networkActive) {
            return;
        }
        networkActive = active;
        if (!running) {
            return;
        }
        timers.forEach(NodeLoop.Timer::cancel);
        timers.clear();
        addNodeTimer.cancel();
        if (!active) {
            for (Peer p : new ArrayList<>(peers.values())) {
                peerLogic.disconnect(p, "network not active");
            }
            return;
        }
        startTimers();
    }
}
