package org.btcnode.net.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;
import java.util.Objects;

import org.btcnode.core.message.Addr;
import org.btcnode.core.message.Headers;
import org.btcnode.core.message.Inv;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.MessageType;
import org.btcnode.core.message.Messages;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.net.peer.PeerId;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * Turns {@link RawMessage}s into {@link DecodedMessage}s with node-core's {@link Messages}, and
 * outgoing {@link Message}s into {@link RawMessage}s for the framer. One per channel, on its event
 * loop (decoding is event-loop work, DESIGN.md "Threads"); not sharable.
 *
 * <p>Each incoming {@code RawMessage} is released once its payload is copied out (the base class
 * does it, also when decoding fails). A payload that does not decode is never thrown into the
 * pipeline: it becomes a {@link ProtocolViolationException} passed up as a user event, like the
 * framer's, and one DEBUG line on {@code btc.net}:
 * <ul>
 *   <li>a leading entry count over its limit in {@code inv}, {@code getdata}, {@code addr},
 *       {@code addrv2} or {@code headers} is {@link Violation#OVERSIZED_COUNT}
 *       (net_processing.cpp: Misbehaving, discourage);</li>
 *   <li>anything else is {@link Violation#MALFORMED_PAYLOAD}: net_processing.cpp ProcessMessages
 *       catches the deserialisation exception, logs it and drops the message.</li>
 * </ul>
 * A command node-core does not know arrives as an {@link org.btcnode.core.message.UnknownMessage};
 * node logic ignores it, as Core's ProcessMessage does ("Unknown command").
 *
 * <p>Outgoing, the framer below (v1 or v2) fires a {@link MessageSent} user event towards the peer
 * handler for the bytes-sent statistics, as only it knows the size on the wire.
 */
public final class MessageCodec extends MessageToMessageCodec<RawMessage, Message> {

    private static final Logger log = LogCategory.NET.logger();

    private final PeerId peer;

    /** A codec for one connection; {@code peer} names it in log lines. */
    public MessageCodec(PeerId peer) {
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, RawMessage raw, List<Object> out) {
        String command = raw.command();
        int payloadLength = raw.payload().readableBytes();
        int wireBytes = raw.wireBytes();
        byte[] payload = ByteBufUtil.getBytes(raw.payload());
        Message message;
        try {
            message = Messages.decode(command, payload);
        } catch (WireFormatException e) {
            Violation violation = violationFor(command, payload, e.kind());
            String detail = "bad " + command + " message (" + payloadLength + " bytes): " + e.getMessage();
            log.debug("{}: {}; {}, peer={}", violation, detail,
                    violation.outcome() == Outcome.DROP ? "message dropped" : "discouraging", peer);
            ctx.fireUserEventTriggered(new ProtocolViolationException(violation, detail));
            return;
        }
        out.add(new DecodedMessage(message, wireBytes));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, List<Object> out) {
        String command = Messages.command(message);
        byte[] payload = Messages.encode(message);
        out.add(new RawMessage(command, Unpooled.wrappedBuffer(payload)));
    }

    /**
     * The violation for a payload that failed with {@code kind}. Core punishes only a count over the
     * limit in the messages whose handlers call Misbehaving for it, and only the leading count of
     * the payload: a field inside an entry that is too long (an addrv2 address over 512 bytes)
     * fails deserialisation like any other malformed payload, which only drops the message.
     */
    static Violation violationFor(String command, byte[] payload, WireFormatException.Kind kind) {
        if (kind != WireFormatException.Kind.LIMIT_EXCEEDED) {
            return Violation.MALFORMED_PAYLOAD;
        }
        long limit = switch (MessageType.fromCommand(command).orElse(MessageType.UNKNOWN)) {
            // net_processing.cpp: "inv message size = %u", "getdata message size = %u",
            // "addr message size = %u", "headers message size = %u" are Misbehaving.
            case INV, GETDATA -> Inv.MAX_INV_SZ;
            case ADDR, ADDRV2 -> Addr.MAX_ADDR_TO_SEND;
            case HEADERS -> Headers.MAX_HEADERS_RESULTS;
            default -> -1;
        };
        if (limit < 0) {
            return Violation.MALFORMED_PAYLOAD;
        }
        long count = leadingCount(payload);
        return count > limit ? Violation.OVERSIZED_COUNT : Violation.MALFORMED_PAYLOAD;
    }

    /** The CompactSize at the start of {@code payload} (unsigned, any encoding), or -1 if it is cut short. */
    private static long leadingCount(byte[] payload) {
        if (payload.length == 0) {
            return -1;
        }
        int first = payload[0] & 0xff;
        int size = first < 0xfd ? 0 : first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
        if (size == 0) {
            return first;
        }
        if (payload.length < 1 + size) {
            return -1;
        }
        long value = 0;
        for (int i = size; i >= 1; i--) {
            value = (value << 8) | (payload[i] & 0xff);
        }
        return value < 0 ? Long.MAX_VALUE : value;
    }
}
