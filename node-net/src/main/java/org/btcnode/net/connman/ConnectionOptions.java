package org.btcnode.net.connman;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.btcnode.core.message.ServiceFlags;
import org.btcnode.net.peer.AddrRelay;

/**
 * How the node connects (Core's {@code CConnman::Options} plus the net_processing options the
 * handshake needs), with Core's defaults. node-daemon maps bitcoind's options onto it. Immutable.
 *
 * @param maxConnections      -maxconnections: automatic outbound plus inbound (manual ones come on top)
 * @param connectOnly         -connect was given (any value, even 0): no automatic outbound connections
 * @param connect             -connect addresses, kept connected as manual peers (empty for -connect=0)
 * @param addNode             -addnode addresses, manual peers outside the automatic slots
 * @param seedNodes           -seednode addresses: ADDR_FETCH connections while the book is empty or few peers connect
 * @param listen              -listen: accept inbound connections
 * @param localAddresses      our own addresses and ports (-bind, -externalip, discovered): never dialled
 * @param whitelist           -whitelist entries
 * @param whitebind           -whitebind entries
 * @param whitelistRelay      -whitelistrelay: implicit whitelist permissions include relay
 * @param whitelistForceRelay -whitelistforcerelay: implicit whitelist permissions include forcerelay
 * @param peerTimeout         -peertimeout: how long a new connection may stay silent or unhandshaken
 * @param userAgent           our BIP 14 user agent, e.g. {@code /btcnode:0.1.0/}
 * @param localServices       the services our version message offers
 * @param blocksOnly          -blocksonly: ask peers not to relay transactions
 * @param banTime             -bantime: default duration of a manual ban
 * @param logIps              -logips: put peer addresses in log lines
 * @param addrBroadcastInterval mean time between addr messages to one peer (Core's fixed
 *                            AVG_ADDRESS_BROADCAST_INTERVAL, 30 s; no option, tests shorten it)
 * @param maxUploadTargetBytes -maxuploadtarget: bytes to send per 24 hours before historical blocks
 *                            are no longer served ({@link UploadTarget}); 0 for no target
 */
