package org.btcnode.net.transport;

import java.util.Objects;

/**
 * User event {@link MessageCodec} fires towards {@link PeerHandler} when it encodes an outgoing
 * message: the command and its size on the wire (header included). Core counts sent bytes per
 * message type when a message is pushed (net.cpp {@code CNode::AccountForSentBytes}), not when
 * the socket takes them; so do we. Immutable.
 */
public record MessageSent(String command, int wireBytes) {
    public MessageSent {
        Objects.requireNonNull(command, "command");
    }
}
