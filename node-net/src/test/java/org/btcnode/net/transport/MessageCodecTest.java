package org.btcnode.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.UnknownMessage;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.peer.PeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    // Developer Reference version message, framed for mainnet (vectors/devref/SOURCES.md)
    private static final byte[] VERSION_FRAME = HEX.parseHex(resource("/vectors/devref/version-frame.hex").strip());

    /** MessageCodec alone, fed RawMessages from a counting allocator; records what it passes up. */
    private static final class Harness {
        final TrackingAllocator alloc = new TrackingAllocator();
        final List<Object> events = new ArrayList<>();
        final EmbeddedChannel ch = new EmbeddedChannel();

        Harness(boolean withFramer) {
            ch.config().setAllocator(alloc);
            if (withFramer) {
                ch.pipeline().addLast(new V1FrameCodec(NetworkParameters.MAIN, PeerId.of(3)));
            }
            ch.pipeline().addLast(new MessageCodec(PeerId.of(3)), new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    events.add(evt);
                }
            });
        }

        RawMessage raw(String command, String payloadHex) {
            byte[] payload = HEX.parseHex(payloadHex);
            return new RawMessage(command, alloc.copyOf(payload, 0, payload.length));
        }

        List<Violation> violations() {
            return events.stream().filter(e -> e instanceof ProtocolViolationException)
                    .map(e -> ((ProtocolViolationException) e).violation()).toList();
        }

        void assertAllReleased() {
            assertThat(ch.finishAndReleaseAll()).as("left in the channel").isFalse();
            assertThat(alloc.unreleased()).as("buffers not released").isZero();
        }
    }

    @Test
    void decodesTheDeveloperReferenceVersionThroughTheFramer() {
        Harness h = new Harness(true);
        h.ch.writeInbound(h.alloc.copyOf(VERSION_FRAME, 0, VERSION_FRAME.length));
        DecodedMessage decoded = h.ch.readInbound();
        Version v = (Version) decoded.message();
        assertThat(v.version().value()).isEqualTo(70002);
        assertThat(v.userAgent()).isEqualTo("/Satoshi:0.9.3/");
        assertThat(v.startingHeight()).isEqualTo(329167);
        assertThat(v.nonce()).isEqualTo(0xf85379c9cb358012L);
        assertThat(decoded.wireBytes()).isEqualTo(24 + 101).isEqualTo(VERSION_FRAME.length);
        assertThat(h.events).isEmpty();
        h.assertAllReleased();
    }

    @Test
    void decodesAPingAndCountsHeaderAndPayload() {
        Harness h = new Harness(false);
        h.ch.writeInbound(h.raw("ping", "0123456789abcdef"));
        DecodedMessage decoded = h.ch.readInbound();
        // the nonce is little-endian on the wire
        assertThat(decoded.message()).isEqualTo(new Ping(0xefcdab8967452301L));
        assertThat(decoded.wireBytes()).isEqualTo(32);
        h.assertAllReleased();
    }

    @Test
    void passesAnUnknownCommandUpWithItsPayload() {
        Harness h = new Harness(false);
        h.ch.writeInbound(h.raw("sendtxrcncl", "0100000002000000000000ff"));
        DecodedMessage decoded = h.ch.readInbound();
        assertThat(decoded.message()).isEqualTo(new UnknownMessage("sendtxrcncl", Bytes.fromHex("0100000002000000000000ff")));
        assertThat(decoded.wireBytes()).isEqualTo(24 + 12);
        assertThat(h.events).isEmpty();
        h.assertAllReleased();
    }

    @Test
    void aFourByteVersionIsMalformedAndDroppedConnectionKept() {
        Harness h = new Harness(false);
        h.ch.writeInbound(h.raw("version", "7f110100"));
        assertThat((Object) h.ch.readInbound()).isNull();
        assertThat(h.violations()).containsExactly(Violation.MALFORMED_PAYLOAD);
        assertThat(h.ch.isOpen()).isTrue();
        // the next message still decodes
        h.ch.writeInbound(h.raw("verack", ""));
        assertThat(((DecodedMessage) h.ch.readInbound()).message()).isEqualTo(new Verack());
        h.assertAllReleased();
    }

    @Test
    void everyTruncatedPrefixOfAVersionIsMalformed() {
        byte[] payload = java.util.Arrays.copyOfRange(VERSION_FRAME, 24, VERSION_FRAME.length);
        // net_processing.cpp reads version, services, time and addrMe unconditionally (46 bytes);
        // addrFrom, nonce, user agent, height and relay only "if (!vRecv.empty())"
        for (int cut = 0; cut < 46; cut++) {
            Harness h = new Harness(false);
            h.ch.writeInbound(h.raw("version", HEX.formatHex(payload, 0, cut)));
            assertThat((Object) h.ch.readInbound()).as("cut=%d", cut).isNull();
            assertThat(h.violations()).as("cut=%d", cut).containsExactly(Violation.MALFORMED_PAYLOAD);
            h.assertAllReleased();
        }
    }

    @ParameterizedTest(name = "{0} with count {1}")
    @CsvSource({
            "inv, fd51c3",               // 50,001 > MAX_INV_SZ
            "getdata, fd51c3",           // 50,001 > MAX_INV_SZ
            "addr, fde903",              // 1,001 > MAX_ADDR_TO_SEND
            "addrv2, fde903",            // 1,001 > MAX_ADDR_TO_SEND
            "headers, fdd107",           // 2,001 > MAX_HEADERS_RESULTS
            "inv, ffffffffffffffffff"})  // 2^64 - 1
    void aCountOverTheLimitInTheMisbehavingMessagesDiscourages(String command, String countHex) {
        Harness h = new Harness(false);
        h.ch.writeInbound(h.raw(command, countHex));
        assertThat((Object) h.ch.readInbound()).isNull();
        assertThat(h.violations()).containsExactly(Violation.OVERSIZED_COUNT);
        assertThat(Violation.OVERSIZED_COUNT.outcome()).isEqualTo(Outcome.DISCOURAGE);
        assertThat(h.ch.isOpen()).as("node logic decides the disconnect (noban peers stay)").isTrue();
        h.assertAllReleased();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "inv, 02" + "01000000",                                   // count in range, entries cut short
            "headers, fdd007",                                          // 2,000 = MAX_HEADERS_RESULTS, no entries
            // one addrv2 entry: time, services 0, network 1 (IPv4), address length 513 > MAX_ADDRV2_SIZE
            "addrv2, 01" + "00000000" + "00" + "01" + "fd0102",
            "notfound, fd51c3",                                         // over MAX_INV_SZ, but Core does not punish it
            "inv, fe51c30000",                                          // 50,001 in a non-canonical CompactSize
            "ping, 0123"})
    void otherUndecodablePayloadsAreDroppedWithoutPenalty(String command, String payloadHex) {
        Harness h = new Harness(false);
        h.ch.writeInbound(h.raw(command, payloadHex));
        assertThat((Object) h.ch.readInbound()).isNull();
        assertThat(h.violations()).containsExactly(Violation.MALFORMED_PAYLOAD);
        h.assertAllReleased();
    }

    @Test
    void encodesAMessageAndReportsItsWireSize() {
        Harness h = new Harness(true);
        h.ch.writeOutbound(new Ping(0xefcdab8967452301L));
        ByteBuf frame = h.ch.readOutbound();
        // V1FrameCodecTest's ping frame: same nonce, same checksum
        assertThat(ByteBufUtil.hexDump(frame))
                .isEqualTo("f9beb4d9" + "70696e670000000000000000" + "08000000" + "137ad663" + "0123456789abcdef");
        frame.release();
        assertThat(h.events).containsExactly(new MessageSent("ping", 32));
        h.assertAllReleased();
    }

    @Test
    void encodesAnUnknownMessageUnderItsOwnCommand() {
        Harness h = new Harness(false);
        Message m = new UnknownMessage("sendtxrcncl", Bytes.fromHex("01000000"));
        h.ch.writeOutbound(m);
        RawMessage raw = h.ch.readOutbound();
        assertThat(raw.command()).isEqualTo("sendtxrcncl");
        assertThat(ByteBufUtil.hexDump(raw.payload())).isEqualTo("01000000");
        assertThat(raw.wireBytes()).isEqualTo(28);
        raw.release();
        assertThat(h.events).isEmpty();     // the framer reports the size sent, not the codec
        h.assertAllReleased();
    }

    private static String resource(String name) {
        try (InputStream in = MessageCodecTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
