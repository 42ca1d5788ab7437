package org.btcnode.net.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.btcnode.core.params.Magic;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.crypto.hash.Sha256;
import org.btcnode.net.peer.PeerId;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * v1 (pre-BIP 324) framing of one connection: {@code magic(4) | command(12, NUL-padded) |
 * length(uint32 LE) | checksum(SHA256d(payload)[0..4]) | payload}. Decodes bytes into
 * {@link RawMessage}s and encodes outgoing ones. One per channel, on its event loop; not sharable.
 *
 * <p>Bad input is handled as Core's {@code V1Transport} and {@code CNode::ReceiveMsgBytes} handle it
 * (see {@link Violation}): a wrong magic or an announced length over
 * {@link #MAX_PROTOCOL_MESSAGE_LENGTH} closes the channel as soon as the 24-byte header is in,
 * before a payload byte is kept; a wrong checksum or a malformed command drops that one message
 * and the connection carries on. Each case is one DEBUG line on {@code btc.net} ending in
 * {@code peer=<id>}, and a {@link ProtocolViolationException} passed down the pipeline as a user
 * event, so that the peer handler can account for it; it is never thrown into the pipeline.
 *
 * <p>The decoder keeps {@code ByteToMessageDecoder}'s contract: the reader index does not move
 * until a whole frame is buffered, offsets count from {@code readerIndex()}, the payload is a
 * retained slice of the received bytes, and nothing is allocated for a size a peer announced.
 */
public final class V1FrameCodec extends ByteToMessageCodec<RawMessage> {

    /** net.h: maximum length of incoming protocol messages (no message over 4 MB is allowed). */
    public static final int MAX_PROTOCOL_MESSAGE_LENGTH = 4 * 1000 * 1000;
    /** protocol.h CMessageHeader::MESSAGE_START_SIZE. */
    public static final int MESSAGE_START_SIZE = Magic.SIZE;
    /** protocol.h CMessageHeader::CHECKSUM_SIZE. */
    public static final int CHECKSUM_SIZE = 4;
    /** protocol.h CMessageHeader::HEADER_SIZE: magic, command, length, checksum. */
    public static final int HEADER_SIZE = MESSAGE_START_SIZE + RawMessage.COMMAND_SIZE + 4 + CHECKSUM_SIZE;

    private static final int COMMAND_OFFSET = MESSAGE_START_SIZE;
    private static final int LENGTH_OFFSET = COMMAND_OFFSET + RawMessage.COMMAND_SIZE;
    private static final int CHECKSUM_OFFSET = LENGTH_OFFSET + 4;

    private static final Logger log = LogCategory.NET.logger();
    private static final HexFormat HEX = HexFormat.of();

    private final Magic magic;
    private final byte[] magicBytes;
    private final PeerId peer;
    /**
     * Set once a violation closed the channel: any bytes still delivered before the handler is
     * removed (e.g. by decodeLast on channelInactive) are discarded unread, as Core stops reading.
     */
    private boolean failed;

    /** A codec for the chain of {@code params}; {@code peer} names the connection in log lines. */
    public V1FrameCodec(NetworkParameters params, PeerId peer) {
        this(params.magic(), peer);
    }

    /** A codec for the chain whose message start is {@code magic}; {@code peer} names the connection in log lines. */
    public V1FrameCodec(Magic magic, PeerId peer) {
        this.magic = Objects.requireNonNull(magic, "magic");
        this.magicBytes = magic.toByteArray();
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_SIZE) {
            return;
        }
        int start = in.readerIndex();
        // net.cpp V1Transport::readHeader: the magic and then the size are checked once the whole
        // header is in, before any payload byte is stored.
        if (!hasMagic(in, start)) {
            disconnect(ctx, in, new ProtocolViolationException(Violation.BAD_MAGIC,
                    "wrong MessageStart " + new Magic(in.getInt(start))));
            return;
        }
        long length = in.getUnsignedIntLE(start + LENGTH_OFFSET);
        if (length > MAX_PROTOCOL_MESSAGE_LENGTH) {
            disconnect(ctx, in, new ProtocolViolationException(Violation.OVERSIZED_MESSAGE,
                    "size too large (" + sanitize(commandText(in, start)) + ", " + length + " bytes)"));
            return;
        }
        int payloadLength = (int) length;
        if (in.readableBytes() < HEADER_SIZE + payloadLength) {
            return; // the cumulation grows only by bytes that actually arrived
        }
        int payloadStart = start + HEADER_SIZE;
        byte[] expected = checksum(in, payloadStart, payloadLength);
        if (!checksumMatches(in, start + CHECKSUM_OFFSET, expected)) {
            drop(ctx, in, payloadLength, new ProtocolViolationException(Violation.BAD_CHECKSUM,
                    "wrong checksum (" + sanitize(commandText(in, start)) + ", " + payloadLength
                            + " bytes), expected " + HEX.formatHex(expected) + " was "
                            + HEX.formatHex(bytes(in, start + CHECKSUM_OFFSET, CHECKSUM_SIZE))));
            return;
        }
        if (!isCommandValid(in, start + COMMAND_OFFSET)) {
            drop(ctx, in, payloadLength, new ProtocolViolationException(Violation.INVALID_COMMAND,
                    "invalid message type (" + sanitize(commandText(in, start)) + ", " + payloadLength
                            + " bytes)"));
            return;
        }
        String command = commandText(in, start);
        in.skipBytes(HEADER_SIZE);
        out.add(new RawMessage(command, in.readRetainedSlice(payloadLength)));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RawMessage msg, ByteBuf out) {
        ByteBuf payload = msg.payload();
        int length = payload.readableBytes();
        out.ensureWritable(HEADER_SIZE + length);
        out.writeBytes(magicBytes);
        byte[] command = msg.command().getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(command);
        out.writeZero(RawMessage.COMMAND_SIZE - command.length);
        out.writeIntLE(length);
        out.writeBytes(checksum(payload, payload.readerIndex(), length));
        out.writeBytes(payload, payload.readerIndex(), length);
        ctx.fireUserEventTriggered(new MessageSent(msg.command(), HEADER_SIZE + length));
    }

    private void disconnect(ChannelHandlerContext ctx, ByteBuf in, ProtocolViolationException violation) {
        failed = true;
        in.skipBytes(in.readableBytes());
        log.debug("header error: {}; disconnecting peer={}", violation.getMessage(), peer);
        ctx.fireUserEventTriggered(violation);
        ctx.close();
    }

    private void drop(ChannelHandlerContext ctx, ByteBuf in, int payloadLength, ProtocolViolationException violation) {
        in.skipBytes(HEADER_SIZE + payloadLength);
        log.debug("header error: {}; message dropped, peer={}", violation.getMessage(), peer);
        ctx.fireUserEventTriggered(violation);
    }

    private boolean hasMagic(ByteBuf in, int start) {
        return in.getInt(start) == magic.value(); // big-endian, as Magic holds the wire bytes
    }

    /** protocol.cpp CMessageHeader::IsCommandValid: printable ASCII, then only NULs after the first NUL. */
    private static boolean isCommandValid(ByteBuf in, int offset) {
        boolean padding = false;
        for (int i = 0; i < RawMessage.COMMAND_SIZE; i++) {
            int b = in.getUnsignedByte(offset + i);
            if (padding) {
                if (b != 0) {
                    return false;
                }
            } else if (b == 0) {
                padding = true;
            } else if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** protocol.cpp CMessageHeader::GetCommand: the bytes up to the first NUL (raw, unchecked). */
    private static String commandText(ByteBuf in, int start) {
        int offset = start + COMMAND_OFFSET;
        int length = 0;
        while (length < RawMessage.COMMAND_SIZE && in.getByte(offset + length) != 0) {
            length++;
        }
        return in.toString(offset, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean checksumMatches(ByteBuf in, int offset, byte[] expected) {
        for (int i = 0; i < CHECKSUM_SIZE; i++) {
            if (in.getByte(offset + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first 4 bytes of SHA256d over {@code length} bytes at {@code offset}, without copying them. */
    static byte[] checksum(ByteBuf buf, int offset, int length) {
        MessageDigest digest = Sha256.newDigest();
        if (length > 0) {
            for (ByteBuffer part : buf.nioBuffers(offset, length)) {
                digest.update(part);
            }
        }
        byte[] first = digest.digest();
        byte[] second = digest.digest(first);
        byte[] result = new byte[CHECKSUM_SIZE];
        System.arraycopy(second, 0, result, 0, CHECKSUM_SIZE);
        return result;
    }

    private static byte[] bytes(ByteBuf in, int offset, int length) {
        byte[] result = new byte[length];
        in.getBytes(offset, result);
        return result;
    }

    /**
     * Printable ASCII only, everything else removed: peer-chosen text in a log line. A stand-in for
     * LogText.sanitize (being written in node-core), which is to replace it.
     */
    private static String sanitize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
