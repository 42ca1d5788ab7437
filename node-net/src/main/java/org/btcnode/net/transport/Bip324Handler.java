package org.btcnode.net.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.params.Magic;
import org.btcnode.crypto.cipher.Bip324Cipher;
import org.btcnode.crypto.ec.EllSwift;
import org.btcnode.net.peer.PeerId;
import org.slf4j.Logger;

/**
 * BIP 324 v2 transport of one connection, initiator or responder (Core's {@code V2Transport},
 * net.cpp): both sides send a 64-byte ElligatorSwift key and 0-4,095 bytes of random garbage; once
 * the other key is in, the ciphers are derived, and each side sends its garbage terminator and a
 * version packet (authenticating its garbage as AAD), then application packets. Incoming bytes
 * become {@link RawMessage}s for {@link MessageCodec}; outgoing {@code RawMessage}s become packets.
 * One per channel, on its event loop; not sharable.
 *
 * <p>Receiving, as Core's states: KEY (64 bytes), GARB_GARBTERM (up to 4,095 bytes of garbage and
 * the 16-byte terminator), VERSION (the first packet not marked as a decoy; its contents are
 * ignored), APP. Decoy packets (ignore bit) are accepted and dropped in VERSION and APP. A message
 * type is a short id (1-28, BIP 324's table; 29-32 are assigned but unused, so they name no type
 * and the message is ignored as an unknown one) or 0 followed by a 12-byte NUL-padded ASCII type.
 *
 * <p>Bad input, each a {@link Violation#V2_TRANSPORT_ERROR} (disconnect) with Core's log line on
 * {@code net}: a responder seeing a v1 version message under another network's magic; no garbage
 * terminator within 4,095 + 16 bytes; a packet length over 1 + 12 + 4,000,000; a failed tag. An
 * unknown short id or malformed long type drops that message ({@link Violation#INVALID_COMMAND}),
 * as Core sets {@code reject_message}. Memory held for a peer: the bytes it has actually sent, and
 * while one packet is decoded its ciphertext and plaintext copies (a few times the largest allowed
 * packet at most).
 *
 * <p>Sending: messages written before the peer's key arrives wait here, in order, and go out after
 * the version packet (Core holds them in {@code vSendMsg}). No decoys are sent, as in Core.
 *
 * <p>An initiator that is closed having sent at least a v1 header's worth (24 bytes) and received
 * nothing at all marks {@link TransportState#shouldReconnectV1()}, so that node logic retries the
 * address over v1 (Core's {@code ShouldReconnectV1}).
 */
public final class Bip324Handler extends DuplexDecoder {

    /** net.h V2Transport::MAX_GARBAGE_LEN. */
    public static final int MAX_GARBAGE_LEN = 4095;
    /** net.cpp ProcessReceivedPacketBytes: the 0x00 byte, 12 bytes of type and the largest message. */
    public static final int MAX_CONTENTS_LEN = 1 + RawMessage.COMMAND_SIZE + V1FrameCodec.MAX_PROTOCOL_MESSAGE_LENGTH;

    /**
     * The short message ids as Core master has them (net.cpp V2_MESSAGE_IDS,
     * BIP324_SHORTIDS_IMPLEMENTED = 38), index = id (0: the long form): BIP 324's 1-28, 29-36
     * reserved and unused (an empty type, ignored as unknown), 37 {@code feature} (BIP 434).
     */
    static final List<String> SHORT_IDS = List.of("", "addr", "block", "blocktxn", "cmpctblock", "feefilter",
            "filteradd", "filterclear", "filterload", "getblocks", "getblocktxn", "getdata", "getheaders",
            "headers", "inv", "mempool", "merkleblock", "notfound", "ping", "pong", "sendcmpct", "tx",
            "getcfilters", "cfilter", "getcfheaders", "cfheaders", "getcfcheckpt", "cfcheckpt", "addrv2",
            "", "", "", "", "", "", "", "", "feature");

