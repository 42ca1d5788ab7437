package org.btcnode.crypto.cipher;


/**
 * Poly1305 (RFC 8439 section 2.5) in the form the ChaCha20-Poly1305 AEAD uses it: every input is
 * zero-padded to a multiple of 16 bytes, so each block is a full one. Five 26-bit limbs in longs,
 * the arrangement of poly1305-donna's 32-bit code. One instance per AEAD; reset by {@link #init}.
 */
final class Poly1305 {
    static final int TAG_LENGTH = 16;
    private static final long M26 = 0x3ffffff;

    private long r0, r1, r2, r3, r4, s1, s2, s3, s4;
    private long h0, h1, h2, h3, h4;
    private int pad0, pad1, pad2, pad3;
    private final byte[] partial = new byte[TAG_LENGTH];

    /** Starts a MAC with the 32-byte one-time key at {@code offset} of {@code key} (r, then s). */
    void init(byte[] key, int offset) {
        // clamp r (RFC 8439 section 2.5) while splitting it into limbs
        r0 = u32(key, offset) & 0x3ffffff;
        r1 = (u32(key, offset + 3) >>> 2) & 0x3ffff03;
        r2 = (u32(key, offset + 6) >>> 4) & 0x3ffc0ff;
        r3 = (u32(key, offset + 9) >>> 6) & 0x3f03fff;
        r4 = (u32(key, offset + 12) >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        h0 = h1 = h2 = h3 = h4 = 0;
        pad0 = LittleEndianInts.get(key, offset + 16);
        pad1 = LittleEndianInts.get(key, offset + 20);
        pad2 = LittleEndianInts.get(key, offset + 24);
        pad3 = LittleEndianInts.get(key, offset + 28);
    }

    /** Absorbs {@code length} bytes, zero-padded to a multiple of 16 (the AEAD's padding). */
    void updatePadded(byte[] m, int offset, int length) {
        int full = length & ~15;
        if (full > 0) {
            blocks(m, offset, full, 1L << 24);
        }
        int rest = length - full;
        if (rest > 0) {
            java.util.Arrays.fill(partial, (byte) 0);
            System.arraycopy(m, offset + full, partial, 0, rest);
            blocks(partial, 0, TAG_LENGTH, 1L << 24);
        }
    }

    /**
     * Plain Poly1305 of a whole message (RFC 8439 section 2.5): a short last block gets a 1 byte
     * after it instead of zero padding. The AEAD never needs it; the RFC's MAC vectors do.
     */
    static byte[] mac(byte[] key, byte[] m) {
        Poly1305 poly = new Poly1305();
        poly.init(key, 0);
        int full = m.length & ~15;
        if (full > 0) {
            poly.blocks(m, 0, full, 1L << 24);
        }
        int rest = m.length - full;
        if (rest > 0) {
            byte[] last = new byte[TAG_LENGTH];
            System.arraycopy(m, full, last, 0, rest);
            last[rest] = 1;
            poly.blocks(last, 0, TAG_LENGTH, 0);
        }
        byte[] tag = new byte[TAG_LENGTH];
        poly.tag(tag, 0);
        return tag;
    }

    /** Absorbs the AEAD's closing block: the AAD and ciphertext lengths, 64-bit little-endian each. */
    void updateLengths(long aadLength, long ciphertextLength) {
        LittleEndianInts.set(partial, 0, (int) aadLength);
        LittleEndianInts.set(partial, 4, (int) (aadLength >>> 32));
        LittleEndianInts.set(partial, 8, (int) ciphertextLength);
        LittleEndianInts.set(partial, 12, (int) (ciphertextLength >>> 32));
        blocks(partial, 0, TAG_LENGTH, 1L << 24);
    }

    /** Absorbs whole 16-byte blocks; {@code hibit} is 2^128 in the top limb, or 0 for a padded last block. */
    private void blocks(byte[] m, int offset, int length, long hibit) {
        long a0 = h0, a1 = h1, a2 = h2, a3 = h3, a4 = h4;
        for (int end = offset + length; offset < end; offset += 16) {
            a0 += u32(m, offset) & M26;
            a1 += (u32(m, offset + 3) >>> 2) & M26;
            a2 += (u32(m, offset + 6) >>> 4) & M26;
            a3 += (u32(m, offset + 9) >>> 6) & M26;
            a4 += (u32(m, offset + 12) >>> 8) | hibit;
            long d0 = a0 * r0 + a1 * s4 + a2 * s3 + a3 * s2 + a4 * s1;
            long d1 = a0 * r1 + a1 * r0 + a2 * s4 + a3 * s3 + a4 * s2;
            long d2 = a0 * r2 + a1 * r1 + a2 * r0 + a3 * s4 + a4 * s3;
            long d3 = a0 * r3 + a1 * r2 + a2 * r1 + a3 * r0 + a4 * s4;
            long d4 = a0 * r4 + a1 * r3 + a2 * r2 + a3 * r1 + a4 * r0;
            long c = d0 >>> 26;
            a0 = d0 & M26;
            d1 += c;
            c = d1 >>> 26;
            a1 = d1 & M26;
            d2 += c;
            c = d2 >>> 26;
            a2 = d2 & M26;
            d3 += c;
            c = d3 >>> 26;
            a3 = d3 & M26;
            d4 += c;
            c = d4 >>> 26;
            a4 = d4 & M26;
            a0 += c * 5;
            c = a0 >>> 26;
            a0 &= M26;
            a1 += c;
        }
        h0 = a0;
        h1 = a1;
        h2 = a2;
        h3 = a3;
        h4 = a4;
    }

    /** Writes the 16-byte tag to {@code out} at {@code offset}. */
    void tag(byte[] out, int offset) {
        long a0 = h0, a1 = h1, a2 = h2, a3 = h3, a4 = h4;
        long c = a1 >>> 26;
        a1 &= M26;
        a2 += c;
        c = a2 >>> 26;
        a2 &= M26;
        a3 += c;
        c = a3 >>> 26;
        a3 &= M26;
        a4 += c;
        c = a4 >>> 26;
        a4 &= M26;
        a0 += c * 5;
        c = a0 >>> 26;
        a0 &= M26;
        a1 += c;
        // g = h + 5 - 2^130; keep g if it did not go negative, i.e. h >= p (without a branch)
        long g0 = a0 + 5;
        c = g0 >>> 26;
        g0 &= M26;
        long g1 = a1 + c;
        c = g1 >>> 26;
        g1 &= M26;
        long g2 = a2 + c;
        c = g2 >>> 26;
        g2 &= M26;
        long g3 = a3 + c;
        c = g3 >>> 26;
        g3 &= M26;
        long g4 = a4 + c - (1L << 26);
        long mask = (g4 >>> 63) - 1;
        a0 = (a0 & ~mask) | (g0 & mask);
        a1 = (a1 & ~mask) | (g1 & mask);
        a2 = (a2 & ~mask) | (g2 & mask);
        a3 = (a3 & ~mask) | (g3 & mask);
        a4 = (a4 & ~mask) | (g4 & mask);
        long w0 = (a0 | (a1 << 26)) & 0xffffffffL;
        long w1 = ((a1 >>> 6) | (a2 << 20)) & 0xffffffffL;
        long w2 = ((a2 >>> 12) | (a3 << 14)) & 0xffffffffL;
        long w3 = ((a3 >>> 18) | (a4 << 8)) & 0xffffffffL;
        long f = w0 + (pad0 & 0xffffffffL);
        LittleEndianInts.set(out, offset, (int) f);
        f = w1 + (pad1 & 0xffffffffL) + (f >>> 32);
        LittleEndianInts.set(out, offset + 4, (int) f);
        f = w2 + (pad2 & 0xffffffffL) + (f >>> 32);
        LittleEndianInts.set(out, offset + 8, (int) f);
        f = w3 + (pad3 & 0xffffffffL) + (f >>> 32);
        LittleEndianInts.set(out, offset + 12, (int) f);
    }

    private static long u32(byte[] b, int offset) {
        return LittleEndianInts.get(b, offset) & 0xffffffffL;
    }
}
