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

    /** Queues a message for sending; a no-op once the connection is closed. */
    void send(Message message);

    /**
     * When bytes last arrived from the peer, complete message or not (Core's {@code m_last_recv}),
     * on the node's clock; {@link Instant#EPOCH} if never or if the transport does not track it.
     */
    default Instant lastReceived() {
        return Instant.EPOCH;
    }

    /** Bytes queued for sending but not yet written to the socket (for -maxsendbuffer and RPC). */
    long pendingSendBytes();

    /**
     * Closes the connection. Idempotent. {@link PeerEvents#onDisconnected} follows exactly once,
     * whichever side closed first.
     */
    void close();
}
