package org.btcnode.net.peer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.message.Message;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.EvictionCandidate;
import org.btcnode.net.connman.NetPermissionFlag;
import org.btcnode.net.connman.NetPermissions;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * One connected peer as node logic sees it (Core's {@code CNode} plus net_processing's
 * {@code Peer}): its connection, handshake state, what it told us in its version, the features
 * negotiated, ping state and traffic statistics: everything getpeerinfo reports. Created by the
 * connection manager when the transport is ready; mutated by {@link PeerLogic}. Node-logic thread only.
 */
public final class Peer {
    private static final Logger log = LogCategory.NET.logger();

    private final PeerConnection connection;
    private final ConnectionType connectionType;
    private final NetAddress address;
    private final long keyedNetGroup;
    private final NetPermissions permissions;
    private final boolean preferEvict;
    private final PeerStats stats;
    private final AddrRelayState addrRelay;
    private PeerState state = PeerState.AWAIT_VERSION;
    private String disconnectReason = "";

    // our side of the handshake
    long localNonce;

    // from their version message (Core: nVersion, nServices, cleanSubVer, m_starting_height, m_relay_txs)
    private ProtocolVersion version;
    private ServiceFlags services = ServiceFlags.NODE_NONE;
    private String userAgent = "";
    private int startingHeight = -1;
    private boolean relayTxs;
    private ProtocolVersion commonVersion = ProtocolVersion.INIT_PROTO_VERSION;
    private Duration timeOffset = Duration.ZERO;

    // features negotiated (BIP 339, BIP 155, BIP 130, BIP 133)
    boolean wtxidRelay;
    boolean wantsAddrV2;
    boolean preferHeaders;
    long feeFilterReceived;
    boolean feeFilterSent;

    // ping (Core: m_ping_nonce_sent, m_ping_start, m_ping_queued, m_last_ping_time, m_min_ping_time)
    long pingNonceSent;
    Instant pingStart = Instant.EPOCH;
    boolean pingQueued;
    private Duration lastPingTime;
    private Duration minPingTime = EvictionCandidate.NO_PING;

    // for eviction (Core: m_last_block_time, m_last_tx_time); set by block and tx relay later
    Instant lastBlockTime = Instant.EPOCH;
    Instant lastTxTime = Instant.EPOCH;

