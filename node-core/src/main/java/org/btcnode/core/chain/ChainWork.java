package org.btcnode.core.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.btcnode.core.types.CompactTarget;

/**
 * An amount of proof of work: the expected number of hashes behind a block or a chain (Core's
 * {@code nChainWork}, an {@code arith_uint256}). Unsigned, below 2^256. Immutable.
 */
public record ChainWork(BigInteger value) implements Comparable<ChainWork> {
    public static final ChainWork ZERO = new ChainWork(BigInteger.ZERO);
    /** Bytes of the serialised form. */
    public static final int SIZE = 32;

    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    public ChainWork {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("chain work is an unsigned 256-bit number: " + value);
        }
    }

    /**
     * chain.cpp: GetBlockProof, the work of one block with these bits: 2^256 / (target + 1), zero
     * for a negative, overflowing or zero target.
     */
    public static ChainWork ofBits(long bits) {
        CompactTarget target = CompactTarget.decode(bits);
        if (!target.isUsable()) {
            return ZERO;
        }
        return new ChainWork(TWO_256.divide(target.value().add(BigInteger.ONE)));
    }

    public ChainWork add(ChainWork other) {
        return new ChainWork(value.add(other.value));
    }

    /** Big-endian, 32 bytes (the order {@link #toString()} prints). */
    public byte[] toBytes() {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[SIZE];
        int copy = Math.min(raw.length, SIZE);
        System.arraycopy(raw, raw.length - copy, out, SIZE - copy, copy);
        return out;
    }

    public static ChainWork fromBytes(byte[] bigEndian, int offset) {
        return new ChainWork(new BigInteger(1, Arrays.copyOfRange(bigEndian, offset, offset + SIZE)));
    }

    public boolean isAtLeast(ChainWork other) {
        return value.compareTo(other.value) >= 0;
    }

    @Override
    public int compareTo(ChainWork o) {
        return value.compareTo(o.value);
    }

    /** 64 hex digits, as {@code getblockchaininfo}'s {@code chainwork}. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
