package org.btcnode.net.transport;

import java.util.Objects;

import org.btcnode.core.message.Message;

/**
 * One message as {@link MessageCodec} passes it up the pipeline: the decoded value and the bytes
 * it took on the wire (the 24-byte v1 header included), for Core's per-message-type byte counts
 * and the receive budget. Immutable.
 */
public record DecodedMessage(Message message, int wireBytes) {
    public DecodedMessage {
        Objects.requireNonNull(message, "message");
        if (wireBytes < 0) {
            throw new IllegalArgumentException("wireBytes must not be negative: " + wireBytes);
        }
    }
}
