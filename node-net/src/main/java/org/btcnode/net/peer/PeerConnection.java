package org.btcnode.net.peer;

import java.net.InetSocketAddress;
import java.time.Instant;

import org.btcnode.core.message.Message;
import org.btcnode.net.connman.ConnectionType;

/**
 * Node logic's handle on one open connection. The transport implements it over a Netty channel
 * (tests over a fake). Thread-safe: node logic calls it from its own thread and the
 * implementation hands work to the connection's event loop; nothing here blocks.
 */
public interface PeerConnection {
    PeerId id();

    ConnectionType connectionType();

    /** Derived from the connection type: only {@link ConnectionType#INBOUND} connections are inbound. */
    default boolean inbound() {
        return connectionType() == ConnectionType.INBOUND;
    }

    /** The peer's address and port (for inbound: the port it connected from). */
    InetSocketAddress remoteAddress();

    /** Our side of the socket. */
    InetSocketAddress localAddress();

    TransportProtocol transport();

    /** getpeerinfo's {@code session_id}: hex of the BIP 324 session id once v2 is up, else "". */
    default String sessionId() {
        return "";
    }

    /**
     * Whether this outbound v2 attempt ended the way a v1-only peer ends it (closed having received
     * nothing), so that the address is to be tried again over v1 (Core's ShouldReconnectV1).
     * Meaningful once the connection has closed.
     */
    default boolean shouldReconnectV1() {
        return false;
    }

    /** Queues a message for sending; a no-op once the connection is closed. */
    void send(Message message);

    /**
     * When bytes last arrived from the peer, complete message or not (Core's {@code m_last_recv}),
     * on the node's clock; {@link Instant#EPOCH} if never or if the transport does not track it.
     */
    default Instant lastReceived() {
        return Instant.EPOCH;
    }

    /**
     * When bytes last reached the socket (Core's {@code m_last_send}: any bytes, a BIP 324 handshake
     * included), on the node's clock; {@link Instant#EPOCH} if never or if the transport does not
     * track it.
     */
    default Instant lastSent() {
        return Instant.EPOCH;
    }

    /**
     * Core's fPauseSend: the send queue is over -maxsendbuffer (or a send is still on its way to
     * the queue), so node logic holds back further bulk data (blocks) until
     * {@link PeerEvents#onSendDrained} or its next tick.
     */
    default boolean sendPaused() {
        return false;
    }

    /** Bytes queued for sending but not yet written to the socket (for -maxsendbuffer and RPC). */
    long pendingSendBytes();

    /**
     * Closes the connection. Idempotent. {@link PeerEvents#onDisconnected} follows exactly once,
     * whichever side closed first.
     */
    void close();
}