public record ConnectionOptions(
        int maxConnections,
        boolean connectOnly,
        List<InetSocketAddress> connect,
        List<InetSocketAddress> addNode,
        List<InetSocketAddress> seedNodes,
        boolean listen,
        List<InetSocketAddress> localAddresses,
        List<WhitelistEntry> whitelist,
        List<WhitebindEntry> whitebind,
        boolean whitelistRelay,
        boolean whitelistForceRelay,
        Duration peerTimeout,
        String userAgent,
        ServiceFlags localServices,
        boolean blocksOnly,
        Duration banTime,
        boolean logIps,
        Duration addrBroadcastInterval,
        long maxUploadTargetBytes) {

    /** net.h: DEFAULT_MAX_PEER_CONNECTIONS. */
    public static final int DEFAULT_MAX_PEER_CONNECTIONS = 125;
    /** net.h: DEFAULT_PEER_CONNECT_TIMEOUT, -peertimeout's default. */
    public static final Duration DEFAULT_PEER_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    /** net_permissions.h: DEFAULT_WHITELISTRELAY. */
    public static final boolean DEFAULT_WHITELISTRELAY = true;
    /** net_permissions.h: DEFAULT_WHITELISTFORCERELAY. */
    public static final boolean DEFAULT_WHITELISTFORCERELAY = false;
    /** net.h: DEFAULT_BLOCKSONLY. */
    public static final boolean DEFAULT_BLOCKSONLY = false;
    /** net.h: DEFAULT_LISTEN. */
    public static final boolean DEFAULT_LISTEN = true;
    /** logging.h: DEFAULT_LOGIPS. */
    public static final boolean DEFAULT_LOGIPS = false;
    /** net.h: DEFAULT_MAX_UPLOAD_TARGET ("0M"): no target. */
    public static final long DEFAULT_MAX_UPLOAD_TARGET = 0;
    /** Core's g_local_services for a pruned-capable full node: NODE_NETWORK | NODE_WITNESS | NODE_NETWORK_LIMITED. */
    public static final ServiceFlags DEFAULT_LOCAL_SERVICES = ServiceFlags.of(ServiceFlags.NODE_NETWORK,
            ServiceFlags.NODE_WITNESS, ServiceFlags.NODE_NETWORK_LIMITED);

    public ConnectionOptions {
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections must not be negative: " + maxConnections);
        }
        connect = List.copyOf(connect);
        addNode = List.copyOf(addNode);
        seedNodes = List.copyOf(seedNodes);
        localAddresses = List.copyOf(localAddresses);
        whitelist = List.copyOf(whitelist);
        whitebind = List.copyOf(whitebind);
        Objects.requireNonNull(peerTimeout, "peerTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(localServices, "localServices");
        Objects.requireNonNull(banTime, "banTime");
        Objects.requireNonNull(addrBroadcastInterval, "addrBroadcastInterval");
        if (peerTimeout.isNegative() || peerTimeout.isZero()) {
            throw new IllegalArgumentException("peerTimeout must be positive: " + peerTimeout);
        }
        if (maxUploadTargetBytes < 0) {
            throw new IllegalArgumentException("maxUploadTargetBytes must not be negative: " + maxUploadTargetBytes);
        }
    }

    /** Core's defaults, with the user agent {@code /btcnode:<clientVersion>/}. */
    public static ConnectionOptions defaults(String clientVersion) {
        return new ConnectionOptions(DEFAULT_MAX_PEER_CONNECTIONS, false, List.of(), List.of(), List.of(),
                DEFAULT_LISTEN, List.of(), List.of(), List.of(), DEFAULT_WHITELISTRELAY, DEFAULT_WHITELISTFORCERELAY,
                DEFAULT_PEER_CONNECT_TIMEOUT, userAgent("btcnode", clientVersion, List.of()),
                DEFAULT_LOCAL_SERVICES, DEFAULT_BLOCKSONLY, Duration.ofHours(24), DEFAULT_LOGIPS,
                AddrRelay.AVG_ADDRESS_BROADCAST_INTERVAL, DEFAULT_MAX_UPLOAD_TARGET);
    }

    /**
     * A BIP 14 user agent, as Core's FormatSubVersion: {@code /name:version/}, with the
     * -uacomment comments in parentheses before the closing slash: {@code /btcnode:0.1.0(a; b)/}.
     */
    public static String userAgent(String name, String version, List<String> comments) {
        StringBuilder sb = new StringBuilder("/").append(name).append(':').append(version);
        if (!comments.isEmpty()) {
            sb.append('(').append(String.join("; ", comments)).append(')');
        }
        return sb.append('/').toString();
    }

    /** Whether automatic outbound connections are made (Core's {@code m_use_addrman_outgoing}). */
    public boolean automaticOutbound() {
        return !connectOnly;
    }

    /**
     * Automatic outbound slots: full-relay, block-relay-only and the feeler (Core's
     * {@code m_max_automatic_outbound}).
     */
    public int maxAutomaticOutbound() {
        int fullRelay = Math.min(ConnectionManager.MAX_OUTBOUND_FULL_RELAY_CONNECTIONS, maxConnections);
        int blockRelay = Math.min(ConnectionManager.MAX_BLOCK_RELAY_ONLY_CONNECTIONS, maxConnections - fullRelay);
        return fullRelay + blockRelay + ConnectionManager.MAX_FEELER_CONNECTIONS;
    }

    /** Inbound slots: -maxconnections minus the automatic outbound ones (net.cpp {@code m_max_inbound}). */
    public int maxInbound() {
        return Math.max(0, maxConnections - maxAutomaticOutbound());
    }

    public ConnectionOptions withMaxConnections(int value) {
        return new ConnectionOptions(value, connectOnly, connect, addNode, seedNodes, listen, localAddresses,
                whitelist, whitebind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, localServices,
                blocksOnly, banTime, logIps, addrBroadcastInterval, maxUploadTargetBytes);
    }

    /** -connect: only these peers ({@code List.of()} for -connect=0: none at all). */
    public ConnectionOptions withConnect(List<InetSocketAddress> value) {
        return new ConnectionOptions(maxConnections, true, value, addNode, seedNodes, listen, localAddresses,
                whitelist, whitebind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, localServices,
                blocksOnly, banTime, logIps, addrBroadcastInterval, maxUploadTargetBytes);
    }

    public ConnectionOptions withAddNode(List<InetSocketAddress> value) {
        return new ConnectionOptions(maxConnections, connectOnly, connect, value, seedNodes, listen, localAddresses,
                whitelist, whitebind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, localServices,
                blocksOnly, banTime, logIps, addrBroadcastInterval, maxUploadTargetBytes);
    }

    public ConnectionOptions withSeedNodes(List<InetSocketAddress> value) {
        return new ConnectionOptions(maxConnections, connectOnly, connect, addNode, value, listen, localAddresses,
                whitelist, whitebind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, localServices,
                blocksOnly, banTime, logIps, addrBroadcastInterval, maxUploadTargetBytes);
    }

    public ConnectionOptions withLocalAddresses(List<InetSocketAddress> value) {
        return new ConnectionOptions(maxConnections, connectOnly, connect, addNode, seedNodes, listen, value,
                whitelist, whitebind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, localServices,
                blocksOnly, banTime, logIps, addrBroadcastInterval, maxUploadTargetBytes);
    }

    public ConnectionOptions withWhitelist(List<WhitelistEntry> list, List<WhitebindEntry> bind) {
        return new ConnectionOptions(maxConnections, connectOnly, connect, addNode, seedNodes, listen, localAddresses,
                list, bind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, localServices,
                blocksOnly, banTime, logIps, addrBroadcastInterval, maxUploadTargetBytes);
    }

    /** The mean trickle interval of address relay (tests: milliseconds instead of Core's 30 s). */
    public ConnectionOptions withAddrBroadcastInterval(Duration value) {
        return new ConnectionOptions(maxConnections, connectOnly, connect, addNode, seedNodes, listen, localAddresses,
                whitelist, whitebind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, localServices,
                blocksOnly, banTime, logIps, value, maxUploadTargetBytes);
    }

    public ConnectionOptions withBlocksOnly(boolean value) {
        return new ConnectionOptions(maxConnections, connectOnly, connect, addNode, seedNodes, listen, localAddresses,
                whitelist, whitebind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, localServices,
                value, banTime, logIps, addrBroadcastInterval, maxUploadTargetBytes);
    }

    /** -maxuploadtarget in bytes (0 = none). */
    public ConnectionOptions withMaxUploadTarget(long bytes) {
        return new ConnectionOptions(maxConnections, connectOnly, connect, addNode, seedNodes, listen, localAddresses,
                whitelist, whitebind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, localServices,
                blocksOnly, banTime, logIps, addrBroadcastInterval, bytes);
    }

    /** The services our version message offers (NODE_P2P_V2 in them turns BIP 324 on, -v2transport). */
    public ConnectionOptions withLocalServices(ServiceFlags value) {
        return new ConnectionOptions(maxConnections, connectOnly, connect, addNode, seedNodes, listen, localAddresses,
                whitelist, whitebind, whitelistRelay, whitelistForceRelay, peerTimeout, userAgent, value,
                blocksOnly, banTime, logIps, addrBroadcastInterval, maxUploadTargetBytes);
    }

    /** -v2transport: adds or removes NODE_P2P_V2 in our services. */
    public ConnectionOptions withV2Transport(boolean enabled) {
        return withLocalServices(enabled ? localServices.with(ServiceFlags.NODE_P2P_V2)
                : localServices.without(ServiceFlags.NODE_P2P_V2));
    }
}
