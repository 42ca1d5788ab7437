package org.btcnode.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.btcnode.core.params.Magic;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.crypto.cipher.AeadChaCha20Poly1305;
import org.btcnode.crypto.cipher.Bip324Cipher;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.TransportProtocol;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.V2TestPeer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Bip324Handler} and {@link TransportDetector} over EmbeddedChannels, against
 * {@link V2TestPeer} (a peer written from the BIP on node-crypto alone) and against each other.
 * Handshakes and packet streams are also fed split at every byte.
 */
class Bip324HandlerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final NetworkParameters PARAMS = NetworkParameters.REGTEST;
    private static final Magic MAGIC = PARAMS.magic();
    private static final PeerId ID = PeerId.of(7);

    /** The end of a test pipeline: messages (payload copied out, released) and user events. */
    private static final class Capture extends ChannelInboundHandlerAdapter {
        final List<String> types = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>();
        final List<Integer> wireBytes = new ArrayList<>();
        final List<Object> events = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            RawMessage raw = (RawMessage) msg;
            types.add(raw.command());
            payloads.add(ByteBufUtil.getBytes(raw.payload()));
            wireBytes.add(raw.wireBytes());
            raw.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }

        List<Violation> violations() {
            return events.stream().filter(e -> e instanceof ProtocolViolationException)
                    .map(e -> ((ProtocolViolationException) e).violation()).toList();
        }
    }

    /** One end under test: its framer in an EmbeddedChannel, what reached the top, what it wrote. */
    private static final class Side {
        final TransportState state;
        final Capture capture = new Capture();
        final EmbeddedChannel ch;

        Side(ChannelHandler framer, TransportState state) {
            this.state = state;
            ch = new EmbeddedChannel(framer, capture);
        }

        /** Everything written to the socket since the last call. */
        byte[] sent() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Object o; (o = ch.readOutbound()) != null; ) {
                ByteBuf b = (ByteBuf) o;
                out.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            return out.toByteArray();
        }

        /** The peer's bytes; none arrive once the channel is closed, as on a real socket. */
        void receive(byte[] bytes) {
            if (bytes.length > 0 && ch.isOpen()) {
                ch.writeInbound(Unpooled.wrappedBuffer(bytes));
            }
        }

        ChannelFuture send(String type, byte[] payload) {
            ChannelFuture f = ch.writeAndFlush(new RawMessage(type, Unpooled.wrappedBuffer(payload)));
            ch.runPendingTasks();
            return f;
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A v2 handler with the key material of {@code V2TestPeer(seed)} and {@code garbage} random bytes. */
    private static Side v2(boolean initiator, int garbage, long seed) {
        TransportState state = new TransportState(TransportProtocol.DETECTING);
        V2TestPeer keys = new V2TestPeer(MAGIC, initiator, 0, seed);
        return new Side(new Bip324Handler(keys.cipherCopy(MAGIC), bytes(garbage, seed), initiator, ID, state), state);
    }

    /** An inbound pipeline with v2 on: the detector, then a responder with {@code keys}, or v1. */
    private static Side inbound(V2TestPeer keys, byte[] garbage) {
        TransportState state = new TransportState(TransportProtocol.DETECTING);
        return new Side(new TransportDetector(MAGIC, ID, state,
                () -> new Bip324Handler(keys.cipherCopy(MAGIC), garbage, false, ID, state),
                () -> new V1FrameCodec(PARAMS, ID)), state);
    }

    /** Shuttles bytes between two ends until neither has anything more to say. */
    private static void shuttle(Side a, Side b) {
        for (int i = 0; i < 100; i++) {
            byte[] x = a.sent();
            b.receive(x);
            byte[] y = b.sent();
            a.receive(y);
            if (x.length == 0 && y.length == 0) {
                return;
            }
        }
        throw new AssertionError("the two ends kept talking");
    }

    private static List<String> netLog() {
        return CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text).toList();
    }

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    // ------------------------------------------------------------------ two handlers

    @Test
    void twoHandlersHandshakeAndCarryMessagesQueuedBeforeTheHandshake() {
        Side a = v2(true, 100, 1);
        Side b = v2(false, Bip324Handler.MAX_GARBAGE_LEN, 2);
        a.send("ping", HEX.parseHex("0123456789abcdef"));          // before any key: held back
        b.send("version", bytes(102, 3));                          // not in the short-id table
        assertThat(a.state.protocol()).isEqualTo(TransportProtocol.DETECTING);
        shuttle(a, b);

        assertThat(b.capture.types).containsExactly("ping");
        assertThat(b.capture.payloads.get(0)).isEqualTo(HEX.parseHex("0123456789abcdef"));
        assertThat(b.capture.wireBytes).containsExactly(1 + 8 + Bip324Cipher.EXPANSION);
        assertThat(a.capture.types).containsExactly("version");
        assertThat(a.capture.payloads.get(0)).isEqualTo(bytes(102, 3));
        assertThat(a.capture.wireBytes).containsExactly(13 + 102 + Bip324Cipher.EXPANSION);
        assertThat(a.capture.events).contains(new MessageSent("ping", 1 + 8 + Bip324Cipher.EXPANSION));
        assertThat(a.state.protocol()).isEqualTo(TransportProtocol.V2);
        assertThat(b.state.protocol()).isEqualTo(TransportProtocol.V2);
        assertThat(a.state.sessionId()).hasSize(64).isEqualTo(b.state.sessionId());
        assertThat(a.capture.violations()).isEmpty();
        assertThat(b.capture.violations()).isEmpty();

        // after the handshake, messages go out at once, both ways
        b.send("pong", HEX.parseHex("0123456789abcdef"));
        a.send("getheaders", bytes(1000, 4));
        shuttle(a, b);
        assertThat(a.capture.types).containsExactly("version", "pong");
        assertThat(b.capture.types).containsExactly("ping", "getheaders");
        assertThat(b.capture.payloads.get(1)).isEqualTo(bytes(1000, 4));
    }

    // ------------------------------------------------------------------ against the BIP's text

    @Test
    void anInitiatorSendsKeyGarbageTerminatorVersionAndThenShortIdPackets() {
        Side a = v2(true, 37, 3);
        V2TestPeer peer = new V2TestPeer(MAGIC, false, 50, 4);
        a.send("ping", HEX.parseHex("0123456789abcdef"));
        a.send("sendtxrcncl", HEX.parseHex("01000000"));

        byte[] first = a.sent();
        assertThat(first).hasSize(64 + 37);
        assertThat(Arrays.copyOfRange(first, 64, first.length)).isEqualTo(bytes(37, 3));
        assertThat(peer.receive(first)).isEmpty();                 // the key is in, no terminator yet

        a.receive(peer.keyAndGarbage());
        List<V2TestPeer.Packet> packets = peer.receive(a.sent());
        assertThat(peer.theirGarbage()).isEqualTo(bytes(37, 3));    // authenticated as the version's AAD
        assertThat(packets).hasSize(3);
        assertThat(packets.get(0).decoy()).isFalse();
        assertThat(packets.get(0).contents()).isEmpty();            // the version packet
        assertThat(packets.get(1).contents()[0]).isEqualTo((byte) 18);   // BIP 324: ping = 18
        assertThat(packets.get(1).payload()).isEqualTo(HEX.parseHex("0123456789abcdef"));
        assertThat(packets.get(2).contents()[0]).isZero();          // no short id: the 12-byte form
        assertThat(packets.get(2).type()).isEqualTo("sendtxrcncl");
        assertThat(Arrays.copyOfRange(packets.get(2).contents(), 1, 13))
                .isEqualTo("sendtxrcncl\0".getBytes(StandardCharsets.US_ASCII));

        // the peer's side: decoys before its version and between messages; both forms of a type
        a.receive(V2TestPeer.concat(peer.terminatorAndVersion(2), peer.message("pong", bytes(8, 5)),
                peer.decoy(100), peer.longForm("ping", bytes(8, 6)), peer.message("wtxidrelay", new byte[0])));
        assertThat(a.capture.types).containsExactly("pong", "ping", "wtxidrelay");
        assertThat(a.capture.payloads.get(1)).isEqualTo(bytes(8, 6));
        assertThat(a.state.protocol()).isEqualTo(TransportProtocol.V2);
        assertThat(a.state.sessionId()).isEqualTo(HEX.formatHex(peer.sessionId()));
        assertThat(a.capture.violations()).isEmpty();
    }

    @Test
    void theGarbageTerminatorAndKeyAreThoseOfEveryPacketEncodingVector() throws IOException {
        List<String> rows = vectorRows();
        assertThat(rows).hasSizeGreaterThan(5);
        for (String row : rows) {
            String[] f = row.split(",", -1);
            byte[] priv = HEX.parseHex(f[1]);
            byte[] ours = HEX.parseHex(f[2]);
            byte[] theirs = HEX.parseHex(f[3]);
            boolean initiating = f[4].equals("1");
            Bip324Cipher cipher = new Bip324Cipher(NetworkParameters.MAIN.magic().toByteArray(), priv, ours,
                    AeadChaCha20Poly1305.Backend.PURE_JAVA);
            TransportState state = new TransportState(TransportProtocol.DETECTING);
            Side side = new Side(new Bip324Handler(cipher, new byte[0], initiating, ID, state), state);
            side.receive(theirs);
            byte[] out = side.sent();
            assertThat(Arrays.copyOf(out, 64)).as("row %s key", f[0]).isEqualTo(ours);
            assertThat(Arrays.copyOfRange(out, 64, 80)).as("row %s terminator", f[0])
                    .isEqualTo(HEX.parseHex(f[17]));
            assertThat(out).hasSize(64 + 16 + Bip324Cipher.EXPANSION);    // and an empty version packet
        }
    }

    private static List<String> vectorRows() throws IOException {
        try (InputStream in = Bip324HandlerTest.class.getResourceAsStream(
                "/vectors/bip324/packet_encoding_test_vectors.csv")) {
            assertThat(in).as("packet_encoding vectors").isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.isBlank()).toList();
            return lines.subList(1, lines.size());
        }
    }

    // ------------------------------------------------------------------ every split

    @Test
    void aPeersStreamSplitAtEveryByteDecodesTheSame() {
        V2TestPeer ours = new V2TestPeer(MAGIC, false, 0, 10);
        V2TestPeer peer = new V2TestPeer(MAGIC, true, 60, 11);
        peer.theirKey(ours.pubkey());
        byte[] stream = V2TestPeer.concat(peer.keyAndGarbage(), peer.terminatorAndVersion(1),
                peer.message("ping", bytes(8, 12)), peer.decoy(5), peer.longForm("sendtxrcncl", bytes(4, 13)),
                peer.message("block", bytes(300, 14)));
        byte[] garbage = bytes(20, 15);
        for (int split = 0; split <= stream.length; split++) {
            Side side = inbound(ours, garbage);
            side.receive(Arrays.copyOf(stream, split));
            side.receive(Arrays.copyOfRange(stream, split, stream.length));
            assertDecodedPeerStream(side, "split at " + split);
        }
        Side trickle = inbound(ours, garbage);
        for (byte b : stream) {
            trickle.receive(new byte[] {b});
        }
        assertDecodedPeerStream(trickle, "one byte at a time");
    }

    private static void assertDecodedPeerStream(Side side, String how) {
        assertThat(side.capture.types).as(how).containsExactly("ping", "sendtxrcncl", "block");
        assertThat(side.capture.payloads.get(0)).as(how).isEqualTo(bytes(8, 12));
        assertThat(side.capture.payloads.get(1)).as(how).isEqualTo(bytes(4, 13));
        assertThat(side.capture.payloads.get(2)).as(how).isEqualTo(bytes(300, 14));
        assertThat(side.capture.violations()).as(how).isEmpty();
        assertThat(side.state.protocol()).as(how).isEqualTo(TransportProtocol.V2);
        assertThat(side.ch.isOpen()).as(how).isTrue();
    }

    @Test
    void ourHandshakeSplitAtEveryByteReachesAnotherHandler() {
        Side a = v2(true, 200, 20);
        a.send("ping", bytes(8, 21));
        V2TestPeer bKeys = new V2TestPeer(MAGIC, false, 0, 22);
        // the responder's first flight, fixed: what any fresh responder with these keys sends
        Side probe = new Side(new Bip324Handler(bKeys.cipherCopy(MAGIC), bytes(30, 23), false, ID,
                new TransportState(TransportProtocol.DETECTING)), new TransportState(TransportProtocol.DETECTING));
        a.receive(probe.sent());
        byte[] stream = a.sent();                       // key, garbage, terminator, version, ping
        for (int split = 0; split <= stream.length; split++) {
            TransportState state = new TransportState(TransportProtocol.DETECTING);
            Side b = new Side(new Bip324Handler(bKeys.cipherCopy(MAGIC), bytes(30, 23), false, ID, state), state);
            b.receive(Arrays.copyOf(stream, split));
            b.receive(Arrays.copyOfRange(stream, split, stream.length));
            assertThat(b.capture.types).as("split at %d", split).containsExactly("ping");
            assertThat(b.state.protocol()).isEqualTo(TransportProtocol.V2);
        }
    }

    // ------------------------------------------------------------------ v1 detection

    @Test
    void aV1VersionSplitAtEveryByteFallsBackToV1AndNoKeyIsSent() {
        EmbeddedChannel framer = new EmbeddedChannel(new V1FrameCodec(PARAMS, ID));
        framer.writeOutbound(new RawMessage("version", Unpooled.wrappedBuffer(bytes(102, 30))));
        ByteBuf frameBuf = framer.readOutbound();
        byte[] frame = ByteBufUtil.getBytes(frameBuf);
        frameBuf.release();
        byte[] stream = V2TestPeer.concat(frame, frame);
        for (int split = 0; split <= stream.length; split++) {
            Side side = inbound(new V2TestPeer(MAGIC, false, 0, 31), bytes(10, 32));
            side.receive(Arrays.copyOf(stream, split));
            side.receive(Arrays.copyOfRange(stream, split, stream.length));
            assertThat(side.capture.types).as("split at %d", split).containsExactly("version", "version");
            assertThat(side.capture.payloads.get(1)).isEqualTo(bytes(102, 30));
            assertThat(side.state.protocol()).isEqualTo(TransportProtocol.V1);
            assertThat(side.sent()).as("nothing of v2 goes to a v1 peer").isEmpty();
        }
    }

    @Test
    void theFirstByteThatDiffersFromV1StartsV2AndOurKeyGoesOut() {
        Side side = inbound(new V2TestPeer(MAGIC, false, 0, 40), bytes(25, 41));
        byte[] prefix = Arrays.copyOf(MAGIC.toByteArray(), 6);
        prefix[4] = 'v';
        prefix[5] = 'x';                                // "version" expected
        side.receive(Arrays.copyOf(prefix, 5));
        assertThat(side.sent()).isEmpty();              // still could be v1
        side.receive(new byte[] {prefix[5]});
        assertThat(side.sent()).hasSize(64 + 25);
        assertThat(side.state.protocol()).isEqualTo(TransportProtocol.DETECTING);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void aV1VersionUnderAnotherNetworksMagicIsDisconnected() {
        Side side = inbound(new V2TestPeer(MAGIC, false, 0, 50), new byte[0]);
        byte[] mainnet = V2TestPeer.concat(NetworkParameters.MAIN.magic().toByteArray(),
                "version\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        side.receive(mainnet);
        assertThat(side.ch.isOpen()).isFalse();
        assertThat(side.capture.violations()).containsExactly(Violation.V2_TRANSPORT_ERROR);
        assertThat(netLog()).contains("V2 transport error: V1 peer with wrong MessageStart f9beb4d9, peer=7");
    }

    /** A responder that has the peer's key and is waiting for its garbage terminator. */
    private static Side responderWithKey(V2TestPeer peer) {
        V2TestPeer ours = new V2TestPeer(MAGIC, false, 0, 60);
        Side side = inbound(ours, new byte[0]);
        peer.theirKey(ours.pubkey());
        side.receive(peer.pubkey());
        side.sent();
        return side;
    }

    @Test
    void noGarbageTerminatorWithin4095BytesOfGarbageDisconnects() {
        V2TestPeer peer = new V2TestPeer(MAGIC, true, 0, 61);
        Side side = responderWithKey(peer);
        byte[] garbage = bytes(Bip324Handler.MAX_GARBAGE_LEN + 16, 62);
        side.receive(Arrays.copyOf(garbage, garbage.length - 1));
        assertThat(side.ch.isOpen()).isTrue();          // 4,110 bytes: the terminator may still come
        side.receive(new byte[] {garbage[garbage.length - 1]});
        assertThat(side.ch.isOpen()).isFalse();
        assertThat(side.capture.violations()).containsExactly(Violation.V2_TRANSPORT_ERROR);
        assertThat(netLog()).contains("V2 transport error: missing garbage terminator, peer=7");
        assertThat(side.capture.types).isEmpty();
    }

    @Test
    void garbageOfExactly4095BytesIsAccepted() {
        V2TestPeer peer = new V2TestPeer(MAGIC, true, Bip324Handler.MAX_GARBAGE_LEN, 64);
        Side side = responderWithKey(peer);
        side.receive(V2TestPeer.concat(peer.garbage(), peer.terminatorAndVersion(0), peer.message("ping",
                bytes(8, 65))));
        assertThat(side.capture.types).containsExactly("ping");
    }

    /** A responder past the handshake with {@code peer}. */
    private static Side established(V2TestPeer peer) {
        Side side = responderWithKey(peer);
        side.receive(V2TestPeer.concat(peer.garbage(), peer.terminatorAndVersion(0)));
        assertThat(side.state.protocol()).isEqualTo(TransportProtocol.V2);
        return side;
    }

    @Test
    void aPacketWhoseTagFailsDisconnects() {
        V2TestPeer peer = new V2TestPeer(MAGIC, true, 10, 70);
        Side side = established(peer);
        byte[] ping = peer.message("ping", bytes(8, 71));
        ping[ping.length - 1] ^= 1;
        side.receive(ping);
        assertThat(side.ch.isOpen()).isFalse();
        assertThat(side.capture.types).isEmpty();
        assertThat(side.capture.violations()).containsExactly(Violation.V2_TRANSPORT_ERROR);
        assertThat(netLog()).contains("V2 transport error: packet decryption failure (9 bytes), peer=7");
    }

    @Test
    void aLengthOverTheLimitDisconnectsBeforeAnyOfThePacketIsRead() {
        V2TestPeer peer = new V2TestPeer(MAGIC, true, 10, 72);
        Side side = established(peer);
        byte[] huge = peer.raw(new byte[Bip324Handler.MAX_CONTENTS_LEN + 1]);
        side.receive(Arrays.copyOf(huge, 3));           // the length alone is enough to refuse it
        assertThat(side.ch.isOpen()).isFalse();
        assertThat(side.capture.violations()).containsExactly(Violation.V2_TRANSPORT_ERROR);
        assertThat(netLog()).contains("V2 transport error: packet too large (4000014 bytes), peer=7");
    }

    @Test
    void theLargestAllowedPacketIsAccepted() {
        V2TestPeer peer = new V2TestPeer(MAGIC, true, 10, 73);
        Side side = established(peer);
        byte[] payload = bytes(V1FrameCodec.MAX_PROTOCOL_MESSAGE_LENGTH, 74);
        side.receive(peer.longForm("block", payload));
        assertThat(side.capture.types).containsExactly("block");
        assertThat(side.capture.payloads.get(0)).isEqualTo(payload);
    }

    @Test
    void aV1MessageAfterTheV2HandshakeDisconnects() {
        V2TestPeer peer = new V2TestPeer(MAGIC, true, 10, 75);
        Side side = established(peer);
        EmbeddedChannel framer = new EmbeddedChannel(new V1FrameCodec(PARAMS, ID));
        framer.writeOutbound(new RawMessage("ping", Unpooled.wrappedBuffer(bytes(8, 76))));
        ByteBuf frame = framer.readOutbound();
        side.receive(ByteBufUtil.getBytes(frame));
        frame.release();
        side.receive(bytes(4_000, 77));                 // whatever else a confused v1 peer sends
        assertThat(side.ch.isOpen()).isFalse();
        assertThat(side.capture.types).isEmpty();
        assertThat(side.capture.violations()).containsExactly(Violation.V2_TRANSPORT_ERROR);
    }

    @Test
    void unknownShortIdsAndMalformedTypesAreDroppedAndTheConnectionStays() {
        V2TestPeer peer = new V2TestPeer(MAGIC, true, 10, 78);
        Side side = established(peer);
        byte[] badPadding = new byte[13];
        System.arraycopy("ping".getBytes(StandardCharsets.US_ASCII), 0, badPadding, 1, 4);
        badPadding[12] = 'x';
        side.receive(V2TestPeer.concat(
                peer.raw(new byte[] {(byte) 200, 1, 2}),     // beyond BIP 324's table
                peer.raw(new byte[0]),                       // no type at all
                peer.raw(badPadding),                        // text after the NUL padding
                peer.raw(new byte[] {0, 'p', 'i', 'n', 'g'}),   // the 12-byte form cut short
                peer.raw(new byte[] {29, 9}),                // reserved: an unknown type
                peer.raw(new byte[] {36}),                   // the last reserved id
                peer.raw(new byte[] {37, 1}),                // BIP 434's feature
                peer.message("ping", bytes(8, 79))));
        assertThat(side.capture.violations()).containsExactly(Violation.INVALID_COMMAND, Violation.INVALID_COMMAND,
                Violation.INVALID_COMMAND, Violation.INVALID_COMMAND);
        assertThat(side.capture.types).containsExactly("", "", "feature", "ping");
        assertThat(side.ch.isOpen()).isTrue();
        assertThat(netLog()).contains("V2 transport error: invalid message type (3 bytes contents), peer=7");
    }

    // ------------------------------------------------------------------ v1 fallback

    @Test
    void anInitiatorClosedBeforeAnyReplyAsksToRetryOverV1() {
        Side silent = v2(true, 0, 80);
        assertThat(silent.sent()).hasSize(64);
        silent.ch.close();
        assertThat(silent.state.shouldReconnectV1()).isTrue();

        Side answered = v2(true, 0, 81);
        answered.sent();
        answered.receive(new byte[] {1});               // a v2 responder started its key
        answered.ch.close();
        assertThat(answered.state.shouldReconnectV1()).isFalse();

        Side responder = inbound(new V2TestPeer(MAGIC, false, 0, 82), new byte[0]);
        responder.receive(new byte[] {1});
        responder.ch.close();
        assertThat(responder.state.shouldReconnectV1()).isFalse();
    }

    @Test
    void messagesHeldBeforeTheHandshakeAreReleasedWhenTheChannelCloses() {
        Side a = v2(true, 0, 83);
        RawMessage held = new RawMessage("ping", Unpooled.wrappedBuffer(bytes(8, 84)));
        ChannelFuture f = a.ch.writeAndFlush(held);
        assertThat(f.isDone()).isFalse();
        a.ch.close();
        assertThat(held.refCnt()).isZero();
        assertThat(f.isSuccess()).isFalse();
    }
}
