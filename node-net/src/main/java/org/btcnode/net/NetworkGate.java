package org.btcnode.net;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.MessageType;
import org.btcnode.net.connman.ConnectionManager;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.PeerStats;
import org.btcnode.net.transport.Violation;
import org.slf4j.Logger;

/**
 * Stands between the transport and the connection manager: counts every byte sent and received
 * for getnettotals (Core's nTotalBytesSent/nTotalBytesRecv, kept across disconnections), per
 * message type as getpeerinfo's {@code bytessent_per_msg} keys them (for the metrics endpoint), and
 * while setnetworkactive has switched P2P off closes each new connection before the manager sees
 * it (Core's AcceptConnection: "not accepting new connections"). Events arrive on the node-logic
 * thread; the totals may be read from any thread.
 */
final class NetworkGate implements PeerEvents {
    private static final Logger log = LogCategory.NET.logger();

    private final ConnectionManager manager;
    private final BytesPerType sent = new BytesPerType();
    private final BytesPerType received = new BytesPerType();

    NetworkGate(ConnectionManager manager) {
        this.manager = manager;
    }

    long totalBytesSent() {
        return total(bytesSentPerType());
    }

    long totalBytesRecv() {
        return total(bytesRecvPerType());
    }

    /** Bytes sent per command since start, only types with bytes, sorted; unknown commands under "*other*". */
    Map<String, Long> bytesSentPerType() {
        return sent.snapshot();
    }

    /** Bytes received per command since start, as {@link #bytesSentPerType()}. */
    Map<String, Long> bytesRecvPerType() {
        return received.snapshot();
    }

    static long total(Map<String, Long> perType) {
        return perType.values().stream().mapToLong(Long::longValue).sum();
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
        received.add(message.type(), wireBytes);
        manager.onMessage(peer, message, wireBytes);
    }

    @Override
    public void onViolation(PeerId peer, Violation violation, String detail) {
        manager.onViolation(peer, violation, detail);
    }

    @Override
    public void onSent(PeerId peer, String command, int wireBytes) {
        sent.add(MessageType.fromCommand(command).orElse(MessageType.UNKNOWN), wireBytes);
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

    /**
     * One counter per {@link MessageType} ({@link MessageType#UNKNOWN} for commands we do not
     * know, Core's NET_MESSAGE_TYPE_OTHER): no allocation per message. Written on the node-logic
     * thread, read from any.
     */
    private static final class BytesPerType {
        private static final MessageType[] TYPES = MessageType.values();
        private final AtomicLongArray bytes = new AtomicLongArray(TYPES.length);

        void add(MessageType type, int wireBytes) {
            bytes.addAndGet(type.ordinal(), wireBytes);
        }

        Map<String, Long> snapshot() {
            Map<String, Long> out = new TreeMap<>();
            for (MessageType type : TYPES) {
                long n = bytes.get(type.ordinal());
                if (n > 0) {
                    out.put(type == MessageType.UNKNOWN ? PeerStats.MESSAGE_TYPE_OTHER : type.command(), n);
                }
            }
            return Collections.unmodifiableMap(out);
        }
    }
}
