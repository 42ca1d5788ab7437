package org.btcnode.crypto.hash;

import java.util.Objects;

/**
 * One-shot SipHash-2-4 (Core's crypto/siphash.cpp) keyed by two 64-bit halves {@code k0, k1}: over
 * bytes, and Core's fast paths for a 32-byte hash ({@code SipHashUint256}, as BIP 152 short
 * transaction ids use) with an optional 32-bit extra ({@code SipHashUint256Extra}, an outpoint).
 * Newer Core spells the two fast paths {@code PresaltedSipHasher::operator()}; the results are the
 * same. Every method is static, allocation-free and thread-safe. {@link SipHasher} streams,
 * {@link SipHasher13UJ} is Core's faster hash-table variant.
 */
public final class SipHash {
    // siphash.h: SipHashState initialization constants, "somepseudorandomlygeneratedbytes"
    static final long C0 = 0x736f6d6570736575L;
    static final long C1 = 0x646f72616e646f6dL;
    static final long C2 = 0x6c7967656e657261L;
    static final long C3 = 0x7465646279746573L;
    /** siphash.h: FINALIZER, the standard v2 ^= 0xff before the finalization rounds. */
    static final long FINALIZER = 0xffL;

    private static final int UINT256_LENGTH = 32;

    private SipHash() {}

    /** SipHash-2-4 of {@code data}: {@code CSipHasher(k0, k1).Write(data).Finalize()}. */
    public static long hash(long k0, long k1, byte[] data) {
        return hash(k0, k1, data, 0, data.length);
    }

    /** SipHash-2-4 of {@code length} bytes of {@code data} from {@code offset}. */
    public static long hash(long k0, long k1, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int tail = length & 7;
        long last = LittleEndian.getPartialLong(data, offset + length - tail, tail) | ((long) length << 56);
        return hash24(k0, k1, data, offset, length >>> 3, last);
    }

    /**
     * SipHash-2-4 of a 32-byte value, Core's {@code SipHashUint256(k0, k1, val)}: the same result as
     * {@link #hash(long, long, byte[])} over those 32 bytes, in 5 compressions.
     */
    public static long hashUint256(long k0, long k1, byte[] val) {
        requireUint256(val);
        return hashUint256At(k0, k1, val, 0);
    }

    /** {@link #hashUint256} of the 32 bytes of {@code bytes} at {@code offset}. */
    public static long hashUint256At(long k0, long k1, byte[] bytes, int offset) {
        Objects.checkFromIndexSize(offset, UINT256_LENGTH, bytes.length);
        return hash24(k0, k1, bytes, offset, 4, (long) UINT256_LENGTH << 56);
    }

    /**
     * SipHash-2-4 of a 32-byte value followed by {@code extra} as 4 little-endian bytes, Core's
     * {@code SipHashUint256Extra(k0, k1, val, extra)} (an outpoint: txid and output index).
     */
    public static long hashUint256Extra(long k0, long k1, byte[] val, int extra) {
        requireUint256(val);
        return hashUint256ExtraAt(k0, k1, val, 0, extra);
    }

    /** {@link #hashUint256Extra} of the 32 bytes of {@code bytes} at {@code offset}. */
    public static long hashUint256ExtraAt(long k0, long k1, byte[] bytes, int offset, int extra) {
        Objects.checkFromIndexSize(offset, UINT256_LENGTH, bytes.length);
        return hash24(k0, k1, bytes, offset, 4, ((long) (UINT256_LENGTH + 4) << 56) | (extra & 0xffffffffL));
    }

    static void requireUint256(byte[] val) {
        if (val.length != UINT256_LENGTH) {
            throw new IllegalArgumentException("expected 32 bytes, got " + val.length);
        }
    }

    /**
     * The whole of SipHash-2-4 on locals: {@code blocks} little-endian words from {@code data} at
     * {@code offset}, then {@code last} (the tail bytes with the length in its top byte), then the
     * four finalization rounds.
     */
    private static long hash24(long k0, long k1, byte[] data, int offset, int blocks, long last) {
        long v0 = C0 ^ k0;
        long v1 = C1 ^ k1;
        long v2 = C2 ^ k0;
        long v3 = C3 ^ k1;
        for (int b = 0; b <= blocks; b++) {
            long m = b < blocks ? LittleEndian.getLong(data, offset + 8 * b) : last;
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= FINALIZER;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
