package org.btcnode.net.peer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.message.ServiceFlags;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.EvictionCandidate;
import org.btcnode.net.connman.NetGroup;
import org.btcnode.net.connman.Network;

/**
 * One peer as getpeerinfo reports it (Core's {@code CNodeStats} plus {@code CNodeStateStats}), a
 * snapshot taken on the node-logic thread that any thread may read. Field names follow the RPC's
 * keys. Immutable.
 *
 * @param id                 {@code id}
 * @param addr               {@code addr}: the peer's address and port
 * @param addrBind           {@code addrbind}: our side of the socket
 * @param network            {@code network}
 * @param services           {@code services} / {@code servicesnames}
 * @param relayTxes          {@code relaytxes}
 * @param lastSend           {@code lastsend} ({@link Instant#EPOCH} if never)
 * @param lastRecv           {@code lastrecv} ({@link Instant#EPOCH} if never)
 * @param bytesSent          {@code bytessent}
 * @param bytesRecv          {@code bytesrecv}
 * @param connTime           {@code conntime}
 * @param timeOffset         {@code timeoffset}
 * @param pingTime           {@code pingtime}: the last round trip, empty before the first pong
 * @param minPing            {@code minping}: empty before the first pong
 * @param pingWait           {@code pingwait}: how long the ping in flight has waited, empty if none
 * @param version            {@code version}: 0 before their version message
 * @param subVer             {@code subver}: their user agent
 * @param inbound            {@code inbound}
 * @param connectionType     {@code connection_type} (Core's names: outbound-full-relay, ...)
 * @param transport          {@code transport_protocol_type}
 * @param sessionId          {@code session_id}: hex of the BIP 324 session id, "" for v1
 * @param startingHeight     {@code startingheight}
 * @param permissions        {@code permissions}
 * @param wtxidRelay         BIP 339 negotiated
 * @param addrV2             BIP 155 asked for by the peer
 * @param bytesSentPerMsg    {@code bytessent_per_msg}
 * @param bytesRecvPerMsg    {@code bytesrecv_per_msg}
 * @param handshakeComplete  the version handshake is done (Core lists every peer; this says which have)
 * @param addrRelayEnabled   {@code addr_relay_enabled}
 * @param addrProcessed      {@code addr_processed}
 * @param addrRateLimited    {@code addr_rate_limited}
 * @param sync               {@code presynced_headers}, {@code synced_headers}, {@code synced_blocks}, {@code inflight}
 */
public record PeerInfo(
        PeerId id,
        InetSocketAddress addr,
        InetSocketAddress addrBind,
        Network network,
        ServiceFlags services,
        boolean relayTxes,
        Instant lastSend,
        Instant lastRecv,
        long bytesSent,
        long bytesRecv,
        Instant connTime,
        Duration timeOffset,
        Optional<Duration> pingTime,
        Optional<Duration> minPing,
        Optional<Duration> pingWait,
        int version,
        String subVer,
        boolean inbound,
        String connectionType,
        TransportProtocol transport,
        String sessionId,
        int startingHeight,
        List<String> permissions,
        boolean wtxidRelay,
        boolean addrV2,
        Map<String, Long> bytesSentPerMsg,
        Map<String, Long> bytesRecvPerMsg,
        boolean handshakeComplete,
        boolean addrRelayEnabled,
        long addrProcessed,
        long addrRateLimited,
        ChainHandler.PeerSyncStats sync) {

    public PeerInfo {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(id, "id");
        permissions = List.copyOf(permissions);
        bytesSentPerMsg = Map.copyOf(bytesSentPerMsg);
        bytesRecvPerMsg = Map.copyOf(bytesRecvPerMsg);
    }

    /** Takes the snapshot; node-logic thread only. */
    public static PeerInfo of(Peer peer, Instant now, ChainHandler.PeerSyncStats sync) {
        PeerStats stats = peer.stats();
        Optional<Duration> minPing = peer.minPingTime().equals(EvictionCandidate.NO_PING)
                ? Optional.empty() : Optional.of(peer.minPingTime());
        Optional<Duration> pingWait = peer.pingNonceSent() != 0
                ? Optional.of(Duration.between(peer.pingStart(), now)) : Optional.empty();
        ConnectionType type = peer.connectionType();
        return new PeerInfo(peer.id(), peer.remoteAddress(), peer.connection().localAddress(),
                NetGroup.network(peer.address()), peer.services(), peer.relayTxs(), stats.lastSend(), stats.lastRecv(),
                stats.bytesSent(), stats.bytesRecv(), stats.connected(), peer.timeOffset(), peer.lastPingTime(),
                minPing, pingWait, peer.version().map(v -> v.value()).orElse(0), peer.userAgent(), peer.inbound(),
                PeerLogic.typeName(type), peer.connection().transport(), peer.connection().sessionId(),
                peer.startingHeight(),
                peer.permissions().names(), peer.wtxidRelay(), peer.wantsAddrV2(), stats.bytesSentPerType(),
                stats.bytesRecvPerType(), peer.state() == PeerState.READY,
                peer.addrRelayEnabled(), peer.addrProcessed(), peer.addrRateLimited(), sync);
    }
}
