package org.btcnode.crypto.hash;

import java.util.Objects;

/**
 * Streaming SipHash-2-4, Core's {@code CSipHasher} (crypto/siphash.h): write bytes or 64-bit words,
 * read the hash with {@link #finalizeHash()} and keep writing if wanted. Allocation-free after
 * construction; mutable, for one thread. For one-shot hashes use {@link SipHash}.
 */
public final class SipHasher {
    private final SipState state;
    private final SipState scratch;
    private long tmp;
    private int count; // only the low 8 bits of the input length matter

    /** A SipHash-2-4 keyed with the 128-bit key (k0, k1). */
    public SipHasher(long k0, long k1) {
        state = new SipState(k0, k1);
        scratch = new SipState(k0, k1);
    }

    /**
     * Hashes a 64-bit word as its 8 little-endian bytes. As in Core, only allowed while the bytes
     * written so far are a multiple of 8.
     *
     * @throws IllegalStateException if a partial block is pending
     */
    public SipHasher write(long data) {
        if ((count & 7) != 0) {
            throw new IllegalStateException("write(long) after " + count + " bytes, not a multiple of 8");
        }
        state.compress(data, 2);
        count += 8;
        return this;
    }

    /** Hashes {@code data}. */
    public SipHasher write(byte[] data) {
        return write(data, 0, data.length);
    }

    /** Hashes {@code length} bytes of {@code data} from {@code offset}. */
    public SipHasher write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int end = offset + length;
        int i = offset;
        // finish a pending partial block byte by byte, then take whole words, then the rest
        while (i < end && (count & 7) != 0) {
            tmp |= (data[i++] & 0xffL) << (8 * (count & 7));
            count++;
            if ((count & 7) == 0) {
                state.compress(tmp, 2);
                tmp = 0;
            }
        }
        for (; end - i >= 8; i += 8) {
            state.compress(LittleEndian.getLong(data, i), 2);
            count += 8;
        }
        int rest = end - i;
        if (rest > 0) {
            tmp = LittleEndian.getPartialLong(data, i, rest);
            count += rest;
        }
        return this;
    }

    /**
     * The SipHash-2-4 of everything written so far (Core's {@code Finalize()}); the hasher is left
     * as it was.
     */
    public long finalizeHash() {
        long last = tmp | ((long) (count & 0xff) << 56);
        SipState s = scratch.copyFrom(state);
        s.compress(last, 2);
        return s.finish(SipHash.FINALIZER, 4);
    }
}
