package org.btcnode.core.types;

import java.math.BigInteger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompactTargetTest {
    /** Core's arith_uint256_tests "bignum_SetCompact": compact, value (hex), negative, overflow, GetCompact(negative). */
    private static final Object[][] CORE_CASES = {
            {0x00000000L, "0", false, false, 0L},
            {0x00123456L, "0", false, false, 0L},
            {0x01003456L, "0", false, false, 0L},
            {0x02000056L, "0", false, false, 0L},
            {0x03000000L, "0", false, false, 0L},
            {0x04000000L, "0", false, false, 0L},
            {0x00923456L, "0", false, false, 0L},
            {0x01803456L, "0", false, false, 0L},
            {0x02800056L, "0", false, false, 0L},
            {0x03800000L, "0", false, false, 0L},
            {0x04800000L, "0", false, false, 0L},
            {0x01123456L, "12", false, false, 0x01120000L},
            {0x01fedcbaL, "7e", true, false, 0x01fe0000L},
            {0x02123456L, "1234", false, false, 0x02123400L},
            {0x03123456L, "123456", false, false, 0x03123456L},
            {0x04123456L, "12345600", false, false, 0x04123456L},
            {0x04923456L, "12345600", true, false, 0x04923456L},
            {0x05009234L, "92340000", false, false, 0x05009234L},
            {0x20123456L, "1234560000000000000000000000000000000000000000000000000000000000", false, false, 0x20123456L},
    };

    @Test
    void decodesAndEncodesCoresSetCompactCases() {
        for (Object[] c : CORE_CASES) {
            long compact = (Long) c[0];
            CompactTarget t = CompactTarget.decode(compact);
            String what = Long.toHexString(compact);
            assertThat(t.value()).as(what).isEqualTo(new BigInteger((String) c[1], 16));
            assertThat(t.negative()).as(what).isEqualTo(c[2]);
            assertThat(t.overflow()).as(what).isEqualTo(c[3]);
            assertThat(CompactTarget.encode(t.value(), t.negative())).as(what).isEqualTo(c[4]);
        }
    }

    @Test
    void flagsOverflowPastTwoToThe256() {
        CompactTarget t = CompactTarget.decode(0xff123456L);
        assertThat(t.overflow()).isTrue();
        assertThat(t.negative()).isFalse();
        assertThat(t.isUsable()).isFalse();
        // Boundaries of arith_uint256's overflow rule: mantissa width against size.
        assertThat(CompactTarget.decode(0x22000001L).overflow()).isFalse();
        assertThat(CompactTarget.decode(0x23000001L).overflow()).isTrue();
        assertThat(CompactTarget.decode(0x21000100L).overflow()).isFalse();
        assertThat(CompactTarget.decode(0x22000100L).overflow()).isTrue();
        assertThat(CompactTarget.decode(0x20010000L).overflow()).isFalse();
        assertThat(CompactTarget.decode(0x21010000L).overflow()).isTrue();
    }

    @Test
    void neverEncodesTheSignBit() {
        // arith_uint256_tests: "Make sure that we don't generate compacts with the 0x00800000 bit set"
        assertThat(CompactTarget.encode(BigInteger.valueOf(0x80))).isEqualTo(0x02008000L);
    }

    @Test
    void mainnetDifficultyOneTarget() {
        CompactTarget t = CompactTarget.decode(0x1d00ffffL);
        assertThat(t.value()).isEqualTo(new BigInteger("ffff", 16).shiftLeft(208));
        assertThat(t.isUsable()).isTrue();
    }

    @Property
    void encodedTargetsDecodeToThemselvesWithinTheMantissaPrecision(@ForAll @LongRange(min = 1) long seed) {
        BigInteger target = BigInteger.valueOf(seed).shiftLeft((int) (seed % 190));
        long compact = CompactTarget.encode(target);
        CompactTarget decoded = CompactTarget.decode(compact);
        assertThat(decoded.negative()).isFalse();
        assertThat(decoded.overflow()).isFalse();
        assertThat(decoded.value()).isLessThanOrEqualTo(target);
        // GetCompact keeps the top 23 significant bits or more, so the error is below 2^-15 relative.
        assertThat(target.subtract(decoded.value()).shiftLeft(15)).isLessThan(target);
        assertThat(CompactTarget.encode(decoded.value())).isEqualTo(compact);
    }
}
