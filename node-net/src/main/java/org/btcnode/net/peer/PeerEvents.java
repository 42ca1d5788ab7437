package org.btcnode.net.peer;

import org.btcnode.core.message.Message;
import org.btcnode.net.transport.Violation;

/**
 * What the transport tells node logic about connections. The transport posts every call to the
 * {@link org.btcnode.net.logic.NodeLoop}, so implementations run on the node-logic thread, one
 * call at a time, in the order the events happened on the connection.
 */
public interface PeerEvents {
    /** The transport is ready (TCP connected; for BIP324, the handshake done): send version now if outbound. */
    void onConnected(PeerConnection connection);

    /**
     * One decoded message. {@code wireBytes} is what it took on the wire (header included), for
     * per-message-type statistics.
     */
    void onMessage(PeerId peer, Message message, int wireBytes);

    /**
     * A message that was refused at the transport or decode level; {@code detail} is safe to log.
     * For {@link org.btcnode.net.transport.Outcome#DISCONNECT} the transport has already closed.
     */
    void onViolation(PeerId peer, Violation violation, String detail);

    /** A bytes-sent statistic: a message of this command went out with {@code wireBytes}. */
    void onSent(PeerId peer, String command, int wireBytes);

    /** The connection is closed (by either side). The last event for this peer. */
    void onDisconnected(PeerId peer);

    /** An outbound connection attempt failed before it was established (refused, timeout). */
    void onConnectFailed(PeerId peer, String reason);

    /**
     * The connection's send queue fell back under half of -maxsendbuffer after being over it
     * (Netty's writability): node logic may resume what it held back, such as serving blocks.
     */
    default void onSendDrained(PeerId peer) {
    }
}
