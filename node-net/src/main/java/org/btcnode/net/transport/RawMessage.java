package org.btcnode.net.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.util.Objects;

/**
 * One framed message before its payload is decoded: the command (Core's message type) and the
 * payload bytes. Reference counted ({@link io.netty.util.ReferenceCounted}): whoever receives a
 * {@code RawMessage} from the pipeline releases it, once; the encoder releases what it writes.
 * The command is always one {@link V1FrameCodec} can frame: at most 12 printable ASCII characters.
 */
public final class RawMessage extends DefaultByteBufHolder {

    /** protocol.h CMessageHeader::COMMAND_SIZE: the command field is 12 bytes, NUL-padded. */
    public static final int COMMAND_SIZE = 12;

    private final String command;
    private final int wireBytes;

    /** A message as v1 frames it: its wire size is the 24-byte header plus the payload. */
    public RawMessage(String command, ByteBuf payload) {
        this(command, payload, V1FrameCodec.HEADER_SIZE + payload.readableBytes());
    }

    /**
     * A message that took {@code wireBytes} on the wire (a v2 packet: contents plus
     * {@code Bip324Cipher.EXPANSION}), for Core's per-message-type byte counts.
     */
    public RawMessage(String command, ByteBuf payload, int wireBytes) {
        super(Objects.requireNonNull(payload, "payload"));
        this.command = checkCommand(command);
        if (wireBytes < 0) {
            throw new IllegalArgumentException("wireBytes must not be negative: " + wireBytes);
        }
        this.wireBytes = wireBytes;
    }

    /** The bytes this message took on the wire, framing included. */
    public int wireBytes() {
        return wireBytes;
    }

    /** The command, e.g. {@code "verack"}, without its NUL padding. */
    public String command() {
        return command;
    }

    /** The payload; its reader index and length are those of the message body. */
    public ByteBuf payload() {
        return content();
    }

    /**
     * Whether {@code command} can go in a v1 header: at most {@link #COMMAND_SIZE} characters, each
     * printable ASCII (0x20-0x7E), as protocol.cpp CMessageHeader::IsCommandValid accepts them.
     */
    public static boolean isValidCommand(String command) {
        if (command == null || command.length() > COMMAND_SIZE) {
            return false;
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String checkCommand(String command) {
        if (!isValidCommand(command)) {
            throw new IllegalArgumentException("not a v1 command (at most 12 printable ASCII characters): "
                    + (command == null ? "null" : command.length() + " characters"));
        }
        return command;
    }

    @Override
    public RawMessage replace(ByteBuf content) {
        return new RawMessage(command, content, wireBytes);
    }

    @Override
    public RawMessage copy() {
        return (RawMessage) super.copy();
    }

    @Override
    public RawMessage duplicate() {
        return (RawMessage) super.duplicate();
    }

    @Override
    public RawMessage retainedDuplicate() {
        return (RawMessage) super.retainedDuplicate();
    }

    @Override
    public RawMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public RawMessage retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public RawMessage touch() {
        super.touch();
        return this;
    }

    @Override
    public RawMessage touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawMessage other && command.equals(other.command) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * command.hashCode() + super.hashCode();
    }

    @Override
    public String toString() {
        return "RawMessage(" + command + ", " + content().readableBytes() + " bytes)";
    }
}
