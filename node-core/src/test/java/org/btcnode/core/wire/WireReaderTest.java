package org.btcnode.core.wire;

import java.util.HexFormat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireReaderTest {
    private static WireReader hex(String h) {
        return new WireReader(HexFormat.of().parseHex(h));
    }

    @Test
    void readsLittleEndianIntegers() {
        assertThat(hex("01020304").readInt32()).isEqualTo(0x04030201);
        assertThat(hex("ffffffff").readUint32()).isEqualTo(0xffffffffL);
        assertThat(hex("0102030405060708").readInt64()).isEqualTo(0x0807060504030201L);
        assertThat(hex("208d").readUint16BigEndian()).isEqualTo(8333);
    }

    @Test
    void rejectsNonCanonicalCompactSizeAsCore() {
        // serialize.h: each wider form must carry a value the narrower form cannot hold
        for (String h : new String[] {"fdfc00", "fe ffff0000".replace(" ", ""), "ffffffffff00000000"}) {
            assertThatThrownBy(() -> hex(h).readCompactSize(Long.MAX_VALUE))
                    .isInstanceOfSatisfying(WireFormatException.class,
                            e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.NON_CANONICAL));
        }
        assertThat(hex("fdfd00").readCompactSize(Long.MAX_VALUE)).isEqualTo(0xfd);
        assertThat(hex("fe00000100").readCompactSize(Long.MAX_VALUE)).isEqualTo(0x10000);
        assertThat(hex("ff0000000001000000").readCompactSize(Long.MAX_VALUE)).isEqualTo(0x100000000L);
    }

    @Test
    void enforcesLimitsBeforeAllocating() {
        assertThatThrownBy(() -> hex("fe01000002").readVarBytes(Integer.MAX_VALUE))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.LIMIT_EXCEEDED));
        assertThatThrownBy(() -> hex("fdff7f").readVarBytes(Integer.MAX_VALUE))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.TRUNCATED));
        assertThatThrownBy(() -> hex("fde803").readList(1000, 36, WireReader::readInt32))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.TRUNCATED));
    }

    @Property
    void compactSizeRoundTrips(@ForAll long value) {
        byte[] bytes = new WireWriter().writeCompactSize(value).toByteArray();
        assertThat(bytes).hasSize(WireWriter.compactSizeLength(value));
        assertThat(new WireReader(bytes).readCompactSize(-1L)).isEqualTo(value);
    }
}
