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

class SipHashTest {
    private static final List<SipVectors> VECTORS = SipVectors.all();

    @Test
    void hashesEveryVectorOfSiphashJson() {
        assertThat(VECTORS).hasSize(146);
        for (SipVectors v : VECTORS) {
            byte[] input = v.input();
            assertThat(SipHash.hash(v.k0(), v.k1(), input)).as(v.toString()).isEqualTo(v.siphash24());
            byte[] padded = new byte[input.length + 9];      // the same bytes at an offset
            System.arraycopy(input, 0, padded, 5, input.length);
            assertThat(SipHash.hash(v.k0(), v.k1(), padded, 5, input.length)).as(v.toString()).isEqualTo(v.siphash24());
        }
    }

    @Test
    void fastPathsHashTheUint256AndUint256ExtraRows() {
        int uint256Rows = 0;
        int extraRows = 0;
        for (SipVectors v : VECTORS) {
            List<byte[]> p = v.pieces();
            if (p.size() == 1 && p.get(0).length == 32) {     // Core: SipHashUint256(k0, k1, hash)
                assertThat(SipHash.hashUint256(v.k0(), v.k1(), p.get(0))).as(v.toString()).isEqualTo(v.siphash24());
                byte[] shifted = new byte[40];
                System.arraycopy(p.get(0), 0, shifted, 3, 32);
                assertThat(SipHash.hashUint256At(v.k0(), v.k1(), shifted, 3)).isEqualTo(v.siphash24());
                uint256Rows++;
            } else if (p.size() == 2 && p.get(0).length == 32 && p.get(1).length == 4) {
                // Core: SipHashUint256Extra(k0, k1, hash, extra), the extra as 4 little-endian bytes
                int extra = (int) LittleEndian.getPartialLong(p.get(1), 0, 4);
                assertThat(SipHash.hashUint256Extra(v.k0(), v.k1(), p.get(0), extra))
                        .as(v.toString()).isEqualTo(v.siphash24());
                byte[] shifted = new byte[33];
                System.arraycopy(p.get(0), 0, shifted, 1, 32);
                assertThat(SipHash.hashUint256ExtraAt(v.k0(), v.k1(), shifted, 1, extra)).isEqualTo(v.siphash24());
                extraRows++;
            }
        }
        assertThat(uint256Rows).isGreaterThanOrEqualTo(10);
        assertThat(extraRows).isGreaterThanOrEqualTo(10);
    }

    @Test
    void refusesInputsThatAreNot32Bytes() {
        assertThatThrownBy(() -> SipHash.hashUint256(0, 0, new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipHash.hashUint256Extra(0, 0, new byte[33], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipHash.hashUint256At(0, 0, new byte[40], 9))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SipHash.hash(0, 0, new byte[10], 4, 7)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Property
    void fastPathsEqualTheGeneralHash(@ForAll long k0, @ForAll long k1, @ForAll @Size(value = 36) byte[] bytes) {
        int extra = (int) LittleEndian.getPartialLong(bytes, 32, 4);
        byte[] val = Arrays.copyOf(bytes, 32);
        assertThat(SipHash.hashUint256(k0, k1, val)).isEqualTo(SipHash.hash(k0, k1, val));
        assertThat(SipHash.hashUint256Extra(k0, k1, val, extra)).isEqualTo(SipHash.hash(k0, k1, bytes));
    }

    @Property
    void offsetVariantEqualsOneShot(@ForAll long k0, @ForAll @Size(max = 100) byte[] data,
            @ForAll @IntRange(max = 100) int from, @ForAll @IntRange(max = 100) int length) {
        int start = Math.min(from, data.length);
        int n = Math.min(length, data.length - start);
        assertThat(SipHash.hash(k0, ~k0, data, start, n))
                .isEqualTo(SipHash.hash(k0, ~k0, Arrays.copyOfRange(data, start, start + n)));
    }
}
