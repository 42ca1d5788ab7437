package org.btcnode.core.message;

import java.util.Objects;

/**
 * A message whose command this node does not know, passed up rather than failed (Core logs
 * "Unknown command" and ignores it). Holds the command and the raw payload. Immutable.
 */
public record UnknownMessage(String command, Bytes payload) implements Message {
    public UnknownMessage {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public MessageType type() {
        return MessageType.UNKNOWN;
    }
}
