package org.btcnode.daemon;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.btcnode.net.P2PNetwork;
import org.btcnode.net.connman.ConnectionManager;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerLogic;
import org.btcnode.net.peer.TransportProtocol;

/**
 * The network figures of the status line and the metrics endpoint: the peers in the connection
 * table by connection type and transport, and the address book's new and tried counts. Taken on
 * the node-logic thread ({@link #query}, {@link #of(ConnectionManager)}), read anywhere. Immutable.
 *
 * @param byLink peers of each (connection type, transport) pair (every pair present, zero included)
 * @param addrmanNew addresses in the address book's new table
 * @param addrmanTried addresses in its tried table
 */
public record NetworkStatus(Map<Link, Integer> byLink, int addrmanNew, int addrmanTried) {
    /** The order types are printed in: ours first, as Core's -netinfo reads, then theirs. */
    static final List<ConnectionType> TYPE_ORDER = List.of(ConnectionType.OUTBOUND_FULL_RELAY,
            ConnectionType.BLOCK_RELAY, ConnectionType.MANUAL, ConnectionType.FEELER, ConnectionType.ADDR_FETCH,
            ConnectionType.INBOUND);

    public NetworkStatus {
        byLink = Map.copyOf(byLink);
    }

    /** One peer's place in the counts. */
    public record Link(ConnectionType type, TransportProtocol transport) {
    }

    /** Counts {@code peers}; every (type, transport) pair gets an entry. */
    static NetworkStatus of(Collection<Link> peers, int addrmanNew, int addrmanTried) {
        Map<Link, Integer> byLink = new HashMap<>();
        for (ConnectionType t : ConnectionType.values()) {
            for (TransportProtocol p : TransportProtocol.values()) {
                byLink.put(new Link(t, p), 0);
            }
        }
        for (Link link : peers) {
            byLink.merge(link, 1, Integer::sum);
        }
        return new NetworkStatus(byLink, addrmanNew, addrmanTried);
    }

    /** Takes the figures on the node-logic thread; the caller's thread waits for them (never node logic's own). */
    static NetworkStatus query(P2PNetwork network) {
        return network.query(NetworkStatus::of);
    }

    /** Node-logic thread only: every peer in the table, open or closing, as getconnectioncount counts them. */
    public static NetworkStatus of(ConnectionManager manager) {
        Collection<Peer> peers = manager.peers();
        return of(peers.stream().map(p -> new Link(p.connectionType(), p.connection().transport())).toList(),
                manager.addrMan().newCount(), manager.addrMan().triedCount());
    }

    /** Peers of each connection type (every type present, zero included). */
    public Map<ConnectionType, Integer> byType() {
        Map<ConnectionType, Integer> out = new EnumMap<>(ConnectionType.class);
        byLink.forEach((link, n) -> out.merge(link.type(), n, Integer::sum));
        return out;
    }

    /** Peers on each transport (every transport present, zero included). */
    public Map<TransportProtocol, Integer> byTransport() {
        Map<TransportProtocol, Integer> out = new EnumMap<>(TransportProtocol.class);
        byLink.forEach((link, n) -> out.merge(link.transport(), n, Integer::sum));
        return out;
    }

    /** All peers. */
    int peers() {
        return byLink.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * {@code 10 peers (8 outbound-full-relay, 2 block-relay-only, 0 manual, 0 feeler, 0 addr-fetch,
     * 0 inbound; v1 10, v2 0), addrman 12345 new / 678 tried}: types with getpeerinfo's
     * {@code connection_type} names; inbound peers whose transport is not known yet add
     * {@code , detecting N} after v2.
     */
    String describe() {
        StringBuilder out = new StringBuilder(160);
        Map<ConnectionType, Integer> byType = byType();
        Map<TransportProtocol, Integer> byTransport = byTransport();
        int total = peers();
        out.append(total).append(total == 1 ? " peer (" : " peers (");
        for (int i = 0; i < TYPE_ORDER.size(); i++) {
            ConnectionType type = TYPE_ORDER.get(i);
            out.append(i == 0 ? "" : ", ").append(byType.get(type)).append(' ').append(PeerLogic.typeName(type));
        }
        out.append("; v1 ").append(byTransport.get(TransportProtocol.V1))
                .append(", v2 ").append(byTransport.get(TransportProtocol.V2));
        int detecting = byTransport.get(TransportProtocol.DETECTING);
        if (detecting > 0) {
            out.append(", detecting ").append(detecting);
        }
        return out.append("), addrman ").append(addrmanNew).append(" new / ").append(addrmanTried).append(" tried")
                .toString();
    }
}