    private static final Logger log = LogCategory.NET.logger();
    private static final byte[] NO_AAD = new byte[0];
    /** net.h V2Transport::VERSION_CONTENTS: empty, reserved for future extensions. */
    private static final byte[] VERSION_CONTENTS = new byte[0];
    /** The bytes of a v1 version header after the magic, which a v2 key from a v1 peer of another network shows. */
    private static final byte[] V1_VERSION_COMMAND = "version\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);

    private enum RecvState { KEY, GARB_GARBTERM, VERSION, APP }

    private final Bip324Cipher cipher;
    private final boolean initiator;
    private final PeerId peer;
    private final TransportState state;
    private byte[] sendGarbage;
    private final HeldWrites pending = new HeldWrites();

    private RecvState recvState = RecvState.KEY;
    private boolean handshakeStarted;
    private boolean sendReady;
    private boolean failed;
    private boolean receivedAny;
    private boolean sentV1HeaderWorth;
    /** Garbage received, the AAD of the first packet; null once that packet authenticated. */
    private byte[] recvAad;
    /** Contents length of the packet being received, -1 until its 3 length bytes are in. */
    private int recvLen = -1;
    /** GARB_GARBTERM: the end offset (from the garbage start) up to which the terminator was looked for. */
    private int garbageChecked;

    /** A handler with a fresh random key and random garbage of 0-4,095 bytes. */
    public Bip324Handler(Magic magic, boolean initiator, PeerId peer, TransportState state, SecureRandom random) {
        this(Bip324Cipher.generate(magic.toByteArray(), random), randomGarbage(random), initiator, peer, state);
    }