    /**
     * @param connection    the transport's handle
     * @param address       the peer's address ({@link NetAddress#IPV6_ANY} if the transport gave none)
     * @param keyedNetGroup its network group hashed with our secret (eviction)
     * @param permissions   from -whitelist/-whitebind, implicit flags already resolved
     * @param preferEvict   its address was discouraged when it connected
     * @param connected     when the transport became ready
     */
    public Peer(PeerConnection connection, NetAddress address, long keyedNetGroup, NetPermissions permissions,
            boolean preferEvict, Instant connected) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.connectionType = connection.connectionType();
        this.address = Objects.requireNonNull(address, "address");
        this.keyedNetGroup = keyedNetGroup;
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.preferEvict = preferEvict;
        this.stats = new PeerStats(connected);
        this.addrRelay = new AddrRelayState(connected);
    }

    public PeerId id() {
        return connection.id();
    }

    public PeerConnection connection() {
        return connection;
    }

    public ConnectionType connectionType() {
        return connectionType;
    }

    public boolean inbound() {
        return connectionType == ConnectionType.INBOUND;
    }

    /** The peer's address and port as the socket reports it. */
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    public NetAddress address() {
        return address;
    }

    public long keyedNetGroup() {
        return keyedNetGroup;
    }

    public NetPermissions permissions() {
        return permissions;
    }

    public boolean hasPermission(NetPermissionFlag flag) {
        return permissions.has(flag);
    }

    public boolean preferEvict() {
        return preferEvict;
    }

    public PeerStats stats() {
        return stats;
    }

    AddrRelayState addrRelay() {
        return addrRelay;
    }

    /** Whether we take part in address relay with this peer (Core's m_addr_relay_enabled). */
    public boolean addrRelayEnabled() {
        return addrRelay.relayEnabled;
    }

    /** getpeerinfo's {@code addr_processed}: addresses from this peer that we processed. */
    public long addrProcessed() {
        return addrRelay.processed;
    }

    /** getpeerinfo's {@code addr_rate_limited}: addresses from this peer dropped by the token bucket. */
    public long addrRateLimited() {
        return addrRelay.rateLimited;
    }

    /** Addresses queued for this peer's next addr message (tests). */
    public int addrQueued() {
        return addrRelay.toSend.size();
    }

    public PeerState state() {
        return state;
    }

    /** Why we decided to disconnect ("" while connected or when the peer closed first). */
    public String disconnectReason() {
        return disconnectReason;
    }

    /** Moves the handshake on; an illegal step is our bug (the caller checked the state). */
    void moveTo(PeerState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("peer " + id() + " cannot move from " + state + " to " + next);
        }
        log.debug("state {} -> {}, peer={}", state, next, id());
        state = next;
    }

    /** Marks the peer closed by the transport (any open state, or disconnecting). */
    public void markClosed() {
        if (state != PeerState.CLOSED) {
            moveTo(PeerState.CLOSED);
        }
    }

    void setDisconnectReason(String reason) {
        this.disconnectReason = reason;
    }

    /** Queues a message on the connection (node-logic thread: peer logic and chain sync). */
    public void send(Message message) {
        connection.send(message);
    }

    void setVersionFields(ProtocolVersion version, ServiceFlags services, String userAgent, int startingHeight,
            boolean relayTxs, ProtocolVersion commonVersion, Duration timeOffset) {
        this.timeOffset = timeOffset;
        this.version = version;
        this.services = services;
        this.userAgent = userAgent;
        this.startingHeight = startingHeight;
        this.relayTxs = relayTxs;
        this.commonVersion = commonVersion;
    }

    void pongReceived(Duration pingTime) {
        lastPingTime = pingTime;
        if (pingTime.compareTo(minPingTime) < 0) {
            minPingTime = pingTime;
        }
    }

    /** Their protocol version; empty before their version message. */
    public Optional<ProtocolVersion> version() {
        return Optional.ofNullable(version);
    }

    /** min(their version, ours) (Core's GetCommonVersion); {@code INIT_PROTO_VERSION} before version. */
    public ProtocolVersion commonVersion() {
        return commonVersion;
    }

    /** Their clock minus ours when their version arrived (getpeerinfo's timeoffset; Core's nTimeOffset). */
    public Duration timeOffset() {
        return timeOffset;
    }

    public ServiceFlags services() {
        return services;
    }

    /** Their user agent as received (log it through a sanitiser). */
    public String userAgent() {
        return userAgent;
    }

    public int startingHeight() {
        return startingHeight;
    }

    /** Whether the peer asked for transaction relay (version's relay flag, never for block-relay-only). */
    public boolean relayTxs() {
        return relayTxs;
    }

    /** Our version nonce to this peer (self-connection detection). */
    public long localNonce() {
        return localNonce;
    }

    public boolean wtxidRelay() {
        return wtxidRelay;
    }

    public boolean wantsAddrV2() {
        return wantsAddrV2;
    }

    public boolean preferHeaders() {
        return preferHeaders;
    }

    /** The fee rate the peer asked for with feefilter, sat/kvB (0 if none). */
    public long feeFilterReceived() {
        return feeFilterReceived;
    }

    /** The last ping round trip; empty until a pong came back. */
    public Optional<Duration> lastPingTime() {
        return Optional.ofNullable(lastPingTime);
    }

    /** The lowest ping round trip, {@link EvictionCandidate#NO_PING} until a pong came back. */
    public Duration minPingTime() {
        return minPingTime;
    }

    /** The nonce of the ping awaiting its pong, 0 if none (getpeerinfo's pingwait is then absent). */
    public long pingNonceSent() {
        return pingNonceSent;
    }

    /** When the last ping was sent ({@link Instant#EPOCH} if never). */
    public Instant pingStart() {
        return pingStart;
    }

    /** A new block from this peer advanced our chain (Core's m_last_block_time, used by eviction). */
    public void recordBlock(Instant when) {
        lastBlockTime = when;
    }

    public Instant lastBlockTime() {
        return lastBlockTime;
    }

    public Instant lastTxTime() {
        return lastTxTime;
    }

    @Override
    public String toString() {
        return "peer=" + id();
    }
}
