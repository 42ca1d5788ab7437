package org.btcnode.core.message;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.wire.WireFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.btcnode.core.wire.WireFormatException.Kind.LIMIT_EXCEEDED;
import static org.btcnode.core.wire.WireFormatException.Kind.TRUNCATED;

/**
 * The entry point and the shared contract of every codec: round trip, every truncated prefix
 * fails as TRUNCATED, junk fails only with WireFormatException. Examples per type, then jqwik
 * properties over generated messages of every type.
 */
class MessagesTest {
    private static final Map<MessageType, Message> SAMPLES = MessageSamples.samples();

    @Test
    void everyTypeHasASample() {
        Set<MessageType> expected = EnumSet.allOf(MessageType.class);
        expected.remove(MessageType.UNKNOWN);
        assertThat(SAMPLES.keySet()).isEqualTo(expected);
        SAMPLES.forEach((type, message) -> assertThat(message.type()).isEqualTo(type));
    }

    @Test
    void samplesRoundTripThroughTheEntryPoint() {
        SAMPLES.forEach((type, message) -> {
            byte[] payload = Messages.encode(message);
            assertThat(Messages.decode(type.command(), payload)).as(type.command()).isEqualTo(message);
            assertThat(Messages.command(message)).isEqualTo(type.command());
            if (type.shortId() != 0) {   // the BIP 324 path: short id, then payload
                assertThat(Messages.decode(MessageType.fromShortId(type.shortId()).orElseThrow(), payload)).isEqualTo(message);
            }
        });
    }

    /** STYLE 9: every prefix of every sample is TRUNCATED, except where version's optional fields may end. */
    @Test
    void everyTruncatedPrefixOfEverySampleIsTruncated() {
        SAMPLES.forEach((type, message) -> {
            byte[] payload = Messages.encode(message);
            for (int cut = 0; cut < payload.length; cut++) {
                byte[] prefix = TestVectors.prefix(payload, cut);
                if (type == MessageType.VERSION && versionMayEndAt(cut, (Version) message)) {
                    assertThat(Messages.decode("version", prefix)).isInstanceOf(Version.class);
                    continue;
                }
                String what = type.command() + " cut at " + cut + " of " + payload.length;
                TestVectors.assertFails(TRUNCATED, what, () -> Messages.decode(type.command(), prefix));
            }
        });
    }

    /** Offsets at which a version message is complete: after addrTo, nonce, user agent, height. */
    private static boolean versionMayEndAt(int cut, Version v) {
        int afterAddrTo = 4 + 8 + 8 + Version.Endpoint.SIZE;
        int afterNonce = afterAddrTo + Version.Endpoint.SIZE + 8;
        int uaLength = v.userAgent().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int afterUserAgent = afterNonce + org.btcnode.core.wire.WireWriter.compactSizeLength(uaLength) + uaLength;
        return cut == afterAddrTo || cut == afterNonce || cut == afterUserAgent || cut == afterUserAgent + 4;
    }

    @Test
    void extraBytesAfterTheLastFieldAreIgnoredAsCoreDoes() {
        SAMPLES.forEach((type, message) -> {
            byte[] payload = Messages.encode(message);
            byte[] longer = Arrays.copyOf(payload, payload.length + 3);
            assertThat(Messages.decode(type.command(), longer)).as(type.command()).isEqualTo(message);
        });
    }

    @Test
    void anUnknownCommandIsPassedUpWithItsBytesNotFailed() {
        byte[] payload = TestVectors.hex("0102030405");
        Message m = Messages.decode("sendtxrcncl", payload);
        assertThat(m).isEqualTo(new UnknownMessage("sendtxrcncl", Bytes.of(payload)));
        assertThat(m.type()).isEqualTo(MessageType.UNKNOWN);
        assertThat(Messages.encode(m)).isEqualTo(payload);
        assertThat(Messages.command(m)).isEqualTo("sendtxrcncl");
        payload[0] = 9;   // the message holds a copy
        assertThat(((UnknownMessage) m).payload().get(0)).isEqualTo((byte) 1);
    }

