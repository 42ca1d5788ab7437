package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Bytes;
import org.btcnode.core.wire.WireFormatException;

import static org.btcnode.core.wire.WireFormatException.Kind.LIMIT_EXCEEDED;

/**
 * The entry point from a transport: a command and a whole payload to a {@link Message}, and
 * back. Enforces {@link #MAX_PROTOCOL_MESSAGE_LENGTH}. Stateless and thread-safe.
 */
public final class Messages {
    /** net.h: the largest payload Core accepts (a block of the maximum weight fits). */
    public static final int MAX_PROTOCOL_MESSAGE_LENGTH = 4_000_000;

    private Messages() {
    }

    /**
     * Decodes a payload. A command this node does not know gives an {@link UnknownMessage}, not an
     * error; a payload over the limit or malformed throws {@link WireFormatException}, nothing else.
     * Bytes after the last field are ignored, as Core ignores them.
     */
    public static Message decode(String command, byte[] payload) {
        Objects.requireNonNull(command, "command");
        checkLength(payload.length);
        return MessageType.fromCommand(command)
                .map(type -> type.decode(payload))
                .orElseGet(() -> new UnknownMessage(command, Bytes.of(payload)));
    }

    /**
     * Decodes a payload whose type the transport already knows (a BIP 324 short id looked up with
     * {@link MessageType#fromShortId}); same limits and errors as {@link #decode(String, byte[])}.
     */
    public static Message decode(MessageType type, byte[] payload) {
        if (type == MessageType.UNKNOWN) {
            throw new IllegalArgumentException("an unknown message needs its command: use decode(String, byte[])");
        }
        checkLength(payload.length);
        return type.decode(payload);
    }

    /** The payload of a message (an unknown one gives back its raw payload). */
    public static byte[] encode(Message message) {
        byte[] payload = message.type() == MessageType.UNKNOWN
                ? ((UnknownMessage) message).payload().toByteArray()
                : message.type().encode(message);
        if (payload.length > MAX_PROTOCOL_MESSAGE_LENGTH) {
            throw new IllegalArgumentException(command(message) + " payload of " + payload.length + " bytes, over "
                    + MAX_PROTOCOL_MESSAGE_LENGTH);
        }
        return payload;
    }

    /** The command string of a message, its own for an unknown one. */
    public static String command(Message message) {
        return message.type() == MessageType.UNKNOWN ? ((UnknownMessage) message).command() : message.type().command();
    }

    /**
     * Fails with {@code LIMIT_EXCEEDED} for a payload longer than Core accepts; a transport calls
     * it with the length in a header, before it buffers the payload.
     */
    public static void checkLength(long payloadLength) {
        if (payloadLength > MAX_PROTOCOL_MESSAGE_LENGTH) {
            throw new WireFormatException(LIMIT_EXCEEDED, "payload of " + payloadLength + " bytes, over "
                    + MAX_PROTOCOL_MESSAGE_LENGTH);
        }
    }
}
