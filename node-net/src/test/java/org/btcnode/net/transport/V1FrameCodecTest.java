package org.btcnode.net.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.btcnode.core.params.Magic;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.net.peer.PeerId;
import org.junit.jupiter.api.Test;

class V1FrameCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MAINNET = NetworkParameters.MAIN.magic().toByteArray();

    // mainnet verack: magic | "verack" + NUL padding | length 0 | checksum = SHA256d("")[0..4]
    private static final byte[] VERACK = HEX.parseHex("f9beb4d9" + "76657261636b000000000000" + "00000000" + "5df6e0e2");
    // ping with the 8-byte nonce 0123456789abcdef (BIP 31); checksum computed with Python's hashlib
    private static final byte[] PING = HEX.parseHex(
            "f9beb4d9" + "70696e670000000000000000" + "08000000" + "137ad663" + "0123456789abcdef");
    // the matching pong: same payload, so the same checksum
    private static final byte[] PONG = HEX.parseHex(
            "f9beb4d9" + "706f6e670000000000000000" + "08000000" + "137ad663" + "0123456789abcdef");
    // Developer Reference version message, framed for mainnet (vectors/devref/SOURCES.md)
    private static final byte[] VERSION = HEX.parseHex(resource("/vectors/devref/version-frame.hex").strip());
    private static final String VERSION_PAYLOAD = HEX.formatHex(VERSION, 24, VERSION.length);

    /** What came out of one channel: messages (command, payload hex), violations, open or not. */
    private record Result(List<String> messages, List<Violation> violations, boolean open) {}

    private static final List<String> VALID_MESSAGES = List.of(
            "version " + VERSION_PAYLOAD, "verack ", "ping 0123456789abcdef", "pong 0123456789abcdef");
    private static final byte[] VALID_STREAM = concat(VERSION, VERACK, PING, PONG);

    // ---- STYLE.md §9's example --------------------------------------------------------------

    @Test
    void decodesAFrameSplitAtEveryByteBoundary() {
        for (int cut = 1; cut < VERACK.length; cut++) {
            Harness h = new Harness();
            assertThat(h.ch.writeInbound(h.alloc.copyOf(VERACK, 0, cut))).as("early frame, cut=%d", cut).isFalse();
            assertThat(h.ch.writeInbound(h.alloc.copyOf(VERACK, cut, VERACK.length))).as("cut=%d", cut).isTrue();
            RawMessage msg = h.ch.readInbound();
            assertThat(msg.command()).isEqualTo("verack");
            assertThat(msg.payload().readableBytes()).isZero();
            msg.release();
            assertThat(h.ch.finish()).as("bytes left over, cut=%d", cut).isFalse();
            h.assertAllReleased();
        }
    }

    // ---- valid streams ----------------------------------------------------------------------

    @Test
    void decodesTheDeveloperReferenceVersionFrame() {
        Result r = run(VERSION, Set.of());
        assertThat(r.messages()).containsExactly("version " + VERSION_PAYLOAD);
        assertThat(VERSION_PAYLOAD).hasSize(2 * 101);
        assertThat(r.open()).isTrue();
    }

    @Test
    void decodesAStreamOfFramesSplitAtEveryByteBoundary() {
        for (int cut = 1; cut < VALID_STREAM.length; cut++) {
            Result r = run(VALID_STREAM, Set.of(cut));
            assertThat(r.messages()).as("cut=%d", cut).isEqualTo(VALID_MESSAGES);
            assertThat(r.violations()).isEmpty();
            assertThat(r.open()).isTrue();
        }
    }

    @Test
    void decodesAStreamFedOneByteAtATime() {
        Result r = run(VALID_STREAM, everyByte(VALID_STREAM));
        assertThat(r.messages()).isEqualTo(VALID_MESSAGES);
        assertThat(r.open()).isTrue();
    }

    @Property(tries = 200)
    void decodesAStreamInAnyChunking(@ForAll("cutsOfValidStream") Set<Integer> cuts) {
        Result r = run(VALID_STREAM, cuts);
        assertThat(r.messages()).isEqualTo(VALID_MESSAGES);
        assertThat(r.violations()).isEmpty();
        assertThat(r.open()).isTrue();
    }

    @Provide
    Arbitrary<Set<Integer>> cutsOfValidStream() {
        return Arbitraries.integers().between(1, VALID_STREAM.length - 1).set().ofMaxSize(40);
    }

    @Test
    void acceptsAnAllNulCommandAsCoreDoes() {
        // protocol.cpp IsCommandValid accepts 12 NULs (GetCommand() is then ""); net_processing ignores it.
        byte[] empty = HEX.parseHex("f9beb4d9" + "000000000000000000000000" + "00000000" + "5df6e0e2");
        Result r = run(concat(empty, VERACK), Set.of());
        assertThat(r.messages()).containsExactly(" ", "verack ");
        assertThat(r.open()).isTrue();
    }

    @Test
    void decodesAMessageOfExactlyMaxProtocolMessageLength() {
        byte[] payload = new byte[V1FrameCodec.MAX_PROTOCOL_MESSAGE_LENGTH];
        new java.util.Random(42).nextBytes(payload);
        Harness sender = new Harness();
        sender.ch.writeOutbound(new RawMessage("block", sender.alloc.copyOf(payload, 0, payload.length)));
        ByteBuf wire = sender.ch.readOutbound();
        byte[] frame = ByteBufUtil.getBytes(wire);
        wire.release();
        sender.finish();

        Harness h = new Harness();
        int chunk = 64 * 1024;
        for (int from = 0; from < frame.length; from += chunk) {
            h.write(frame, from, Math.min(frame.length, from + chunk));
            assertThat(h.ch.isOpen()).isTrue();
        }
        RawMessage msg = h.ch.readInbound();
        assertThat(msg.command()).isEqualTo("block");
        assertThat(ByteBufUtil.getBytes(msg.payload())).isEqualTo(payload);
        msg.release();
        Result r = h.finish();
        assertThat(r.violations()).isEmpty();
        assertThat(r.open()).isTrue();
    }

    @Test
    void waitsForThePayloadOfAnAnnouncedMaximumLengthMessage() {
        byte[] header = header("block", V1FrameCodec.MAX_PROTOCOL_MESSAGE_LENGTH, "00000000");
        Result r = run(concat(header, new byte[1000]), Set.of());
        assertThat(r.messages()).isEmpty();
        assertThat(r.violations()).isEmpty();
        assertThat(r.open()).as("waits for the payload").isTrue();
    }

    // ---- invalid streams: split at every byte -----------------------------------------------

    @Test
    void wrongMagicDisconnectsOnceItsHeaderIsComplete() {
        byte[] testnetVerack = HEX.parseHex("0b110907" + "76657261636b000000000000" + "00000000" + "5df6e0e2");
        byte[] stream = concat(PING, testnetVerack, VERACK);
        int headerComplete = PING.length + V1FrameCodec.HEADER_SIZE;
        for (int cut = 1; cut < stream.length; cut++) {
            Harness h = new Harness();
            h.write(stream, 0, cut);
            assertThat(h.ch.isOpen()).as("cut=%d", cut).isEqualTo(cut < headerComplete);
            h.write(stream, cut, stream.length);
            Result r = h.finish();
            assertThat(r.messages()).as("cut=%d", cut).containsExactly("ping 0123456789abcdef");
            assertThat(r.violations()).containsExactly(Violation.BAD_MAGIC);
            assertThat(r.open()).isFalse();
        }
        assertThat(run(stream, everyByte(stream)).violations()).containsExactly(Violation.BAD_MAGIC);
    }

    @Test
    void oversizedLengthDisconnectsBeforeThePayloadIsBuffered() {
        byte[] oversized = header("block", V1FrameCodec.MAX_PROTOCOL_MESSAGE_LENGTH + 1, "00000000");
        byte[] stream = concat(VERACK, oversized, new byte[300], VERACK);
        int headerComplete = VERACK.length + V1FrameCodec.HEADER_SIZE;
        for (int cut = 1; cut < stream.length; cut++) {
            Harness h = new Harness();
            h.write(stream, 0, cut);
            assertThat(h.ch.isOpen()).as("cut=%d", cut).isEqualTo(cut < headerComplete);
            h.write(stream, cut, stream.length);
            Result r = h.finish();
            assertThat(r.messages()).as("cut=%d", cut).containsExactly("verack ");
            assertThat(r.violations()).containsExactly(Violation.OVERSIZED_MESSAGE);
            assertThat(r.open()).isFalse();
        }
        // a uint32 length that would be negative as a Java int
        Result max = run(header("block", 0xffffffffL, "00000000"), Set.of());
        assertThat(max.violations()).containsExactly(Violation.OVERSIZED_MESSAGE);
        assertThat(max.open()).isFalse();
    }

    @Test
    void badChecksumDropsTheMessageAndKeepsTheConnection() {
        byte[] badPing = PING.clone();
        badPing[20] ^= 0x01; // first checksum byte
        byte[] stream = concat(VERACK, badPing, PONG);
        for (int cut = 1; cut < stream.length; cut++) {
            Result r = run(stream, Set.of(cut));
            assertThat(r.messages()).as("cut=%d", cut).containsExactly("verack ", "pong 0123456789abcdef");
            assertThat(r.violations()).containsExactly(Violation.BAD_CHECKSUM);
            assertThat(r.open()).isTrue();
        }
        Result byteWise = run(stream, everyByte(stream));
        assertThat(byteWise.messages()).containsExactly("verack ", "pong 0123456789abcdef");
        assertThat(byteWise.violations()).containsExactly(Violation.BAD_CHECKSUM);
    }

    @Test
    void badPayloadByteIsABadChecksum() {
        byte[] badVersion = VERSION.clone();
        badVersion[badVersion.length - 1] = 0; // relay flag flipped: checksum no longer matches
        Result r = run(concat(badVersion, VERACK), Set.of());
        assertThat(r.messages()).containsExactly("verack ");
        assertThat(r.violations()).containsExactly(Violation.BAD_CHECKSUM);
        assertThat(r.open()).isTrue();
    }

    @Test
    void malformedCommandsDropTheMessageAndKeepTheConnection() {
        // a byte after the first NUL, a control character, DEL, a non-ASCII byte: IsCommandValid says no
        List<String> badCommands = List.of(
                "7665720061636b0000000000", // "ver\0ack"
                "76657261636b0a0000000000", // "verack\n"
                "76657261636b7f0000000000", // "verack" DEL
                "76657261636be90000000000", // "verack" 0xe9
                "76657261636b000000000001"); // last padding byte not NUL
        for (String command : badCommands) {
            byte[] bad = HEX.parseHex("f9beb4d9" + command + "00000000" + "5df6e0e2");
            byte[] stream = concat(PING, bad, VERACK);
            for (int cut = 1; cut < stream.length; cut++) {
                Result r = run(stream, Set.of(cut));
                assertThat(r.messages()).as("%s cut=%d", command, cut)
                        .containsExactly("ping 0123456789abcdef", "verack ");
                assertThat(r.violations()).containsExactly(Violation.INVALID_COMMAND);
                assertThat(r.open()).isTrue();
            }
        }
    }

    @Test
    void checksumIsCheckedBeforeTheCommandAsInCore() {
        byte[] bad = HEX.parseHex("f9beb4d9" + "7665720061636b0000000000" + "00000000" + "00000000");
        Result r = run(bad, Set.of());
        assertThat(r.violations()).containsExactly(Violation.BAD_CHECKSUM);
        assertThat(r.open()).isTrue();
    }

    @Test
    void violationsMapToCoresOutcomes() {
        assertThat(Violation.BAD_MAGIC.outcome()).isEqualTo(Outcome.DISCONNECT);
        assertThat(Violation.OVERSIZED_MESSAGE.outcome()).isEqualTo(Outcome.DISCONNECT);
        assertThat(Violation.BAD_CHECKSUM.outcome()).isEqualTo(Outcome.DROP);
        assertThat(Violation.INVALID_COMMAND.outcome()).isEqualTo(Outcome.DROP);
        ProtocolViolationException e = new ProtocolViolationException(Violation.BAD_MAGIC, "wrong MessageStart");
        assertThat(e.outcome()).isEqualTo(Outcome.DISCONNECT);
        assertThat(e.getStackTrace()).as("peers must not make us build stack traces").isEmpty();
    }

    // ---- encoder ----------------------------------------------------------------------------

    @Test
    void encodesTheDeveloperReferenceVersionFrameByteForByte() {
        Harness h = new Harness();
        ByteBuf payload = h.alloc.copyOf(VERSION, 24, VERSION.length);
        assertThat(h.ch.writeOutbound(new RawMessage("version", payload))).isTrue();
        ByteBuf out = h.ch.readOutbound();
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(VERSION);
        out.release();
        assertThat(payload.refCnt()).as("the encoder releases what it wrote").isZero();
        h.finish();
    }

    @Test
    void encodesVerackAndPingAsCoreFramesThem() {
        Harness h = new Harness();
        h.ch.writeOutbound(new RawMessage("verack", h.alloc.heapBuffer(0)),
                new RawMessage("ping", h.alloc.copyOf(HEX.parseHex("0123456789abcdef"), 0, 8)));
        ByteBuf verack = h.ch.readOutbound();
        ByteBuf ping = h.ch.readOutbound();
        assertThat(ByteBufUtil.getBytes(verack)).isEqualTo(VERACK);
        assertThat(ByteBufUtil.getBytes(ping)).isEqualTo(PING);
        verack.release();
        ping.release();
        h.finish();
    }

    @Property(tries = 200)
    void encodeThenDecodeGivesTheSameMessage(@ForAll("commands") String command,
            @ForAll @Size(max = 3000) byte[] payload, @ForAll @IntRange(min = 1, max = 64) int chunk) {
        Harness sender = new Harness();
        sender.ch.writeOutbound(new RawMessage(command, sender.alloc.copyOf(payload, 0, payload.length)));
        ByteBuf wire = sender.ch.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(wire);
        wire.release();
        sender.finish();
        assertThat(bytes).hasSize(V1FrameCodec.HEADER_SIZE + payload.length);

        Set<Integer> cuts = new TreeSet<>();
        for (int i = chunk; i < bytes.length; i += chunk) {
            cuts.add(i);
        }
        Result r = run(bytes, cuts);
        assertThat(r.messages()).containsExactly(command + " " + HEX.formatHex(payload));
        assertThat(r.violations()).isEmpty();
    }

    @Provide
    Arbitrary<String> commands() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(12);
    }

    @Test
    void rawMessageRejectsCommandsAV1HeaderCannotCarry() {
        ByteBuf payload = Unpooled.EMPTY_BUFFER;
        assertThatThrownBy(() -> new RawMessage("sendaddrv2xxxx", payload)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RawMessage("ver\u0000ack", payload)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RawMessage("vérack", payload)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RawMessage.isValidCommand("sendaddrv2")).isTrue();
        assertThat(RawMessage.isValidCommand("")).isTrue();
    }

    @Test
    void framesWithTheMagicItWasGiven() {
        // regtest fabfb5da: a mainnet frame is a wrong MessageStart there, a regtest one decodes
        EmbeddedChannel ch = new EmbeddedChannel(new V1FrameCodec(NetworkParameters.REGTEST, PeerId.of(2)));
        byte[] regtestVerack = VERACK.clone();
        System.arraycopy(Magic.fromHex("fabfb5da").toByteArray(), 0, regtestVerack, 0, 4);
        assertThat(ch.writeInbound(Unpooled.wrappedBuffer(regtestVerack))).isTrue();
        RawMessage msg = ch.readInbound();
        assertThat(msg.command()).isEqualTo("verack");
        msg.release();
        ch.writeInbound(Unpooled.wrappedBuffer(VERACK));
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    // ---- harness ----------------------------------------------------------------------------

    /** Feeds {@code stream} cut at {@code cuts}, stopping when the channel closes; releases everything. */
    private static Result run(byte[] stream, Set<Integer> cuts) {
        Harness h = new Harness();
        int from = 0;
        for (int cut : new TreeSet<>(cuts)) {
            h.write(stream, from, cut);
            from = cut;
        }
        h.write(stream, from, stream.length);
        return h.finish();
    }

    private static Set<Integer> everyByte(byte[] stream) {
        Set<Integer> cuts = new TreeSet<>();
        for (int i = 1; i < stream.length; i++) {
            cuts.add(i);
        }
        return cuts;
    }

    private static final class Harness {
        final TrackingAllocator alloc = new TrackingAllocator();
        final List<Violation> violations = new ArrayList<>();
        final EmbeddedChannel ch = new EmbeddedChannel();

        Harness() {
            ch.config().setAllocator(alloc);
            ch.pipeline().addLast(new V1FrameCodec(NetworkParameters.MAIN, PeerId.of(7)), new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof ProtocolViolationException e) {
                        violations.add(e.violation());
                    }
                }
            });
        }

        /** Writes {@code stream[from, to)} unless the codec closed the channel (Core stops reading then). */
        void write(byte[] stream, int from, int to) {
            if (from < to && ch.isOpen()) {
                ch.writeInbound(alloc.copyOf(stream, from, to));
            }
        }

        Result finish() {
            boolean open = ch.isOpen();
            List<String> messages = new ArrayList<>();
            for (Object o; (o = ch.readInbound()) != null; ) {
                RawMessage m = (RawMessage) o;
                messages.add(m.command() + " " + ByteBufUtil.hexDump(m.payload()));
                m.release();
            }
            ch.finishAndReleaseAll();
            assertAllReleased();
            return new Result(messages, List.copyOf(violations), open);
        }

        void assertAllReleased() {
            assertThat(alloc.unreleased()).as("unreleased buffers of %d", alloc.allocatedCount()).isZero();
        }
    }

    private static byte[] header(String command, long length, String checksumHex) {
        ByteBuf buf = Unpooled.buffer(V1FrameCodec.HEADER_SIZE);
        try {
            buf.writeBytes(MAINNET);
            byte[] c = command.getBytes(StandardCharsets.US_ASCII);
            buf.writeBytes(c).writeZero(RawMessage.COMMAND_SIZE - c.length);
            buf.writeIntLE((int) length);
            buf.writeBytes(HEX.parseHex(checksumHex));
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] result = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, result, at, p.length);
            at += p.length;
        }
        return result;
    }

    private static String resource(String name) {
        try (InputStream in = V1FrameCodecTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
