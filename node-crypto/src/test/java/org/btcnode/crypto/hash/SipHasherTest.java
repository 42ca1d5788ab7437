package org.btcnode.crypto.hash;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipHasherTest {
    private static final List<SipVectors> VECTORS = SipVectors.all();

    @Test
    void streamsEveryVectorOfSiphashJsonPieceByPiece() {
        for (SipVectors v : VECTORS) {
            SipHasher hasher = new SipHasher(v.k0(), v.k1());
            v.pieces().forEach(hasher::write);
            assertThat(hasher.finalizeHash()).as(v.toString()).isEqualTo(v.siphash24());
            assertThat(hasher.finalizeHash()).as("finalizing leaves the state").isEqualTo(v.siphash24());
        }
    }

    @Test
    void writesAlignedEightBytePiecesAsWords() {
        int rows = 0;
        for (SipVectors v : VECTORS) {
            if (v.pieces().stream().allMatch(p -> p.length == 8)) {
                // Core's Write(uint64_t): the word whose little-endian bytes are the piece
                SipHasher hasher = new SipHasher(v.k0(), v.k1());
                v.pieces().forEach(p -> hasher.write(LittleEndian.getLong(p, 0)));
                assertThat(hasher.finalizeHash()).as(v.toString()).isEqualTo(v.siphash24());
                rows++;
            }
        }
        assertThat(rows).isGreaterThanOrEqualTo(10);
    }

    @Test
    void refusesAWordAfterAPartialBlockAsCoreAsserts() {
        SipHasher hasher = new SipHasher(1, 2).write(new byte[3]);
        assertThatThrownBy(() -> hasher.write(7L)).isInstanceOf(IllegalStateException.class);
        assertThat(new SipHasher(1, 2).write(new byte[8]).write(7L).finalizeHash())
                .isEqualTo(SipHash.hash(1, 2, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void keepsOnlyTheLowByteOfTheLengthAsCore() {
        // the length byte wraps at 256: 300 bytes are padded as if 44 (Core's uint8_t m_count)
        byte[] data = new byte[300];
        Arrays.fill(data, (byte) 0x61);
        SipHasher hasher = new SipHasher(3, 4);
        for (int i = 0; i < 300; i += 7) {
            hasher.write(data, i, Math.min(7, 300 - i));
        }
        assertThat(hasher.finalizeHash()).isEqualTo(SipHash.hash(3, 4, data));
    }

    @Property
    void anySplitOfTheInputEqualsTheOneShotHash(@ForAll long k0, @ForAll long k1,
            @ForAll @Size(max = 120) byte[] data, @ForAll @IntRange(max = 120) int cut1,
            @ForAll @IntRange(max = 120) int cut2) {
        int a = Math.min(Math.min(cut1, cut2), data.length);
        int b = Math.min(Math.max(cut1, cut2), data.length);
        SipHasher hasher = new SipHasher(k0, k1).write(data, 0, a).write(data, a, b - a);
        long middle = hasher.finalizeHash();
        assertThat(middle).isEqualTo(SipHash.hash(k0, k1, data, 0, b));
        hasher.write(Arrays.copyOfRange(data, b, data.length));
        assertThat(hasher.finalizeHash()).isEqualTo(SipHash.hash(k0, k1, data));
    }
}
