package org.btcnode.net.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerState;
import org.btcnode.net.transport.TransportOptions;

/**
 * Starts a whole {@link P2PNetwork} for integration tests: regtest, listening on 127.0.0.1 port 0,
 * no address to dial but what {@code -connect} names, in-memory bans, no anchors file, one I/O
 * thread. Nothing is ever dialled outside loopback.
 */
public final class LoopbackNode {
    public static final NetworkParameters PARAMS = NetworkParameters.REGTEST;
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    public static final String CLIENT_VERSION = "0.1.0";

    private LoopbackNode() {
    }

    /** -connect=0 -listen=1 -bind=127.0.0.1:0: a node that only accepts. */
    public static ConnectionOptions listenOnly() {
        return ConnectionOptions.defaults(CLIENT_VERSION).withConnect(List.of());
    }

    public static TransportOptions transport() {
        return TransportOptions.defaults().withIoThreads(1);
    }

    public static P2PNetwork start(ConnectionOptions connection, TransportOptions transport, InstantSource clock)
            throws IOException {
        return start(connection, transport, clock, new MemoryHeaderStore(), new MemoryBlockStore());
    }

    /** A node on these chain stores (e.g. pre-loaded with blocks, or reused to restart). */
    public static P2PNetwork start(ConnectionOptions connection, TransportOptions transport, InstantSource clock,
            HeaderStore headers, BlockStore blocks) throws IOException {
        return P2PNetwork.start(new P2PNetwork.Setup(PARAMS, connection, transport,
                List.of(new InetSocketAddress(LOOPBACK, 0)), new InMemoryBanStore(),
                AddrMan.load(new InMemoryAddressBookStore(), new Random(1), clock), null, clock, headers, blocks,
                Bootstrap.Options.disabled()));
    }

    public static P2PNetwork start() throws IOException {
        return start(listenOnly(), transport(), InstantSource.system());
    }

    public static InetSocketAddress address(P2PNetwork node) {
        return node.boundAddresses().get(0);
    }

    /** Peers in the node's table (open or closing). */
    public static int peerCount(P2PNetwork node) {
        return node.query(m -> m.peers().size());
    }

    /** Inbound peers the node holds open (not already being disconnected). */
    public static long openInbound(P2PNetwork node) {
        return node.query(m -> m.peers().stream().filter(p -> p.inbound() && p.state().isOpen()).count());
    }

    /** Peers that completed the version handshake. */
    public static long ready(P2PNetwork node) {
        return node.query(m -> m.peers().stream().filter(LoopbackNode::isReady).count());
    }

    private static boolean isReady(Peer p) {
        return p.state() == PeerState.READY;
    }
}
