package org.btcnode.core.types;

import java.math.BigInteger;

/**
 * A proof-of-work target decoded from the compact "nBits" form, with Core's negative and overflow
 * flags ({@code arith_uint256::SetCompact}). The value is what Core's 256-bit arithmetic holds:
 * bits shifted past 2^256 are lost (only possible when {@link #overflow()} is set). Immutable.
 */
public record CompactTarget(BigInteger value, boolean negative, boolean overflow) {
    private static final BigInteger MOD_256 = BigInteger.ONE.shiftLeft(256);

    /** arith_uint256.cpp: SetCompact. Size in the top byte, 23-bit mantissa, sign bit 0x00800000. */
    public static CompactTarget decode(long compact) {
        int size = (int) ((compact >>> 24) & 0xff);
        long word = compact & 0x007fffffL;
        BigInteger value;
        if (size <= 3) {
            word >>>= 8 * (3 - size); // as Core, the flags below look at the shifted mantissa
            value = BigInteger.valueOf(word);
        } else {
            value = BigInteger.valueOf(word).shiftLeft(8 * (size - 3)).mod(MOD_256);
        }
        boolean negative = word != 0 && (compact & 0x00800000L) != 0;
        boolean overflow = word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        return new CompactTarget(value, negative, overflow);
    }

    /** arith_uint256.cpp: GetCompact for a value below 2^256. */
    public static long encode(BigInteger target) {
        return encode(target, false);
    }

    /** arith_uint256.cpp: GetCompact(fNegative); the sign bit is set only on a non-zero mantissa. */
    public static long encode(BigInteger target, boolean negative) {
        if (target.signum() < 0 || target.bitLength() > 256) {
            throw new IllegalArgumentException("a target is an unsigned 256-bit number: " + target);
        }
        int size = (target.bitLength() + 7) / 8;
        long compact;
        if (size <= 3) {
            compact = target.longValue() << (8 * (3 - size));
        } else {
            compact = target.shiftRight(8 * (size - 3)).longValue();
        }
        // The 0x00800000 bit is the sign: if the mantissa would set it, divide by 256 and grow the size.
        if ((compact & 0x00800000L) != 0) {
            compact >>>= 8;
            size++;
        }
        compact |= (long) size << 24;
        if (negative && (compact & 0x007fffffL) != 0) {
            compact |= 0x00800000L;
        }
        return compact & 0xffffffffL;
    }

    /** True when Core would accept this as a target at all: not negative, not zero, no overflow. */
    public boolean isUsable() {
        return !negative && !overflow && value.signum() != 0;
    }
}
