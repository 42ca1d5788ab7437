package org.btcnode.net;

import java.util.concurrent.atomic.AtomicLong;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.Message;
import org.btcnode.net.connman.ConnectionManager;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.transport.Violation;
import org.slf4j.Logger;

/**
 * Stands between the transport and the connection manager: counts every byte sent and received
 * for getnettotals (Core's nTotalBytesSent/nTotalBytesRecv, kept across disconnections), and
 * while setnetworkactive has switched P2P off closes each new connection before the manager sees
 * it (Core's AcceptConnection: "not accepting new connections"). Events arrive on the node-logic
 * thread; the totals may be read from any thread.
 */
final class NetworkGate implements PeerEvents {
    private static final Logger log = LogCategory.NET.logger();

    private final ConnectionManager manager;
    private final AtomicLong totalBytesSent = new AtomicLong();
    private final AtomicLong totalBytesRecv = new AtomicLong();

    NetworkGate(ConnectionManager manager) {
        this.manager = manager;
    }

    long totalBytesSent() {
        return totalBytesSent.get();
    }

    long totalBytesRecv() {
        return totalBytesRecv.get();
    }

    @Override
    public void onConnected(PeerConnection connection) {
        if (!manager.networkActive()) {
            log.debug("connection dropped (not accepting new connections) peer={}", connection.id());
            connection.close();                 // onDisconnected follows and clears any pending attempt
            return;
        }
        manager.onConnected(connection);
    }

    @Override
    public void onMessage(PeerId peer, Message message, int wireBytes) {
        totalBytesRecv.addAndGet(wireBytes);
        manager.onMessage(peer, message, wireBytes);
    }

    @Override
    public void onViolation(PeerId peer, Violation violation, String detail) {
        manager.onViolation(peer, violation, detail);
    }

    @Override
    public void onSent(PeerId peer, String command, int wireBytes) {
        totalBytesSent.addAndGet(wireBytes);
        manager.onSent(peer, command, wireBytes);
    }

    @Override
    public void onDisconnected(PeerId peer) {
        manager.onDisconnected(peer);
    }

    @Override
    public void onConnectFailed(PeerId peer, String reason) {
        manager.onConnectFailed(peer, reason);
    }
}