    /** A handler with a given cipher and garbage (Core's test constructor; the BIP 324 vectors). */
    Bip324Handler(Bip324Cipher cipher, byte[] garbage, boolean initiator, PeerId peer, TransportState state) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        if (garbage.length > MAX_GARBAGE_LEN) {
            throw new IllegalArgumentException("garbage of " + garbage.length + " bytes; at most " + MAX_GARBAGE_LEN);
        }
        this.sendGarbage = garbage.clone();
        this.initiator = initiator;
        this.peer = Objects.requireNonNull(peer, "peer");
        this.state = Objects.requireNonNull(state, "state");
    }

    private static byte[] randomGarbage(SecureRandom random) {
        byte[] garbage = new byte[random.nextInt(MAX_GARBAGE_LEN + 1)];
        random.nextBytes(garbage);
        return garbage;
    }

    // ---------------------------------------------------------------- handshake start

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            startHandshake(ctx);    // a responder, put in place by the detector once bytes arrived
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startHandshake(ctx);        // an initiator: the key goes out as soon as the socket is up
        super.channelActive(ctx);
    }

    /** Core's StartSendingHandshake: our key and garbage, at once. */
    private void startHandshake(ChannelHandlerContext ctx) {
        if (handshakeStarted) {
            return;
        }
        handshakeStarted = true;
        byte[] key = cipher.ourPubkey();
        ByteBuf first = Unpooled.buffer(key.length + sendGarbage.length);
        first.writeBytes(key).writeBytes(sendGarbage);
        log.debug("start sending v2 handshake to peer={}", peer);
        int length = first.readableBytes();
        ctx.writeAndFlush(first).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess() && length >= V1FrameCodec.HEADER_SIZE) {
                sentV1HeaderWorth = true;
            }
        });
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf b && b.isReadable()) {
            receivedAny = true;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.isReadable()) {
            boolean progress = switch (recvState) {
                case KEY -> receiveKey(ctx, in);
                case GARB_GARBTERM -> receiveGarbage(ctx, in);
                case VERSION, APP -> receivePacket(ctx, in, out);
            };
            if (!progress) {
                return;
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** Core's ProcessReceivedKeyBytes. */
    private boolean receiveKey(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int offset = Magic.SIZE;
        if (!initiator && in.readableBytes() >= offset + V1_VERSION_COMMAND.length
                && matches(in, start + offset, V1_VERSION_COMMAND, V1_VERSION_COMMAND.length)) {
            // not our magic (the detector would have switched to v1), but a v1 version header:
            // a peer of another network
            byte[] theirMagic = new byte[Magic.SIZE];
            in.getBytes(start, theirMagic);
            fail(ctx, "V1 peer with wrong MessageStart " + HexFormat.of().formatHex(theirMagic));
            return false;
        }
        if (in.readableBytes() < EllSwift.ENCODED_LENGTH) {
            return false;
        }
        byte[] theirs = new byte[EllSwift.ENCODED_LENGTH];
        in.readBytes(theirs);
        cipher.initialize(theirs, initiator);
        recvState = RecvState.GARB_GARBTERM;
        // Core: sending becomes READY; the terminator, then the version packet with our garbage as AAD
        startHandshake(ctx);
        byte[] terminator = cipher.sendGarbageTerminator();
        byte[] version = cipher.encrypt(VERSION_CONTENTS, sendGarbage, false);
        sendGarbage = null;
        ByteBuf buf = Unpooled.buffer(terminator.length + version.length);
        buf.writeBytes(terminator).writeBytes(version);
        ctx.write(buf);
        sendReady = true;
        try {
            pending.drainTo((message, promise) -> writeMessage(ctx, (RawMessage) message, promise));
        } catch (Exception e) {
            ctx.fireExceptionCaught(e);
        }
        ctx.flush();
        return true;
    }

    /** Core's ProcessReceivedGarbageBytes, without re-reading what was looked at before. */
    private boolean receiveGarbage(ChannelHandlerContext ctx, ByteBuf in) {
        byte[] terminator = cipher.receiveGarbageTerminator();
        int start = in.readerIndex();
        int available = Math.min(in.readableBytes(), MAX_GARBAGE_LEN + Bip324Cipher.GARBAGE_TERMINATOR_LEN);
        for (int end = Math.max(garbageChecked + 1, Bip324Cipher.GARBAGE_TERMINATOR_LEN); end <= available; end++) {
            if (matches(in, start + end - terminator.length, terminator, terminator.length)) {
                recvAad = new byte[end - terminator.length];
                in.readBytes(recvAad);
                in.skipBytes(terminator.length);
                recvState = RecvState.VERSION;
                return true;
            }
        }
        garbageChecked = Math.max(garbageChecked, available);
        if (available == MAX_GARBAGE_LEN + Bip324Cipher.GARBAGE_TERMINATOR_LEN) {
            fail(ctx, "missing garbage terminator");
        }
        return false;
    }

    /** Core's ProcessReceivedPacketBytes and GetReceivedMessage. */
    private boolean receivePacket(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (recvLen < 0) {
            if (in.readableBytes() < Bip324Cipher.LENGTH_LEN) {
                return false;
            }
            byte[] length = new byte[Bip324Cipher.LENGTH_LEN];
            in.readBytes(length);
            recvLen = cipher.decryptLength(length, 0);
            if (recvLen > MAX_CONTENTS_LEN) {
                fail(ctx, "packet too large (" + recvLen + " bytes)");
                return false;
            }
        }
        int packetLength = Bip324Cipher.HEADER_LEN + recvLen + 16;
        if (in.readableBytes() < packetLength) {
            return false;
        }
        byte[] packet = new byte[packetLength];
        in.readBytes(packet);
        byte[] plain = new byte[Bip324Cipher.HEADER_LEN + recvLen];
        int contentsLength = recvLen;
        recvLen = -1;
        if (!cipher.decrypt(packet, 0, packetLength, recvAad == null ? NO_AAD : recvAad, plain, 0)) {
            fail(ctx, "packet decryption failure (" + contentsLength + " bytes)");
            return false;
        }
        recvAad = null;
        if (Bip324Cipher.ignore(plain[0])) {
            return true;                                    // a decoy
        }
        if (recvState == RecvState.VERSION) {
            recvState = RecvState.APP;                      // contents reserved for future extensions
            state.v2(cipher.sessionId());
            log.debug("v2 transport established, peer={}", peer);
            return true;
        }
        message(ctx, plain, contentsLength, out);
        return true;
    }

    /** The message of one application packet, or the INVALID_COMMAND violation when its type is unusable. */
    private void message(ChannelHandlerContext ctx, byte[] plain, int contentsLength, List<Object> out) {
        int contents = Bip324Cipher.HEADER_LEN;
        String type = null;
        int typeLength = 0;
        if (contentsLength > 0) {
            int first = plain[contents] & 0xff;
            if (first != 0) {
                typeLength = 1;
                type = first < SHORT_IDS.size() ? SHORT_IDS.get(first) : null;
            } else if (contentsLength >= 1 + RawMessage.COMMAND_SIZE) {
                typeLength = 1 + RawMessage.COMMAND_SIZE;
                type = longType(plain, contents + 1);
            }
        }
        if (type == null) {
            String detail = "invalid message type (" + contentsLength + " bytes contents)";
            log.debug("V2 transport error: {}, peer={}", detail, peer);
            ctx.fireUserEventTriggered(new ProtocolViolationException(Violation.INVALID_COMMAND, detail));
            return;
        }
        ByteBuf payload = Unpooled.wrappedBuffer(plain, contents + typeLength, contentsLength - typeLength);
        out.add(new RawMessage(type, payload, contentsLength + Bip324Cipher.EXPANSION));
    }

    /**
     * Core's GetMessageType for the long form: printable ASCII up to the first NUL, only NULs after.
     * Core lets 0x7F through here; no message type contains it, so we treat it as invalid like v1 does.
     */
    private static String longType(byte[] plain, int offset) {
        int length = 0;
        while (length < RawMessage.COMMAND_SIZE && plain[offset + length] != 0) {
            int b = plain[offset + length] & 0xff;
            if (b < 0x20 || b > 0x7e) {
                return null;
            }
            length++;
        }
        for (int i = length; i < RawMessage.COMMAND_SIZE; i++) {
            if (plain[offset + i] != 0) {
                return null;
            }
        }
        return new String(plain, offset, length, StandardCharsets.US_ASCII);
    }

    private void fail(ChannelHandlerContext ctx, String detail) {
        failed = true;
        log.debug("V2 transport error: {}, peer={}", detail, peer);
        ctx.fireUserEventTriggered(new ProtocolViolationException(Violation.V2_TRANSPORT_ERROR, detail));
        ctx.close();
    }

    private static boolean matches(ByteBuf in, int offset, byte[] expected, int length) {
        for (int i = 0; i < length; i++) {
            if (in.getByte(offset + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- sending

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof RawMessage raw)) {
            ctx.write(msg, promise);
            return;
        }
        if (!sendReady) {
            pending.add(raw, promise);
            return;
        }
        writeMessage(ctx, raw, promise);
    }

    /** Core's SetMessageToSend: short id or the 12-byte type, then the payload, as one packet. */
    private void writeMessage(ChannelHandlerContext ctx, RawMessage raw, ChannelPromise promise) {
        try {
            String type = raw.command();
            ByteBuf payload = raw.payload();
            int id = type.isEmpty() ? -1 : SHORT_IDS.indexOf(type);
            int typeLength = id > 0 ? 1 : 1 + RawMessage.COMMAND_SIZE;
            int contentsLength = typeLength + payload.readableBytes();
            byte[] packet = new byte[contentsLength + Bip324Cipher.EXPANSION];
            int contents = Bip324Cipher.LENGTH_LEN + Bip324Cipher.HEADER_LEN;
            if (id > 0) {
                packet[contents] = (byte) id;
            } else {
                byte[] ascii = type.getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(ascii, 0, packet, contents + 1, ascii.length);   // rest stays NUL
            }
            payload.getBytes(payload.readerIndex(), packet, contents + typeLength, payload.readableBytes());
            // contents already sit where the packet wants them: encrypt in place
            cipher.encrypt(packet, contents, contentsLength, NO_AAD, false, packet, 0);
            ctx.write(Unpooled.wrappedBuffer(packet), promise);
            ctx.fireUserEventTriggered(new MessageSent(type, packet.length));
        } finally {
            raw.release();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        pending.fail();
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Core's ShouldReconnectV1: our side opened, nothing came back, a v1 header's worth went out
        state.reconnectV1(initiator && !receivedAny && sentV1HeaderWorth);
        pending.fail();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        pending.fail();
    }
}
