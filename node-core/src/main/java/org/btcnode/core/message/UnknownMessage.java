package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Bytes;

/**
 * A message whose command this node does not know, passed up rather than failed (Core logs
 * "Unknown command" and ignores it). Holds the command and the raw payload. Immutable.
 */
public record UnknownMessage(String command, Bytes payload) implements Message {
    public UnknownMessage {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(payload, "payload");
    }

    /** The command and the payload's length: a peer's 4 MB payload does not belong in a log line. */
    @Override
    public String toString() {
        return "UnknownMessage[command=" + command + ", payload=" + payload.size() + " bytes]";
    }

    @Override
    public MessageType type() {
        return MessageType.UNKNOWN;
    }
}