    @Test
    void aPayloadOverMaxProtocolMessageLengthIsRefusedBeforeDecoding() {
        byte[] tooLong = new byte[Messages.MAX_PROTOCOL_MESSAGE_LENGTH + 1];
        TestVectors.assertFails(LIMIT_EXCEEDED, () -> Messages.decode("ping", tooLong));
        TestVectors.assertFails(LIMIT_EXCEEDED, () -> Messages.decode("whatever", tooLong));
        TestVectors.assertFails(LIMIT_EXCEEDED, () -> Messages.decode(MessageType.BLOCK, tooLong));
        TestVectors.assertFails(LIMIT_EXCEEDED, () -> Messages.checkLength(0xffffffffL));
        // exactly the limit is fine (a cfilter this large is absurd but well-formed)
        byte[] atLimit = new byte[Messages.MAX_PROTOCOL_MESSAGE_LENGTH];
        assertThat(Messages.decode("ping", atLimit)).isEqualTo(new Ping(0));
    }

    @Test
    void encodingRefusesWhatCoreWouldRefuseToReceive() {
        UnknownMessage huge = new UnknownMessage("huge", Bytes.of(new byte[Messages.MAX_PROTOCOL_MESSAGE_LENGTH + 1]));
        assertThatThrownBy(() -> Messages.encode(huge)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- properties over every message type ----

    @Provide
    Arbitrary<Message> messages() {
        return MessageSamples.anyMessage();
    }

    @Property
    void decodeOfEncodeIsTheMessage(@ForAll("messages") Message m) {
        assertThat(Messages.decode(Messages.command(m), Messages.encode(m))).isEqualTo(m);
    }

    @Property(tries = 300)
    void everyEncodingCutAtEveryByteFailsOnlyWithWireFormatException(@ForAll("messages") Message m) {
        byte[] payload = Messages.encode(m);
        String command = Messages.command(m);
        for (int cut = 0; cut < payload.length; cut++) {
            byte[] prefix = TestVectors.prefix(payload, cut);
            Throwable t = catchThrowable(() -> Messages.decode(command, prefix));
            if (t == null) {
                // only a version ending where its optional fields may end, or an unknown message, decodes
                assertThat(m.type()).isIn(MessageType.VERSION, MessageType.UNKNOWN);
            } else {
                assertThat(t).isInstanceOf(WireFormatException.class);
                assertThat(((WireFormatException) t).kind()).as(t.getMessage()).isEqualTo(TRUNCATED);
            }
        }
    }

    @Provide
    Arbitrary<MessageType> knownTypes() {
        return Arbitraries.of(MessageType.class).filter(t -> t != MessageType.UNKNOWN);
    }

    @Provide
    Arbitrary<byte[]> junk() {
        return Arbitraries.oneOf(
                uniformBytes(),
                // junk with plausible small counts every 7 bytes, so that decoders get past the first fields
                uniformBytes().map(b -> {
                    for (int i = 0; i < b.length; i += 7) {
                        b[i] = (byte) (b[i] & 0x07);
                    }
                    return b;
                }));
    }

    private static Arbitrary<byte[]> uniformBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 3000)
    void junkFailsOnlyWithWireFormatException(@ForAll("knownTypes") MessageType type, @ForAll("junk") byte[] junk) {
        Message decoded;
        try {
            decoded = Messages.decode(type.command(), junk);
        } catch (WireFormatException e) {
            return;
        }
        // what decodes is a valid value: it encodes and decodes to itself
        assertThat(Messages.decode(type.command(), Messages.encode(decoded))).isEqualTo(decoded);
    }

    /** Valid encodings with a few bytes overwritten: the junk most likely to get deep into a decoder. */
    @Property(tries = 3000)
    void mutatedEncodingsFailOnlyWithWireFormatException(@ForAll("messages") Message m, @ForAll long seed) {
        byte[] payload = Messages.encode(m);
        if (payload.length == 0) {
            return;
        }
        java.util.Random random = new java.util.Random(seed);
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            int[] interesting = {0, 1, 0x7f, 0xfc, 0xfd, 0xfe, 0xff};
            int value = random.nextBoolean() ? random.nextInt(256) : interesting[random.nextInt(interesting.length)];
            payload[random.nextInt(payload.length)] = (byte) value;
        }
        String command = Messages.command(m);
        Message decoded;
        try {
            decoded = Messages.decode(command, payload);
        } catch (WireFormatException e) {
            return;
        }
        assertThat(Messages.decode(command, Messages.encode(decoded))).isEqualTo(decoded);
    }
}
